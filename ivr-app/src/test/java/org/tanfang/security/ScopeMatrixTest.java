package org.tanfang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.outcomes.LogFixtures;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.PersonNames;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;
import org.tanfang.testsupport.TestElders;

/**
 * Region scope over every endpoint, the list taken from the controller mappings: an endpoint
 * without a rule here fails the test. Two elders in two districts, each with a case, a phone visit
 * and a dial; accounts at the city, district, street and community levels. Outside the scope an
 * elder or case is 404 (before any action), and no list, count, page or export shows the other
 * elder's name (clear or masked) or phone.
 */
@TanfangTest
class ScopeMatrixTest {
  /** How an endpoint is checked. */
  enum Rule {
    /** {@code {id}} is an elder: outside the scope 404, inside 200 for GET. */
    ELDER,
    /** {@code {id}} is a case: outside 404, inside 200 for GET. */
    CASE,
    /** A list, page, count or export: nothing of the elder outside the scope in the body. */
    LIST,
    /** {@code {visitId}} is a visit: nothing of an elder outside the scope in the body. */
    VISIT,
    /** The desk's event stream: filtered per subscriber (DeskStreamScopeTest-like check below). */
    STREAM,
    /** Shows or changes no elder data (with the reason in the table). */
    NONE
  }

  static final Map<String, Rule> RULES = new TreeMap<>();

