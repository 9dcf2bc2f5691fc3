package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.TanfangTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one error format over real HTTP, and the pages a browser gets instead of the Whitelabel page
 * or a bare Tomcat page: names with invisible characters refused, type errors for every field and
 * no class names, page sizes and districts checked, friendly 403/404/413/500 in zh-CN and en.
 */
@TanfangTest
class ErrorFormatTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeEach
  void staffAccount() {
    if (jdbc.queryForObject(
            "select count(*) from app_user where username = 'format-staff'", Integer.class)
        == 0) {
      accounts.create("format-staff", "format-test-password", Role.STAFF, "格式测试");
    }
  }

  private HttpResponse<String> send(
      String method, String path, String user, String accept, String contentType, String body)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Accept", accept);
    if (contentType != null) {
      r.header("Content-Type", contentType);
    }
    if (user != null) {
      r.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final String ADMIN = "admin:admin-test-password";

  private JsonNode api(String method, String path, String body, int status) throws Exception {
    HttpResponse<String> r =
        send(method, path, ADMIN, "application/json", "application/json", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).doesNotContainPattern("(java|org|tools)\\.[a-z]+\\.[A-Za-z]");
    return json.readTree(r.body());
  }

  private static List<String> rules(JsonNode body) {
    return body.get("errors").values().stream()
        .map(e -> e.get("field").asString() + " " + e.get("rule").asString())
        .toList();
  }

  @Test
  void shouldRefuseInvisibleAndControlCharactersInNamesAndStoreNothing() throws Exception {
    long elders = jdbc.queryForObject("select count(*) from elder", Long.class);
    for (String name : List.of("\u200b\u200b", "王\u202e华", "李\u200d四", "陈\u0007五")) {
      JsonNode body =
          api(
              "POST",
              "/api/elders",
              "{\"name\":\"" + json.writeValueAsString(name).replace("\"", "") + "\"}",
              400);
      assertThat(rules(body)).contains("name text.invisible");
    }
    assertThat(jdbc.queryForObject("select count(*) from elder", Long.class)).isEqualTo(elders);
  }

  @Test
  void shouldNameEveryMistypedFieldWithoutClassNames() throws Exception {
    JsonNode body =
        api(
            "POST",
            "/api/elders",
            "{\"name\":\"王华\",\"selfCare\":\"yes\",\"consent\":3,\"categories\":\"x\","
                + "\"visitor\":[1],\"emergencyContacts\":[{\"name\":{}}]}",
            400);
    assertThat(body.get("error").asString()).isEqualTo("invalid");
    assertThat(rules(body))
        .containsExactlyInAnyOrder(
            "selfCare type.boolean",
            "consent type.boolean",
            "categories type.list",
            "visitor type.object",
            "emergencyContacts[0].name type.text");
    assertThat(body.get("errors").get(0).get("message").get("zh-CN").asString()).isNotBlank();
  }

  @Test
  void shouldAnswerTextPlainAndUnknownAddressesInTheOneFormat() throws Exception {
    HttpResponse<String> plain =
        send("POST", "/api/elders", ADMIN, "application/json", "text/plain", "hello");
    assertThat(plain.statusCode()).isEqualTo(415);
    assertThat(json.readTree(plain.body()).get("errors").get(0).get("rule").asString())
        .startsWith("body.mediaType");
    JsonNode missing = api("GET", "/api/no-such-thing", null, 404);
    assertThat(rules(missing)).containsExactly("path http.notFound");
    HttpResponse<String> anonymous =
        send("GET", "/api/elders", null, "application/json", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldRefusePageSizesAndDistrictsItWouldOtherwiseChange() throws Exception {
    assertThat(rules(api("GET", "/api/elders?size=-1&page=-2", null, 400)))
        .containsExactlyInAnyOrder("page param.range", "size param.range");
    assertThat(rules(api("GET", "/api/elders?size=100000", null, 400)))
        .containsExactly("size param.range");
    assertThat(rules(api("GET", "/api/elders?district=Atlantis", null, 400)))
        .containsExactly("district district.unknown");
    api("GET", "/api/elders?district=%E7%BE%8E%E5%85%B0%E5%8C%BA&size=10", null, 200);
    assertThat(rules(api("GET", "/api/outcomes?size=0", null, 400)))
        .containsExactly("size param.range");
    assertThat(rules(api("GET", "/api/calls?limit=0", null, 400)))
        .containsExactly("limit param.range");
  }

  /** A browser's session: signed in through the login form. */
  private HttpClient signedIn(String username, String password) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String login =
        browser
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    var m = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
    assertThat(m.find()).isTrue();
    String form =
        "username="
            + username
            + "&password="
            + password
            + "&_csrf="
            + java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> r =
        browser.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(302);
    return browser;
  }

  private HttpResponse<String> page(HttpClient browser, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/html")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    return browser.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldShowFriendlyPagesInChineseAndEnglish() throws Exception {
    HttpClient admin = signedIn("admin", "admin-test-password");
    HttpResponse<String> notFound = page(admin, "GET", "/no-such-page", null);
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.body()).contains("找不到页面").doesNotContain("Whitelabel");
    HttpResponse<String> english = page(admin, "GET", "/no-such-page?lang=en", null);
    assertThat(english.body()).contains("Page not found");
    page(admin, "GET", "/elders?lang=zh_CN", null);

    HttpClient staff = signedIn("format-staff", "format-test-password");
    HttpResponse<String> forbidden = page(staff, "GET", "/outcomes", null);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.body()).contains("无权访问").contains("data-status=\"403\"");

    // Too large for any request that is not a file upload (a GET needs no CSRF token).
    HttpResponse<String> tooLarge =
        page(admin, "GET", "/elders", "{\"text\":\"" + "x".repeat(1100 * 1024) + "\"}");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("内容过大");
  }
}
