package org.tanfang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tanfang.escalation.CaseAction;
import org.tanfang.escalation.CaseSignals;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.outcomes.LogFixtures;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.IdCardNumber;
import org.tanfang.registry.PersonNames;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;
import org.tanfang.testsupport.TestElders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Region scope and masking over every endpoint, the list taken from the controller mappings: an
 * endpoint without a rule here fails the test. Seeded once: four elders, one per ring around the
 * community 美兰区 / 海甸街道 / 沿江社区 (that community, another community of the street, another street of
 * the district, another district), each with a case, a phone visit with a dial and a home visit.
 * Every {@link Role} signs in at every {@link RegionScope.Level}, its scope always holding the
 * first elder, so each account has elders inside and (below the city) outside its scope:
 *
 * <ul>
 *   <li>an elder, case, visit or dial outside the scope is 404 (403 for a role that never may),
 *       before any action: nothing in the database changes;
 *   <li>inside, every GET answers 200 to a role that may call it, and the elder is masked or full
 *       exactly as {@link ElderAccess} says ({@link #expected});
 *   <li>no list, page, count or export shows anything of an elder outside the scope (name clear or
 *       masked, phones, ID number, address, contact, visitor), and each shows the elders inside to
 *       a city account (so the check is not vacuous);
 *   <li>the desk's event streams deliver events of cases inside the scope only;
 *   <li>VISITOR accounts get 403 from every office endpoint and see only their own elders, at
 *       whatever level their account is scoped.
 * </ul>
 */
@TanfangTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScopeMatrixTest {
  /** How an endpoint is checked. */
  enum Rule {
    /** {@code {id}} is an elder: outside the scope 404, inside 200 for GET. */
    ELDER,
    /** {@code {id}} is a case: outside 404, inside 200 for GET. */
    CASE,
    /**
     * {@code {id}} (a home visit) or {@code {visitId}} (a phone visit): outside 404, inside 200.
     */
    VISIT,
    /** {@code {attemptId}} is a dial: outside 404, inside 200. */
    ATTEMPT,
    /** A list, page, count or export: nothing of the elder outside the scope in the body. */
    LIST,
    /** The desk's event stream: events of cases inside the scope only. */
    STREAM,
    /** A visitor's own list: their own elders only, office accounts 403. */
    OWN_LIST,
    /** {@code {id}} is an elder on a visitor's page: their own 200, any other 404, office 403. */
    OWN_ELDER,
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
    RULES.put("GET /api/calls/{attemptId}", Rule.ATTEMPT);
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
    RULES.put("GET /dashboard/figures", Rule.LIST); // the page's figures as JSON, same scope
    RULES.put("GET /dashboard/uncovered", Rule.LIST); // the page's uncovered table, same scope
    // "changed" only, for changes in the caller's scope and area (DashboardLiveTest)
    // only a "changed" signal, no elder or case data; its scope and area filter: DashboardLiveTest
    RULES.put("GET /dashboard/events", Rule.NONE);
    RULES.put("GET /dashboard/report.xlsx", Rule.LIST);
    RULES.put("GET /api/reports/monthly.xlsx", Rule.LIST);
    RULES.put("GET /dashboard/ledger.xlsx", Rule.LIST);
    RULES.put("GET /elders/{id}/ledger.xlsx", Rule.ELDER);
    RULES.put("GET /visits/{id}/record", Rule.VISIT);
    RULES.put("GET /visits/{id}/record.pdf", Rule.VISIT);
    // storms: a PBX's state, no elder data
    RULES.put("GET /api/storms", Rule.NONE);
    RULES.put("POST /api/storms/{id}/end", Rule.NONE);
    RULES.put("POST /storms/{id}/end", Rule.NONE); // the banner's button; ends a PBX's storm
    // visitors' own pages: VISITOR accounts only (office accounts get 403), bound to the elders
    // whose visitor they are (VisitorPages); creating a visitor account shows no elder data
    RULES.put("POST /api/visitors", Rule.NONE);
    RULES.put("GET /visit", Rule.OWN_LIST);
    RULES.put("GET /visit/elders", Rule.OWN_LIST);
    RULES.put("GET /visit/elders/{id}", Rule.OWN_ELDER);
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

  /**
   * LIST endpoints that show no elder by name, phone or address, only figures or regions (the
   * region check below still applies to them).
   */
  static final java.util.Set<String> FIGURES_ONLY =
      java.util.Set.of(
          "GET /dashboard/figures",
          // like GET /dashboard, whose table it is: names of uncovered elders only (not every
          // elder of the scope), so the outermost elder need not be in it; the scope check holds
          "GET /dashboard/uncovered",
          "GET /api/coverage",
          "GET /coverage",
          "GET /dashboard",
          "GET /api/reports/monthly.xlsx",
          "GET /dashboard/report.xlsx");

  /** Endpoints STAFF may never call (403 inside and outside the scope), from SecurityConfig. */
  static final java.util.Set<String> STAFF_NEVER =
      java.util.Set.of(
          "GET /api/elders/{id}/export",
          "GET /elders/{id}/ledger.xlsx",
          "GET /outcomes/{visitId}/calls",
          "GET /api/audit",
          "GET /api/audit.csv",
          "GET /audit",
          "GET /audit.csv",
          "GET /api/outcomes",
          "GET /api/outcomes.csv",
          "GET /api/outcomes.xlsx",
          "GET /outcomes",
          "GET /outcomes.csv",
          "GET /outcomes.xlsx",
          "GET /dashboard",
          "GET /dashboard/figures",
          "GET /dashboard/uncovered",
          "GET /dashboard/list",
          "GET /dashboard/ledger.xlsx",
          "GET /dashboard/report.xlsx",
          "GET /api/reports/monthly.xlsx");

  /** The query a LIST endpoint needs (a month, a figure's key, an area). */
  static final Map<String, String> QUERY =
      Map.ofEntries(
          Map.entry("GET /audit", "?who=sm-auditor"),
          Map.entry("GET /api/audit", "?who=sm-auditor"),
          Map.entry("GET /api/coverage", "?month=2026-03"),
          Map.entry("GET /coverage", "?month=2026-03"),
          Map.entry("GET /dashboard", "?month=2026-03"),
          Map.entry("GET /dashboard/uncovered", "?month=2026-03"),
          Map.entry("GET /dashboard/list", "?key=elders.inScope&month=2026-03"),
          Map.entry("GET /dashboard/report.xlsx", "?month=2026-03"),
          Map.entry("GET /api/reports/monthly.xlsx", "?month=2026-03"),
          Map.entry("GET /dashboard/ledger.xlsx", "?month=2026-03&district=龙华区&street=中山街道"));

  /** Monthly reports: of a closed month, so asked for March in April. */
  static final java.util.Set<String> CLOSED_MONTH =
      java.util.Set.of("GET /dashboard/report.xlsx", "GET /api/reports/monthly.xlsx");

  /**
   * Whether the area a LIST endpoint covers is larger than or beside the account's scope, so the
   * answer is 404: the ledger asked for the outermost elder's street, and the monthly report (a
   * district's, with figures per street, or the city's) for street and community accounts.
   */
  static boolean areaOutside(String endpoint, Account a) {
    if (endpoint.equals("GET /dashboard/ledger.xlsx")) {
      return !a.scope().isCity();
    }
    return CLOSED_MONTH.contains(endpoint) && a.scope().street() != null;
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints actuator;
  @Autowired UserAccounts accounts;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired CaseSignals signals;
  @Autowired MutableClock clock;
  @Autowired ObjectMapper json;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** One elder of the matrix with its case, visits and dial, and what must not leak of them. */
  record Seeded(
      Elder elder,
      long caseId,
      long phoneVisit,
      long homeVisit,
      long attempt,
      String address,
      String contactPhone,
      String visitorName,
      String visitorPhone) {
    /** Strings that identify this elder in any body, masked or not. */
    List<String> markers() {
      return List.of(
          elder.name(),
          PersonNames.mask(elder.name()),
          elder.primaryPhone(),
          PhoneNumbers.mask(elder.primaryPhone()),
          elder.idNumber(),
          IdCardNumber.mask(elder.idNumber()),
          address,
          contactPhone,
          PhoneNumbers.mask(contactPhone),
          visitorName,
          visitorPhone);
    }
  }

  /** An account of the matrix. */
  record Account(String name, Role role, RegionScope scope) {
    RequestPostProcessor auth() {
      return user(name).roles(role.name());
    }

    boolean office() {
      return role != Role.VISITOR;
    }

    boolean holds(Seeded s) {
      Elder e = s.elder();
      return scope.contains(e.region().district(), e.region().street(), e.region().community());
    }

    @Override
    public String toString() {
      return name + " (" + role + ", " + scope + ")";
    }
  }

  /** What an account must see of an elder. */
  enum Seen {
    FORBIDDEN,
    NOT_FOUND,
    MASKED,
    /** Name, phones, address and contacts in clear; the ID-card number masked. */
    FULL,
    /** Everything, the ID-card number included. */
    FULL_WITH_ID
  }

  /** The four elders, innermost first: 沿江社区, 白沙社区 (same street), 白龙街道, 龙华区. */
  final List<Seeded> seeded = new ArrayList<>();

  final List<Account> matrix = new ArrayList<>();

  /** Who has claimed which elder's open case (staff see those elders in full). */
  final Map<Long, String> claimedBy = new LinkedHashMap<>();

  static final String DISTRICT = "美兰区";
  static final String STREET = "海甸街道";
  static final String COMMUNITY = "沿江社区";

  static RegionScope scopeAt(RegionScope.Level level) {
    return switch (level) {
      case CITY -> RegionScope.CITY;
      case DISTRICT -> RegionScope.district(DISTRICT);
      case STREET -> RegionScope.street(DISTRICT, STREET);
      case COMMUNITY -> RegionScope.community(DISTRICT, STREET, COMMUNITY);
    };
  }

  @BeforeAll
  void seedOnce() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    seeded.add(elder("王建华", 91, "13900000091", DISTRICT, STREET, COMMUNITY, "沿江社区12号"));
    seeded.add(elder("赵桂兰", 92, "13900000092", DISTRICT, STREET, "白沙社区", "白沙社区3号"));
    seeded.add(elder("孙德明", 93, "13900000093", DISTRICT, "白龙街道", "白龙社区", "白龙社区7号"));
    seeded.add(elder("李秀英", 94, "13900000094", "龙华区", "中山街道", "滨海社区", "滨海社区9号"));
    for (Role role : Role.values()) {
      for (RegionScope.Level level : RegionScope.Level.values()) {
        Account a =
            new Account(
                "sm-" + role.name().toLowerCase() + "-" + level.name().toLowerCase(),
                role,
                scopeAt(level));
        account(a);
        matrix.add(a);
      }
    }
    account(new Account("sm-supervisor-lh", Role.SUPERVISOR, RegionScope.district("龙华区")));
    // VISITOR accounts: each bound to the visitor of one elder (the outermost for the city
    // account, the innermost for the community one): scope does not widen what a visitor sees
    List<Account> visitors = matrix.stream().filter(a -> !a.office()).toList();
    for (int i = 0; i < visitors.size(); i++) {
      jdbc.update("delete from visitor_account where username = ?", visitors.get(i).name());
      jdbc.update(
          "delete from visitor_account where visitor_phone = ?", seeded.get(3 - i).visitorPhone());
      jdbc.update(
          "insert into visitor_account (username, visitor_phone, created_at) values (?, ?, now())",
          visitors.get(i).name(),
          seeded.get(3 - i).visitorPhone());
    }
    // staff at the community level hold the innermost elder's case, the city's staff the third's
    claim(seeded.get(0), "sm-staff-community");
    claim(seeded.get(2), "sm-staff-city");
    // an audit entry about each elder, for the audit pages (by a name of its own: the other tests
    // write hundreds of entries, and the pages show the newest first)
    for (Seeded s : seeded) {
      jdbc.update(
          "insert into audit_event (at, username, action, subject_type, subject_id, detail,"
              + " purpose) values (?, 'sm-auditor', 'VIEW', 'elder', ?, ?, 'test')",
          java.sql.Timestamp.from(clock.instant()),
          String.valueOf(s.elder().id()),
          "seed " + s.elder().name());
    }
  }

  private Seeded elder(
      String name,
      int seq,
      String phone,
      String district,
      String street,
      String community,
      String address) {
    String contactPhone = "137000000" + seq;
    String visitorName = "网格员" + PersonNames.mask(name).substring(0, 1) + seq;
    String visitorPhone = "136000000" + seq;
    ElderForm f =
        new ElderForm(
            name,
            null,
            null,
            TestElders.idNumber(LocalDate.of(1940, 1 + seq % 12, 1 + seq % 28), seq, seq % 2 == 1),
            address,
            district,
            street,
            community,
            null,
            phone,
            List.of(),
            List.of("独居"),
            "无",
            null,
            null,
            "海南话",
            "09:00",
            "11:30",
            true,
            List.of(new ElderForm.ContactForm("家属" + seq, "儿子", contactPhone)),
            new ElderForm.VisitorForm(visitorName, "网格员", visitorPhone),
            null);
    Elder e = elders.create(f);
    long caseId =
        escalations.open(
            NewEscalation.of(
                e.id(), EscalationType.FOLLOW_UP, null, null, Text.of("case.note", "测试")));
    LogFixtures data = new LogFixtures(jdbc);
    long phoneVisit = data.phoneVisit(e.id(), "ROUTINE", "DONE", "COMPLETED", "2026-03-15T09:00");
    data.dial(phoneVisit, 1, "ANSWERED", "2026-03-15T09:00");
    long attempt =
        jdbc.queryForObject(
            "select id from call_attempt where visit_id = ?", Long.class, phoneVisit);
    long homeVisit = data.homeVisit(e.id(), "2026-03-16T10:00");
    return new Seeded(
        e,
        caseId,
        phoneVisit,
        homeVisit,
        attempt,
        address,
        contactPhone,
        visitorName,
        visitorPhone);
  }

  private void account(Account a) {
    if (!accounts.exists(a.name())) {
      accounts.create(a.name(), "scope-matrix-pw", a.role(), a.name(), a.scope());
    } else {
      accounts.setScope(a.name(), a.scope());
    }
  }

  private void claim(Seeded s, String username) {
    escalations.claim(s.caseId(), new Escalations.Actor(username, false));
    claimedBy.put(s.elder().id(), username);
  }

  /** What {@code a} must see of {@code s}, from the rules of {@link ElderAccess}. */
  Seen expected(Account a, Seeded s) {
    if (!a.office()) {
      return Seen.FORBIDDEN;
    }
    if (!a.holds(s)) {
      return Seen.NOT_FOUND;
    }
    if (a.role() == Role.ADMIN || a.role() == Role.SUPERVISOR) {
      return Seen.FULL_WITH_ID;
    }
    return a.name().equals(claimedBy.get(s.elder().id())) ? Seen.FULL : Seen.MASKED;
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

  private List<String> endpoints(Rule... rules) {
    List<Rule> wanted = List.of(rules);
    return endpoints().stream().filter(e -> wanted.contains(RULES.get(e))).toList();
  }

  @Test
  @Order(1)
  void everyEndpointHasAScopeRule() {
    List<String> missing = endpoints().stream().filter(e -> !RULES.containsKey(e)).toList();
    assertThat(missing)
        .as("endpoints without a rule in ScopeMatrixTest.RULES (decide how scope applies)")
        .isEmpty();
    assertThat(RULES.keySet())
        .as("rules for endpoints that no longer exist")
        .containsAll(endpoints())
        .hasSameSizeAs(endpoints());
    assertThat(matrix).hasSize(Role.values().length * RegionScope.Level.values().length);
  }

  /** The path of an id endpoint for one elder (its case, visit or dial as the rule says). */
  private static String path(String pattern, Rule rule, Seeded s) {
    long id =
        switch (rule) {
          case ELDER, OWN_ELDER -> s.elder().id();
          case CASE -> s.caseId();
          case VISIT -> s.homeVisit();
          default -> 0;
        };
    return pattern
        .replace("{id}", String.valueOf(id))
        .replace("{visitId}", String.valueOf(s.phoneVisit()))
        .replace("{attemptId}", String.valueOf(s.attempt()))
        .replace("{answerId}", "1");
  }

  private String snapshot() {
    return jdbc.queryForList("select id, state, level, claimed_by from escalation order by id")
            .toString()
        + jdbc.queryForList("select id, status, district, street, community from elder order by id")
        + jdbc.queryForObject("select count(*) from escalation_event", Long.class)
        + jdbc.queryForObject("select count(*) from visit", Long.class)
        + jdbc.queryForObject("select count(*) from call_attempt", Long.class);
  }

  @Test
  void everyActuatorEndpointHasARuleAndTheMetricsAreForAdminsOnly() throws Exception {
    assertThat(new TreeSet<>(actuator.getAllPaths()))
        .as("exposed actuator endpoints without a rule in ScopeMatrixTest.ACTUATOR")
        .isEqualTo(new TreeSet<>(ACTUATOR.keySet()));
    MockHttpServletResponse anonymous =
        mvc.perform(request(HttpMethod.GET, "/actuator/prometheus")).andReturn().getResponse();
    assertThat(anonymous.getStatus()).isEqualTo(401);
    boolean sawAdmin = false;
    for (Account a : matrix) {
      MockHttpServletResponse r = call("GET", "/actuator/prometheus", a);
      if (a.role() != Role.ADMIN) {
        assertThat(r.getStatus()).as("metrics as %s", a).isEqualTo(403);
        continue;
      }
      sawAdmin = true;
      assertThat(r.getStatus()).as("metrics as %s", a).isEqualTo(200);
      // figures only: no elder's name, phone or address, whatever the cases and calls
      String text = body(r);
      assertThat(text).contains("tanfang_cases_open");
      for (Seeded s : seeded) {
        for (String marker : s.markers()) {
          assertThat(text)
              .as("metrics show nothing of %s", s.elder().name())
              .doesNotContain(marker);
        }
      }
    }
    assertThat(sawAdmin).isTrue();
  }

  @Test
  @Order(2)
  void everyRoleAtEveryLevelGets404OutsideTheScopeAndAnAnswerInside() throws Exception {
    String before = snapshot();
    SoftAssertions soft = new SoftAssertions();
    for (String endpoint : endpoints(Rule.ELDER, Rule.CASE, Rule.VISIT, Rule.ATTEMPT)) {
      Rule rule = RULES.get(endpoint);
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
      for (Account a : matrix) {
        for (Seeded s : seeded) {
          if (a.holds(s) && a.office()) {
            if (method.equals("GET") && !pattern.contains("recording")) {
              MockHttpServletResponse r = call(method, path(pattern, rule, s), a);
              int status = r.getStatus();
              masking(soft, endpoint, a, s, body(r));
              if (a.role() == Role.STAFF && STAFF_NEVER.contains(endpoint)) {
                soft.assertThat(status).as("%s as %s: never for staff", endpoint, a).isEqualTo(403);
              } else {
                soft.assertThat(status)
                    .as("%s as %s for %s inside the scope", endpoint, a, s.elder().name())
                    .isEqualTo(200);
              }
            }
            continue;
          }
          MockHttpServletResponse r = call(method, path(pattern, rule, s), a);
          boolean never = !a.office() || (a.role() == Role.STAFF && STAFF_NEVER.contains(endpoint));
          soft.assertThat(r.getStatus())
              .as("%s as %s for %s outside the scope", endpoint, a, s.elder().name())
              .isIn(never ? List.of(403) : method.equals("GET") ? List.of(404) : List.of(403, 404));
          String text = body(r);
          for (String marker : s.markers()) {
            soft.assertThat(text)
                .as("%s as %s: nothing of %s", endpoint, a, s.elder().name())
                .doesNotContain(marker);
          }
        }
      }
    }
    soft.assertThat(snapshot()).as("nothing changed by the refused calls").isEqualTo(before);
    soft.assertAll();
  }

  /** A body shown to {@code a} holds {@code s} in clear only as far as the rules allow. */
  private void masking(SoftAssertions soft, String endpoint, Account a, Seeded s, String text) {
    Seen seen = expected(a, s);
    Elder e = s.elder();
    if (seen == Seen.MASKED) {
      for (String clear : List.of(e.name(), e.primaryPhone(), s.address(), s.contactPhone())) {
        soft.assertThat(text)
            .as("%s as %s: %s masked", endpoint, a, e.name())
            .doesNotContain(clear);
      }
    }
    if (seen != Seen.FULL_WITH_ID) {
      soft.assertThat(text)
          .as("%s as %s: ID number of %s masked", endpoint, a, e.name())
          .doesNotContain(e.idNumber());
    }
  }

  @Test
  @Order(3)
  void listsPagesCountsAndExportsShowNothingOutsideTheScope() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String endpoint : endpoints(Rule.LIST)) {
      String pattern =
          endpoint.substring(endpoint.indexOf(' ') + 1) + QUERY.getOrDefault(endpoint, "");
      if (CLOSED_MONTH.contains(endpoint)) {
        clock.setLocal("2026-04-02T10:00:00");
      }
      for (Account a : matrix) {
        MockHttpServletResponse r = call("GET", pattern, a);
        if (!a.office() || (a.role() == Role.STAFF && STAFF_NEVER.contains(endpoint))) {
          soft.assertThat(r.getStatus()).as("%s as %s", endpoint, a).isEqualTo(403);
          continue;
        }
        if (areaOutside(endpoint, a)) {
          soft.assertThat(r.getStatus()).as("%s as %s: area outside", endpoint, a).isEqualTo(404);
          for (Seeded s : seeded) {
            soft.assertThat(body(r)).as("%s as %s", endpoint, a).doesNotContain(s.elder().name());
          }
          continue;
        }
        soft.assertThat(r.getStatus()).as("%s as %s", endpoint, a).isEqualTo(200);
        String text = body(r);
        for (Seeded s : seeded) {
          if (a.holds(s)) {
            // inside: what a list shows is masked as the record is (staff see a held elder only)
            masking(soft, endpoint, a, s, text);
            continue;
          }
          for (String marker : s.markers()) {
            soft.assertThat(text)
                .as("%s as %s: nothing of %s", endpoint, a, s.elder().name())
                .doesNotContain(marker);
          }
          // figures by region: the other ring's own region names do not show
          Elder e = s.elder();
          String region =
              !e.region().district().equals(a.scope().district())
                  ? e.region().district()
                  : !e.region().street().equals(a.scope().street())
                      ? e.region().street()
                      : e.region().community();
          soft.assertThat(text)
              .as("%s as %s: no figures of %s", endpoint, a, region)
              .doesNotContain(region);
        }
        if (a.scope().isCity() && !FIGURES_ONLY.contains(endpoint)) {
          // not vacuous: a city account sees something of the outermost elder here
          Seeded outer = seeded.get(3);
          soft.assertThat(outer.markers().stream().anyMatch(text::contains))
              .as("%s as %s shows %s", endpoint, a, outer.elder().name())
              .isTrue();
        }
      }
      clock.setLocal(TestClockConfig.START);
    }
    soft.assertAll();
  }

  @Test
  @Order(4)
  void theElderIsMaskedOrFullExactlyAsTheRulesSay() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (Account a : matrix) {
      JsonNode list = null;
      MockHttpServletResponse lr = call("GET", "/api/elders?size=50", a);
      if (lr.getStatus() == 200) {
        list = json.readTree(body(lr));
      }
      for (Seeded s : seeded) {
        Seen seen = expected(a, s);
        Elder e = s.elder();
        String what = a + " on " + e.name() + " (" + seen + ")";
        MockHttpServletResponse api = call("GET", "/api/elders/" + e.id(), a);
        MockHttpServletResponse page = call("GET", "/elders/" + e.id(), a);
        MockHttpServletResponse desk = call("GET", "/api/escalations/" + s.caseId(), a);
        MockHttpServletResponse deskPage = call("GET", "/desk/" + s.caseId(), a);
        if (seen == Seen.FORBIDDEN || seen == Seen.NOT_FOUND) {
          int status = seen == Seen.FORBIDDEN ? 403 : 404;
          for (var r : List.of(api, page, desk, deskPage)) {
            soft.assertThat(r.getStatus()).as(what).isEqualTo(status);
          }
          if (list != null) {
            soft.assertThat(list.toString()).as(what).doesNotContain(e.name());
          }
          continue;
        }
        boolean full = seen == Seen.FULL || seen == Seen.FULL_WITH_ID;
        JsonNode record = json.readTree(body(api));
        soft.assertThat(record.get("masked").asBoolean()).as(what).isEqualTo(!full);
        soft.assertThat(record.get("name").asString())
            .as(what)
            .isEqualTo(full ? e.name() : PersonNames.mask(e.name()));
        soft.assertThat(record.get("primaryPhone").asString())
            .as(what)
            .isEqualTo(full ? e.primaryPhone() : PhoneNumbers.mask(e.primaryPhone()));
        soft.assertThat(record.get("idNumber").asString())
            .as(what)
            .isEqualTo(seen == Seen.FULL_WITH_ID ? e.idNumber() : IdCardNumber.mask(e.idNumber()));
        soft.assertThat(record.path("address").isMissingNode() || record.path("address").isNull())
            .as(what + ": address")
            .isEqualTo(!full);
        soft.assertThat(record.get("emergencyContacts").get(0).get("phone").asString())
            .as(what)
            .isEqualTo(full ? s.contactPhone() : PhoneNumbers.mask(s.contactPhone()));

        String html = body(page);
        soft.assertThat(page.getStatus()).as(what).isEqualTo(200);
        soft.assertThat(html.contains(e.name()))
            .as(what + ": name on /elders/{id}")
            .isEqualTo(full);
        soft.assertThat(html.contains(e.primaryPhone()))
            .as(what + ": phone on /elders/{id}")
            .isEqualTo(full);
        soft.assertThat(html.contains(s.address()))
            .as(what + ": address on /elders/{id}")
            .isEqualTo(full);
        soft.assertThat(html.contains(e.idNumber()))
            .as(what + ": ID number on /elders/{id}")
            .isEqualTo(seen == Seen.FULL_WITH_ID);

        JsonNode kase = json.readTree(body(desk));
        soft.assertThat(kase.get("elder").get("masked").asBoolean())
            .as(what + ": desk API")
            .isEqualTo(!full);
        String deskHtml = body(deskPage);
        soft.assertThat(deskHtml.contains(e.primaryPhone()))
            .as(what + ": phone on /desk/{id}")
            .isEqualTo(full);
        soft.assertThat(deskHtml.contains(e.idNumber()))
            .as(what + ": ID number on /desk/{id}")
            .isEqualTo(seen == Seen.FULL_WITH_ID);

        if (list != null) {
          String name = null;
          for (JsonNode item : list.get("items")) {
            if (item.get("id").asLong() == e.id()) {
              name = item.get("name").asString();
            }
          }
          soft.assertThat(name)
              .as(what + ": row in /api/elders")
              .isEqualTo(full ? e.name() : PersonNames.mask(e.name()));
        }
      }
    }
    soft.assertAll();
  }

  @Test
  @Order(5)
  void theDeskStreamsCarryEventsOfCasesInsideTheScopeOnly() throws Exception {
    Map<String, MvcResult> streams = new LinkedHashMap<>();
    SoftAssertions soft = new SoftAssertions();
    for (String endpoint : endpoints(Rule.STREAM)) {
      String path = endpoint.substring(endpoint.indexOf(' ') + 1);
      for (Account a : matrix) {
        MvcResult r =
            mvc.perform(
                    request(HttpMethod.GET, path)
                        .with(a.auth())
                        .accept(MediaType.TEXT_EVENT_STREAM))
                .andReturn();
        if (!a.office()) {
          soft.assertThat(r.getResponse().getStatus()).as("%s as %s", path, a).isEqualTo(403);
          continue;
        }
        soft.assertThat(r.getRequest().isAsyncStarted()).as("%s as %s", path, a).isTrue();
        streams.put(path + " as " + a.name(), r);
      }
    }
    // one change on each elder's case, the innermost last: every stream holds that elder, and
    // events go out in order on one thread, so once it is there the others would have been
    for (int i = seeded.size() - 1; i >= 0; i--) {
      signals.record(seeded.get(i).caseId(), "system", CaseAction.NOTE, Text.of("case.note", "矩阵"));
    }
    long last = seeded.get(0).caseId();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                streams.values().stream()
                    .allMatch(r -> text(r).contains("\"escalationId\":" + last + ",")));
    for (var entry : streams.entrySet()) {
      String events = text(entry.getValue());
      Account a =
          matrix.stream()
              .filter(x -> entry.getKey().endsWith(" as " + x.name()))
              .findFirst()
              .orElseThrow();
      for (Seeded s : seeded) {
        soft.assertThat(events.contains("\"escalationId\":" + s.caseId() + ","))
            .as("%s: event of %s's case", entry.getKey(), s.elder().name())
            .isEqualTo(a.holds(s));
        soft.assertThat(events)
            .as("%s: no personal data", entry.getKey())
            .doesNotContain(s.elder().name())
            .doesNotContain(s.elder().primaryPhone());
      }
    }
    soft.assertAll();
  }

  private static String text(MvcResult r) {
    try {
      return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "";
    }
  }

  @Test
  @Order(6)
  void visitorsGet403FromOfficePagesAndSeeOnlyTheirOwnElders() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<Account> visitors = matrix.stream().filter(a -> !a.office()).toList();
    for (String endpoint : endpoints(Rule.OWN_LIST, Rule.OWN_ELDER)) {
      Rule rule = RULES.get(endpoint);
      String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
      for (Account a : matrix) {
        Seeded own = a.office() ? null : seeded.get(3 - visitors.indexOf(a));
        for (Seeded s : rule == Rule.OWN_LIST ? seeded.subList(0, 1) : seeded) {
          MockHttpServletResponse r = call("GET", path(pattern, rule, s), a);
          String what = endpoint + " as " + a + " for " + s.elder().name();
          if (a.office()) {
            soft.assertThat(r.getStatus()).as(what).isEqualTo(403);
            continue;
          }
          String text = body(r);
          if (rule == Rule.OWN_ELDER) {
            soft.assertThat(r.getStatus()).as(what).isEqualTo(s == own ? 200 : 404);
          } else {
            soft.assertThat(r.getStatus()).as(what).isEqualTo(200);
          }
          for (Seeded other : seeded) {
            if (other != own) {
              for (String marker : other.markers()) {
                soft.assertThat(text).as(what).doesNotContain(marker);
              }
            }
          }
        }
        if (!a.office()) {
          soft.assertThat(body(call("GET", "/visit/elders", a)))
              .as("/visit/elders as %s shows their own elder", a)
              .containsAnyOf(own.elder().name(), PersonNames.mask(own.elder().name()));
        }
      }
    }
    soft.assertAll();
  }

  @Test
  @Order(7)
  void aCaseEscalatedToTheDistrictIsSeenByThatDistrictsSupervisors() throws Exception {
    Account lh = new Account("sm-supervisor-lh", Role.SUPERVISOR, RegionScope.district("龙华区"));
    Seeded longhua = seeded.get(3);
    Seeded meilan = seeded.get(0);
    assertThat(call("GET", "/api/escalations/" + longhua.caseId(), lh).getStatus()).isEqualTo(200);
    assertThat(call("GET", "/api/escalations/" + meilan.caseId(), lh).getStatus()).isEqualTo(404);
    String level =
        jdbc.queryForObject(
            "select level from escalation where id = ?", String.class, longhua.caseId());
    String state =
        jdbc.queryForObject(
            "select state from escalation where id = ?", String.class, longhua.caseId());
    try {
      jdbc.update(
          "update escalation set level = 'DISTRICT', state = 'ESCALATED' where id = ?",
          longhua.caseId());
      assertThat(call("GET", "/api/escalations/" + longhua.caseId(), lh).getStatus())
          .isEqualTo(200);
      assertThat(body(call("GET", "/api/escalations", lh)))
          .contains("\"id\":" + longhua.caseId() + ",");
      assertThat(call("GET", "/api/escalations/" + meilan.caseId(), lh).getStatus()).isEqualTo(404);
    } finally {
      jdbc.update(
          "update escalation set level = ?, state = ? where id = ?",
          level,
          state,
          longhua.caseId());
    }
  }

  @Test
  @Order(8)
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
                    .with(as("sm-supervisor-community", "SUPERVISOR"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(outside))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("scope.outside");
    r =
        mvc.perform(
                request(HttpMethod.PUT, "/api/elders/" + seeded.get(0).elder().id())
                    .with(as("sm-supervisor-community", "SUPERVISOR"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        outside.replace(
                            TestElders.idNumber(LocalDate.of(1941, 6, 6), 83, true),
                            seeded.get(0).elder().idNumber())))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(jdbc.queryForObject("select count(*) from elder", Integer.class))
        .isEqualTo(seeded.size());
    assertThat(elders.get(seeded.get(0).elder().id()).region().district()).isEqualTo("美兰区");
  }

  @Test
  @Order(9)
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
                    .with(as("sm-supervisor-community", "SUPERVISOR")))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("scope.outside");
    r =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                        "/api/elders/import")
                    .file(file)
                    .with(as("sm-supervisor-lh", "SUPERVISOR")))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(200);
  }

  private MockHttpServletResponse call(String method, String path, Account who) throws Exception {
    var req =
        request(HttpMethod.valueOf(method), path)
            .with(who.auth())
            .with(csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{}");
    if (method.equals("GET")) {
      req = request(HttpMethod.GET, path).with(who.auth());
    }
    return mvc.perform(req).andReturn().getResponse();
  }

  private static RequestPostProcessor as(String name, String role) {
    return user(name).roles(role);
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