  static {
    // registry
    RULES.put("GET /api/elders", Rule.LIST);
    RULES.put(
        "POST /api/elders", Rule.NONE); // creating is checked by scope.outside (ElderScopeTest)
    RULES.put("GET /api/elders/{id}", Rule.ELDER);
    RULES.put("PUT /api/elders/{id}", Rule.ELDER);
    RULES.put("POST /api/elders/{id}/pause", Rule.ELDER);
    RULES.put("POST /api/elders/{id}/resume", Rule.ELDER);
    RULES.put("POST /api/elders/{id}/deceased", Rule.ELDER);
    RULES.put("GET /api/elders/{id}/cycle", Rule.ELDER);
    RULES.put("GET /api/elders/{id}/export", Rule.ELDER);
    RULES.put("GET /elders", Rule.LIST);
    RULES.put("GET /elders/{id}", Rule.ELDER);
    RULES.put("GET /elders/{id}/cycle-card", Rule.ELDER);
    RULES.put("POST /elders/{id}/test-call", Rule.ELDER);
    RULES.put("POST /elders/{id}/phone-pin", Rule.ELDER); // set or reset the line's PIN
    RULES.put("POST /elders/{id}/phone-pin/unlock", Rule.ELDER);
    RULES.put("POST /api/elders/import", Rule.NONE); // writes; rows outside the scope: README
    RULES.put("GET /api/elders/import/template.xlsx", Rule.NONE);
    RULES.put("GET /api/elders/import/template.csv", Rule.NONE);
    RULES.put("GET /elders/import", Rule.NONE);
    RULES.put("POST /elders/import", Rule.NONE);
    // calls
    RULES.put("GET /api/calls", Rule.LIST);
    RULES.put("GET /api/calls/{attemptId}", Rule.LIST);
    RULES.put("POST /api/calls/test", Rule.NONE); // the elder is checked in scope (CallsApi)
    // dev mode: the simulated PBX calls the line from a number; it names no elder
    RULES.put("POST /api/simulator/call-in", Rule.NONE);
    RULES.put("GET /calls", Rule.LIST);
    RULES.put("GET /calls/table", Rule.LIST);
    // desk
    RULES.put("GET /api/escalations", Rule.LIST);
    RULES.put("GET /api/escalations/{id}", Rule.CASE);
    RULES.put("POST /api/escalations/{id}/claim", Rule.CASE);
    RULES.put("POST /api/escalations/{id}/notes", Rule.CASE);
    RULES.put("POST /api/escalations/{id}/reassign", Rule.CASE);
    RULES.put("POST /api/escalations/{id}/resolve", Rule.CASE);
    RULES.put("POST /api/escalations/{id}/call-back", Rule.CASE);
    RULES.put("GET /api/escalations/{id}/answers/{answerId}/recording", Rule.CASE);
    RULES.put("GET /api/escalations/events", Rule.STREAM);
    RULES.put("GET /desk", Rule.LIST);
    RULES.put("GET /desk/queue", Rule.LIST);
    RULES.put("GET /desk/events", Rule.STREAM);
    RULES.put("GET /desk/{id}", Rule.CASE);
    RULES.put("POST /desk/{id}/claim", Rule.CASE);
    RULES.put("POST /desk/{id}/notes", Rule.CASE);
    RULES.put("POST /desk/{id}/reassign", Rule.CASE);
    RULES.put("POST /desk/{id}/call-back", Rule.CASE);
    RULES.put("POST /desk/{id}/resolve", Rule.CASE);
    RULES.put("GET /desk/{id}/answers/{answerId}/recording", Rule.CASE);
    // outcome log and exports, coverage
    RULES.put("GET /api/outcomes", Rule.LIST);
    RULES.put("GET /api/outcomes.csv", Rule.LIST);
    RULES.put("GET /outcomes.csv", Rule.LIST);
    RULES.put("GET /api/outcomes.xlsx", Rule.LIST);
    RULES.put("GET /outcomes.xlsx", Rule.LIST);
    RULES.put("GET /outcomes", Rule.LIST);
    RULES.put("GET /outcomes/{visitId}/calls", Rule.VISIT);
    RULES.put("GET /api/coverage", Rule.LIST);
    RULES.put("GET /audit", Rule.LIST);
    RULES.put("GET /audit.csv", Rule.LIST);
    RULES.put("GET /api/audit", Rule.LIST);
    RULES.put("GET /api/audit.csv", Rule.LIST);
    RULES.put("GET /coverage", Rule.LIST);
    // no elder data
    RULES.put("GET /api/special-rounds", Rule.NONE); // rounds by district and weather
    RULES.put("POST /api/special-rounds", Rule.NONE);
    RULES.put("GET /special-rounds", Rule.NONE);
    RULES.put("POST /special-rounds", Rule.NONE);
    RULES.put("POST /api/speech/classify", Rule.NONE); // text in, intent out
    RULES.put("POST /api/speech/recognize", Rule.NONE);
    RULES.put("GET /api/users/{username}/phone", Rule.NONE); // staff phones, own or by admins
    RULES.put("PUT /api/users/{username}/phone", Rule.NONE);
    RULES.put("GET /api/security/sign-in-locks", Rule.NONE); // admins only
    RULES.put("POST /api/security/sign-in-locks/unlock", Rule.NONE);
    // the retention job: city-wide counts, so city-level admins only (403 otherwise, RetentionTest)
    RULES.put("GET /api/security/retention", Rule.NONE);
    RULES.put("POST /api/security/retention/run", Rule.NONE);
    RULES.put("POST /audit/retention", Rule.NONE);
    RULES.put("GET /api/users", Rule.NONE); // accounts (admins), not elder data
    RULES.put("POST /api/users", Rule.NONE);
    RULES.put("PUT /api/users/{username}", Rule.NONE);
    RULES.put("POST /api/users/{username}/reset-password", Rule.NONE);
    RULES.put("GET /users", Rule.NONE);
    RULES.put("POST /users", Rule.NONE);
    RULES.put("POST /users/{username}", Rule.NONE);
    RULES.put("POST /users/{username}/reset-password", Rule.NONE);
    RULES.put("POST /users/unlock", Rule.NONE);
    RULES.put("GET /password", Rule.NONE); // one's own password
    RULES.put("POST /password", Rule.NONE);
    // supervisors' dashboard, reports and ledgers: the area is narrowed to the caller's scope
    RULES.put("GET /dashboard", Rule.LIST);
    RULES.put("GET /dashboard/list", Rule.LIST);
    RULES.put("GET /dashboard/report.xlsx", Rule.LIST);
    RULES.put("GET /api/reports/monthly.xlsx", Rule.LIST);
    RULES.put("GET /dashboard/ledger.xlsx", Rule.LIST);
    RULES.put("GET /elders/{id}/ledger.xlsx", Rule.ELDER);
    RULES.put("GET /visits/{id}/record", Rule.NONE); // {id} is a visit: its elder in scope or 404
    // the same form as PDF, the same check (RecordPdfTest: 404 outside the scope, 403 for VISITOR)
    RULES.put("GET /visits/{id}/record.pdf", Rule.NONE);
    // storms: a PBX's state, no elder data
    RULES.put("GET /api/storms", Rule.NONE);
    RULES.put("POST /api/storms/{id}/end", Rule.NONE);
    RULES.put("POST /storms/{id}/end", Rule.NONE); // the banner's button; ends a PBX's storm
    // visitors' own pages: VISITOR accounts only (office accounts get 403), bound to the elders
    // whose visitor they are (VisitorPages); creating a visitor account shows no elder data
    RULES.put("POST /api/visitors", Rule.NONE);
    RULES.put("GET /visit", Rule.NONE);
    RULES.put("GET /visit/elders", Rule.NONE);
    RULES.put("GET /visit/elders/{id}", Rule.NONE);
    RULES.put("GET /visit/tasks/{id}", Rule.NONE);
    RULES.put("POST /visit/tasks/{id}", Rule.NONE);
    // voice prompts: the same sentences for every elder, no elder data; approving needs a
    // city-wide supervisor or admin (PromptRecordings)
    RULES.put("GET /api/prompts", Rule.NONE);
    RULES.put("POST /api/prompts/{id}/recordings", Rule.NONE);
    RULES.put("POST /api/prompts/{id}/approve", Rule.NONE);
    RULES.put("POST /api/prompts/{id}/withdraw", Rule.NONE);
    RULES.put("GET /prompts", Rule.NONE);
    RULES.put("GET /prompts/{id}", Rule.NONE);
    RULES.put("GET /prompts/{id}/audio", Rule.NONE);
    RULES.put("POST /prompts/{id}/recordings", Rule.NONE);
    RULES.put("POST /prompts/{id}/approve", Rule.NONE);
    RULES.put("POST /prompts/{id}/withdraw", Rule.NONE);
    RULES.put("GET /login", Rule.NONE);
    RULES.put("GET /", Rule.NONE);
  }

