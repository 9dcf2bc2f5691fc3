package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tanfang.testsupport.TanfangTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint that takes text or files, listed from the controller mappings (a new endpoint is
 * covered without editing this test), is sent hostile input over real HTTP: a NUL character in
 * every text it reads (400), a body over the limit (413), a content type it does not read (415).
 * Each answer is the one error format (status, error, every field with its rule and a message in
 * zh-CN and en, no Java class names) — a friendly page for a browser's page requests — and nothing
 * is written.
 */
@TanfangTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
  private static final String NUL = "a\u0000b";
  private static final List<String> TABLES =
      List.of("elder", "visit", "call_attempt", "visit_answer", "escalation", "app_user");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  final JsonMapper json = JsonMapper.builder().build();
  String csrf;

  /** One endpoint: method, path (variables filled in) and what it reads. */
  record Endpoint(
      String method, String path, Class<?> body, boolean multipart, List<String> textParams) {
    /** Answers programs (the error body), not browsers: the API and the actuator. */
    boolean api() {
      return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  @BeforeAll
  void signInForPages() throws Exception {
    String login = get("/login", "text/html").body();
    String token = csrf(login);
    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    form(
                        Map.of(
                            "username",
                            "admin",
                            "password",
                            "admin-test-password",
                            "_csrf",
                            token)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    csrf = csrf(get("/elders", "text/html").body());
  }

  List<Endpoint> endpoints() {
    List<Endpoint> found = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      HandlerMethod handler = e.getValue();
      if (!handler.getBeanType().getPackageName().startsWith("org.tanfang")) {
        continue;
      }
      Class<?> body = null;
      boolean multipart = false;
      List<String> texts = new ArrayList<>();
      for (MethodParameter p : handler.getMethodParameters()) {
        if (p.hasParameterAnnotation(RequestBody.class)) {
          body = p.getParameterType();
        } else if (p.getParameterType() == MultipartFile.class) {
          multipart = true;
        } else if (p.hasParameterAnnotation(RequestParam.class)) {
          RequestParam rp = p.getParameterAnnotation(RequestParam.class);
          String name = !rp.name().isEmpty() ? rp.name() : rp.value();
          if (name.isEmpty()) {
            name = p.getParameterName();
          }
          if (p.getParameterType() == String.class && name != null) {
            texts.add(name);
          } else if (Map.class.isAssignableFrom(p.getParameterType())) {
            texts.add("text"); // a form read as a whole (resolve): any field
          }
        }
      }
      if (body == null && !multipart && texts.isEmpty()) {
        continue;
      }
      var methods = e.getKey().getMethodsCondition().getMethods();
      String method = methods.isEmpty() ? "POST" : methods.iterator().next().name();
      for (String pattern : e.getKey().getPatternValues()) {
        String path = pattern.replaceAll("\\{username}", "admin").replaceAll("\\{[^}]+}", "1");
        found.add(new Endpoint(method, path, body, multipart, List.copyOf(texts)));
      }
    }
    return found;
  }

  @Test
  void shouldRefuseHostileInputOnEveryEndpointInTheOneFormatWritingNothing() throws Exception {
    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints.stream().map(Endpoint::toString))
        .as("the table is built from the mappings")
        .contains(
            "POST /api/elders",
            "POST /api/speech/classify",
            "POST /api/elders/import",
            "POST /desk/1/notes",
            "GET /api/elders");
    Map<String, Long> before = counts();
    List<String> checked = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      if (endpoint.path().equals("/visit") || endpoint.path().startsWith("/visit/")) {
        // VISITOR accounts only: the admin this test signs in as is refused (403) before anything
        // is read, and RequestLimits runs after Spring Security by design; nothing is written.
        assertThat(sendParams(endpoint).statusCode()).as(endpoint.toString()).isEqualTo(403);
        checked.add(endpoint + " refused (visitors only)");
        continue;
      }
      if (endpoint.body() != null) {
        expectError(endpoint, sendJson(endpoint, nulBody(endpoint.body())), 400, "text.invisible");
        expectError(endpoint, sendJson(endpoint, oversized()), 413, "body.tooLarge");
        expectUnsupported(endpoint, sendPlainText(endpoint));
        checked.add(endpoint + " json");
      } else if (endpoint.multipart()) {
        expectError(endpoint, sendMultipart(endpoint), 400, "text.invisible");
        expectError(endpoint, sendPlainText(endpoint), 415, null);
        checked.add(endpoint + " multipart");
      } else {
        expectError(endpoint, sendParams(endpoint), 400, "text.invisible");
        checked.add(endpoint + " params");
      }
    }
    System.out.println("Hostile input refused on " + checked.size() + " endpoints: " + checked);
    assertThat(counts()).as("nothing written").isEqualTo(before);
  }

  /**
   * The metrics endpoint reads no text of ours but takes Prometheus' {@code includedNames}: hostile
   * names are no failure (no 500, nothing written), and a stranger is refused in the one format.
   */
  @Test
  void shouldAnswerTheMetricsEndpointWithoutFailingOnHostileNamesAndRefuseStrangers()
      throws Exception {
    Map<String, Long> before = counts();
    Endpoint metrics = new Endpoint("GET", "/actuator/prometheus", null, false, List.of());
    for (String names : List.of(NUL, "x".repeat(4000), "\u202e\u200b", "%s%n{}")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      uri(
                          "/actuator/prometheus?includedNames="
                              + URLEncoder.encode(names, StandardCharsets.UTF_8)))
                  .header("Authorization", adminBasic())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("includedNames " + names.length() + " chars").isIn(200, 400);
      assertThat(r.body()).doesNotContainPattern("(java|org|tools)\\.[a-z]+\\.[A-Za-z]");
    }
    HttpResponse<String> stranger =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expectError(metrics, stranger, 401, null);
    assertThat(counts()).as("nothing written").isEqualTo(before);
  }

  private static String adminBasic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString("admin:admin-test-password".getBytes(StandardCharsets.UTF_8));
  }

  /**
   * 415 for a content type the endpoint does not read; but an id in the path (every variable here
   * is 1) that names no case in the caller's scope is refused first, by ScopeGuard, as not found:
   * that is also a refusal in the one format, before the body is read.
   */
  private void expectUnsupported(Endpoint endpoint, HttpResponse<String> r) throws Exception {
    if (r.statusCode() == 404 && endpoint.path().matches(".*/1(/.*)?")) {
      assertThat(r.body()).as(endpoint + " not found").contains("notFound");
      expectError(endpoint, r, 404, null);
      return;
    }
    expectError(endpoint, r, 415, null);
  }

  private void expectError(Endpoint endpoint, HttpResponse<String> r, int status, String rule)
      throws Exception {
    assertThat(r.statusCode()).as(endpoint + " status; body " + r.body()).isEqualTo(status);
    assertThat(r.body())
        .as(endpoint + " leaks no class name")
        .doesNotContainPattern("(java|org|tools)\\.[a-z]+\\.[A-Za-z]");
    if (!endpoint.api() && endpoint.body() == null && !endpoint.method().equals("PUT")) {
      assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("text/html");
      assertThat(r.body()).contains("id=\"error-page\"").contains("data-status=\"" + status + "\"");
      if (rule != null) {
        assertThat(r.body()).contains("U+0000");
      }
      return;
    }
    JsonNode body = json.readTree(r.body());
    assertThat(body.get("status").asInt()).as(endpoint + " " + r.body()).isEqualTo(status);
    assertThat(body.get("error").asString()).isNotBlank();
    assertThat(body.get("errors").isArray() && !body.get("errors").isEmpty()).isTrue();
    for (JsonNode error : body.get("errors").values()) {
      assertThat(error.get("field").asString()).isNotBlank();
      assertThat(error.get("message").get("zh-CN").asString()).isNotBlank();
      assertThat(error.get("message").get("en").asString()).isNotBlank();
    }
    if (rule != null) {
      assertThat(body.get("errors").values().stream().map(e -> e.get("rule").asString()))
          .as(endpoint + " " + r.body())
          .contains(rule);
    }
  }

  /** A NUL in every text component of the request record (and in a field any body may have). */
  private String nulBody(Class<?> type) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        if (c.getType() == String.class) {
          body.put(c.getName(), NUL);
        }
      }
    }
    body.putIfAbsent("text", NUL);
    return json.writeValueAsString(body);
  }

  private static String oversized() {
    return "{\"text\":\"" + "x".repeat(1024 * 1024 + 16) + "\"}";
  }

  private HttpResponse<String> sendJson(Endpoint e, String body) throws Exception {
    return send(e, "application/json", HttpRequest.BodyPublishers.ofString(body), "");
  }

  private HttpResponse<String> sendPlainText(Endpoint e) throws Exception {
    return send(e, "text/plain", HttpRequest.BodyPublishers.ofString("hello"), "");
  }

  private HttpResponse<String> sendParams(Endpoint e) throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    e.textParams().forEach(p -> params.put(p, NUL));
    if (e.method().equals("GET")) {
      return send(e, null, HttpRequest.BodyPublishers.noBody(), "?" + query(params));
    }
    if (!e.api()) {
      params.put("_csrf", csrf);
    }
    return send(
        e,
        "application/x-www-form-urlencoded",
        HttpRequest.BodyPublishers.ofString(query(params)),
        "");
  }

  private HttpResponse<String> sendMultipart(Endpoint e) throws Exception {
    String boundary = "hostile";
    StringBuilder b = new StringBuilder();
    List<String> texts = new ArrayList<>(e.textParams());
    texts.add("note");
    for (String p : texts) {
      b.append("--")
          .append(boundary)
          .append("\r\n")
          .append("Content-Disposition: form-data; name=\"")
          .append(p)
          .append("\"\r\n\r\n")
          .append(NUL)
          .append("\r\n");
    }
    b.append("--")
        .append(boundary)
        .append("\r\n")
        .append("Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n")
        .append("Content-Type: text/csv\r\n\r\nname\r\n")
        .append("--")
        .append(boundary)
        .append("--\r\n");
    String suffix = e.api() ? "" : "?_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    return send(
        e,
        "multipart/form-data; boundary=" + boundary,
        HttpRequest.BodyPublishers.ofString(b.toString()),
        suffix);
  }

  private HttpResponse<String> send(
      Endpoint e, String contentType, HttpRequest.BodyPublisher body, String suffix)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri(e.path() + suffix))
            .method(e.method(), body)
            .header("Accept", e.api() ? "application/json" : "text/html");
    if (contentType != null) {
      r.header("Content-Type", contentType);
    }
    if (e.api()) {
      r.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("admin:admin-test-password".getBytes(StandardCharsets.UTF_8)));
    } else if (!e.method().equals(HttpMethod.GET.name())) {
      r.header("X-CSRF-TOKEN", csrf);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
    if (m.find()) {
      return m.group(1);
    }
    Matcher meta = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(html);
    assertThat(meta.find()).as("a CSRF token on the page").isTrue();
    return meta.group(1);
  }

  private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(query(fields));
  }

  private static String query(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
    }
    return counts;
  }
}
