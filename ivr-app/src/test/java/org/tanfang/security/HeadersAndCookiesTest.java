package org.tanfang.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tanfang.testsupport.TanfangTest;

/**
 * Response headers and cookie flags over a real socket: the session cookie HttpOnly, SameSite=Lax
 * and Secure when the request came over HTTPS (here through a "proxy" sending X-Forwarded-Proto);
 * Content-Security-Policy, Referrer-Policy, nosniff, no framing; and the templates give the policy
 * nothing to block (no inline scripts, event handlers or style attributes).
 */
@TanfangTest
class HeadersAndCookiesTest {
  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sessionCookie(HttpResponse<?> r) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
  }

  @Test
  void theLoginPageSetsAnHttpOnlyLaxSessionCookieAndTheSecurityHeaders() throws Exception {
    HttpResponse<String> r = get("/login");
    assertThat(r.statusCode()).isEqualTo(200);
    String cookie = sessionCookie(r);
    assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    assertThat(cookie).doesNotContain("Secure");
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .contains("default-src 'self'")
        .contains("script-src 'self'")
        .contains("style-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void overHttpsTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
    HttpResponse<String> r = get("/login", "X-Forwarded-Proto", "https");
    assertThat(sessionCookie(r)).contains("Secure").contains("HttpOnly");
    assertThat(r.headers().firstValue("Strict-Transport-Security")).isPresent();
  }

  @Test
  void theApiAnswersWithTheSameHeaders() throws Exception {
    HttpResponse<String> r = get("/api/elders");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
  }

  /**
   * What the policy would block: inline scripts, on* handlers, javascript: URLs, style attributes.
   */
  @Test
  void theTemplatesNeedNothingThePolicyForbids() throws Exception {
    Pattern inlineScript =
        Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern handler = Pattern.compile("\\s(th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern style = Pattern.compile("\\s(th:)?style\\s*=|<style", Pattern.CASE_INSENSITIVE);
    Pattern jsUrl = Pattern.compile("javascript:|hx-on", Pattern.CASE_INSENSITIVE);
    List<Path> templates;
    try (Stream<Path> s = Files.list(Path.of("src/main/resources/templates"))) {
      templates = s.filter(p -> p.toString().endsWith(".html")).toList();
    }
    assertThat(templates).isNotEmpty();
    for (Path t : templates) {
      String html = Files.readString(t);
      for (Pattern p : List.of(inlineScript, handler, style, jsUrl)) {
        assertThat(p.matcher(html).find())
            .as("%s has %s, which the Content-Security-Policy blocks", t.getFileName(), p)
            .isFalse();
      }
    }
  }
}