  /**
   * Actuator endpoints (not in the controller mappings) and who reads them: health is open (load
   * balancers; details only when signed in), info for the office, the Prometheus metrics for admins
   * and the scrape token only (README "Metrics and logs").
   */
  static final Map<String, String> ACTUATOR =
      Map.of(
          "/actuator/health", "open",
          "/actuator/info", "office",
          "/actuator/prometheus", "admins or the scrape token");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints actuator;
  @Autowired UserAccounts accounts;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired MutableClock clock;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  Elder meilan;
  Elder longhua;
  long meilanCase;
  long longhuaCase;
  long meilanVisit;
  long longhuaVisit;
  long longhuaAttempt;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    account("m-city", Role.SUPERVISOR, RegionScope.CITY);
    account("m-lh", Role.SUPERVISOR, RegionScope.district("龙华区"));
    account("m-hd", Role.STAFF, RegionScope.street("美兰区", "海甸街道"));
    account("m-yj", Role.SUPERVISOR, RegionScope.community("美兰区", "海甸街道", "沿江社区"));
    meilan =
        elders.create(
            TestElders.form(
                "王建华", TestElders.idNumber(LocalDate.of(1944, 4, 4), 81, true), "13900000081"));
    longhua =
        elders.create(
            TestElders.livingIn(
                TestElders.form(
                    "李秀英", TestElders.idNumber(LocalDate.of(1940, 5, 5), 82, false), "13900000082"),
                "龙华区",
                "中山街道",
                "滨海社区"));
    meilanCase = open(meilan);
    longhuaCase = open(longhua);
    LogFixtures data = new LogFixtures(jdbc);
    meilanVisit = data.phoneVisit(meilan.id(), "ROUTINE", "DONE", "COMPLETED", "2026-03-15T09:00");
    longhuaVisit =
        data.phoneVisit(longhua.id(), "ROUTINE", "DONE", "COMPLETED", "2026-03-15T09:30");
    data.dial(meilanVisit, 1, "ANSWERED", "2026-03-15T09:00");
    data.dial(longhuaVisit, 1, "ANSWERED", "2026-03-15T09:30");
    longhuaAttempt =
        jdbc.queryForObject(
            "select id from call_attempt where visit_id = ?", Long.class, longhuaVisit);
  }

  private void account(String name, Role role, RegionScope scope) {
    if (!accounts.exists(name)) {
      accounts.create(name, "scope-matrix-pw", role, name, scope);
    } else {
      accounts.setScope(name, scope);
    }
  }

  private long open(Elder e) {
    return escalations.open(
        NewEscalation.of(e.id(), EscalationType.FOLLOW_UP, null, null, Text.of("case.note", "测试")));
  }

  private static RequestPostProcessor as(String name, String role) {
    return user(name).roles(role);
  }

  /** Every endpoint the application maps, as "METHOD pattern". */
  private List<String> endpoints() {
    TreeSet<String> all = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      var methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/error")
            || pattern.startsWith("/v3/api-docs")
            || pattern.startsWith("/swagger-ui")) {
          continue; // framework endpoints (error page, OpenAPI docs)
        }
        if (methods.isEmpty()) {
          all.add("ANY " + pattern);
        }
        for (RequestMethod m : methods) {
          all.add(m.name() + " " + pattern);
        }
      }
    }
    return new ArrayList<>(all);
  }

  @Test
  void everyEndpointHasAScopeRule() {
    List<String> missing = endpoints().stream().filter(e -> !RULES.containsKey(e)).toList();
    assertThat(missing)
        .as("endpoints without a rule in ScopeMatrixTest.RULES (decide how scope applies)")
        .isEmpty();
    assertThat(RULES.keySet())
        .as("rules for endpoints that no longer exist")
        .containsAll(endpoints())
        .hasSameSizeAs(endpoints());
  }

  @Test
  void everyActuatorEndpointHasARuleAndTheMetricsAreForAdminsOnly() throws Exception {
    assertThat(new TreeSet<>(actuator.getAllPaths()))
        .as("exposed actuator endpoints without a rule in ScopeMatrixTest.ACTUATOR")
        .isEqualTo(new TreeSet<>(ACTUATOR.keySet()));
    MockHttpServletResponse anonymous =
        mvc.perform(request(HttpMethod.GET, "/actuator/prometheus")).andReturn().getResponse();
    assertThat(anonymous.getStatus()).isEqualTo(401);
    for (String[] who :
        new String[][] {
          {"m-city", "SUPERVISOR"}, {"m-hd", "STAFF"}, {"m-yj", "SUPERVISOR"}, {"admin", "VISITOR"}
        }) {
      assertThat(call("GET", "/actuator/prometheus", who).getStatus())
          .as("metrics as %s", who[0])
          .isEqualTo(403);
    }
    MockHttpServletResponse admin =
        call("GET", "/actuator/prometheus", new String[] {"admin", "ADMIN"});
    assertThat(admin.getStatus()).isEqualTo(200);
    // figures only: no elder's name or phone, whatever the cases and calls
    assertThat(body(admin))
        .contains("tanfang_cases_open")
        .doesNotContain(meilan.name())
        .doesNotContain(longhua.name())
        .doesNotContain("13900000081")
        .doesNotContain("13900000082");
  }

  @Test
  void outsideTheScopeElderAndCaseEndpointsAre404AndInsideGetsAnswer() throws Exception {
    for (String endpoint : endpoints()) {
      Rule rule = RULES.get(endpoint);
      if (rule != Rule.ELDER && rule != Rule.CASE) {
        continue;
      }
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
      long outside = rule == Rule.ELDER ? longhua.id() : longhuaCase;
      long inside = rule == Rule.ELDER ? meilan.id() : meilanCase;
      for (String[] who : new String[][] {{"m-hd", "STAFF"}, {"m-yj", "SUPERVISOR"}}) {
        MockHttpServletResponse r = call(method, path(pattern, outside), who);
        assertThat(r.getStatus())
            .as("%s as %s for the elder outside the scope", endpoint, who[0])
            .isIn(403, 404);
        assertThat(r.getContentAsString(StandardCharsets.UTF_8))
            .doesNotContain(longhua.name())
            .doesNotContain(PersonNames.mask(longhua.name()));
      }
      if (method.equals("GET") && !pattern.contains("recording")) {
        MockHttpServletResponse r =
            call(method, path(pattern, inside), new String[] {"m-yj", "SUPERVISOR"});
        assertThat(r.getStatus()).as("%s inside the scope", endpoint).isEqualTo(200);
      }
    }
    // a district supervisor sees the case of their district, at whatever level it is
    jdbc.update(
        "update escalation set level = 'DISTRICT', state = 'ESCALATED' where id = ?", longhuaCase);
    assertThat(
            call("GET", "/api/escalations/" + longhuaCase, new String[] {"m-lh", "SUPERVISOR"})
                .getStatus())
        .isEqualTo(200);
    assertThat(
            call("GET", "/api/escalations/" + meilanCase, new String[] {"m-lh", "SUPERVISOR"})
                .getStatus())
        .isEqualTo(404);
  }

  @Test
  void listsPagesCountsAndExportsShowNothingOutsideTheScope() throws Exception {
    for (String endpoint : endpoints()) {
      Rule rule = RULES.get(endpoint);
      if (rule != Rule.LIST && rule != Rule.VISIT) {
        continue;
      }
      String pattern =
          endpoint.substring(endpoint.indexOf(' ') + 1)
              + (endpoint.contains("coverage") ? "?month=2026-03" : "");
      String meilanPath =
          pattern
              .replace("{visitId}", String.valueOf(longhuaVisit))
              .replace("{attemptId}", String.valueOf(longhuaAttempt));
      for (String[] who : new String[][] {{"m-hd", "STAFF"}, {"m-yj", "SUPERVISOR"}}) {
        String body = body(call("GET", meilanPath, who));
        assertThat(body)
            .as("%s as %s", endpoint, who[0])
            .doesNotContain(longhua.name())
            .doesNotContain(PersonNames.mask(longhua.name()))
            .doesNotContain("13900000082")
            .doesNotContain("0082");
      }
      String body =
          body(
              call(
                  "GET",
                  pattern
                      .replace("{visitId}", String.valueOf(meilanVisit))
                      .replace("{attemptId}", "1"),
                  new String[] {"m-lh", "SUPERVISOR"}));
      assertThat(body)
          .as("%s as m-lh", endpoint)
          .doesNotContain(meilan.name())
          .doesNotContain(PersonNames.mask(meilan.name()));
    }
    // the checks are not vacuous: inside the scope the elder shows, and counts count only them
    assertThat(body(call("GET", "/api/elders", new String[] {"m-yj", "SUPERVISOR"})))
        .contains(meilan.name())
        .contains("\"total\":1");
    assertThat(body(call("GET", "/api/elders", new String[] {"m-city", "SUPERVISOR"})))
        .contains(meilan.name())
        .contains(longhua.name())
        .contains("\"total\":2");
    assertThat(body(call("GET", "/api/outcomes.csv", new String[] {"m-lh", "SUPERVISOR"})))
        .contains(longhua.name());
    assertThat(body(call("GET", "/api/escalations", new String[] {"m-hd", "STAFF"})))
        .contains(PersonNames.mask(meilan.name()));
    String coverage =
        body(call("GET", "/api/coverage?month=2026-03", new String[] {"m-lh", "SUPERVISOR"}));
    assertThat(coverage).contains("龙华区").doesNotContain("美兰区");
    assertThat(
            body(
                call(
                    "GET",
                    "/api/coverage?month=2026-03&district=龙华区",
                    new String[] {"m-yj", "SUPERVISOR"})))
        .doesNotContain("龙华区");
  }

  @Test
  void nobodyRegistersOrMovesAnElderOutsideTheirScope() throws Exception {
    String outside =
        new tools.jackson.databind.ObjectMapper()
            .writeValueAsString(
                TestElders.livingIn(
                    TestElders.form("周外区", TestElders.idNumber(LocalDate.of(1941, 6, 6), 83, true)),
                    "龙华区",
                    "中山街道",
                    "滨海社区"));
    MockHttpServletResponse r =
        mvc.perform(
                request(HttpMethod.POST, "/api/elders")
                    .with(as("m-yj", "SUPERVISOR"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(outside))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("scope.outside");
    r =
        mvc.perform(
                request(HttpMethod.PUT, "/api/elders/" + meilan.id())
                    .with(as("m-yj", "SUPERVISOR"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        outside.replace(
                            TestElders.idNumber(LocalDate.of(1941, 6, 6), 83, true),
                            meilan.idNumber())))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(jdbc.queryForObject("select count(*) from elder", Integer.class)).isEqualTo(2);
    assertThat(elders.get(meilan.id()).region().district()).isEqualTo("美兰区");
  }

  @Test
  void anImportByAScopedUserRejectsRowsOutsideTheScope() throws Exception {
    String csv =
        "姓名,身份证号,联系电话,家庭住址,所属区,镇街,村居,类别\n"
            + "吴龙华,"
            + TestElders.idNumber(LocalDate.of(1942, 7, 7), 84, true)
            + ",13900000084,中山街道1号,龙华区,中山街道,滨海社区,独居\n";
    var file =
        new org.springframework.mock.web.MockMultipartFile(
            "file", "名单.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    MockHttpServletResponse r =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                        "/api/elders/import")
                    .file(file)
                    .with(as("m-yj", "SUPERVISOR")))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("scope.outside");
    r =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                        "/api/elders/import")
                    .file(file)
                    .with(as("m-lh", "SUPERVISOR")))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(200);
  }

  private MockHttpServletResponse call(String method, String path, String[] who) throws Exception {
    var req =
        request(HttpMethod.valueOf(method), path)
            .with(as(who[0], who[1]))
            .with(csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{}");
    if (method.equals("GET")) {
      req = request(HttpMethod.GET, path).with(as(who[0], who[1]));
    }
    return mvc.perform(req).andReturn().getResponse();
  }

  private static String path(String pattern, long id) {
    return pattern.replace("{id}", String.valueOf(id)).replace("{answerId}", "1");
  }

  /** The body as text; a workbook (zip) as the text of all its parts. */
  private static String body(MockHttpServletResponse r) throws Exception {
    byte[] bytes = r.getContentAsByteArray();
    if (bytes.length > 2 && bytes[0] == 'P' && bytes[1] == 'K') {
      StringBuilder all = new StringBuilder();
      java.nio.file.Path tmp = java.nio.file.Files.createTempFile("scope-matrix", ".zip");
      try {
        java.nio.file.Files.write(tmp, bytes);
        try (ZipFile zip = new ZipFile(tmp.toFile())) {
          for (ZipEntry e : java.util.Collections.list(zip.entries())) {
            all.append(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      } finally {
        java.nio.file.Files.delete(tmp);
      }
      return all.toString();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
