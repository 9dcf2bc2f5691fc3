package org.tanfang.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.AttemptResult;
import org.tanfang.dialer.DialResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.CallLog;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * The Prometheus endpoint end to end (README "Metrics and logs"): a real call through asterisk-sim
 * moves the originate and result counters and the AGI reply-gap histogram; the case gauges come
 * from PostgreSQL and are read at most every figures-max-age; only an admin or the scrape token
 * reads the endpoint; every log line of the call carries its attempt and visit.
 */
@TanfangTest
class MetricsTest {
  private static final String ADMIN = basic("admin", "admin-test-password");

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired UserAccounts accounts;
  @Autowired MutableClock clock;
  @Autowired MockMvc mvc;
  @Autowired org.springframework.core.env.Environment environment;

  @Value("${tanfang.metrics.token}")
  String token;

  @LocalServerPort int port;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    if (!accounts.exists("metrics-staff")) {
      accounts.create("metrics-staff", "metrics-staff-pw-1", Role.STAFF, "metrics-staff");
    }
  }

  @Test
  void givenAnAnsweredCall_whenScrapedAsAdmin_thenOriginatesResultsAndAgiGapsMoved()
      throws Exception {
    String before = scrape(ADMIN);
    double originates = sum(before, "tanfang_originates_total");
    double answered = value(before, "tanfang_call_results_total", "result=\"ANSWERED\"");
    double gaps = sum(before, "tanfang_agi_reply_gap_seconds_count");

    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    AttemptEnded ended = Telephony.awaitEnd(events, placed.attemptId());
    assertThat(ended.result()).isEqualTo(AttemptResult.ANSWERED);

    String after = scrape(ADMIN);
    assertThat(sum(after, "tanfang_originates_total")).isEqualTo(originates + 1);
    assertThat(value(after, "tanfang_call_results_total", "result=\"ANSWERED\""))
        .isEqualTo(answered + 1);
    // every question of the check-in is a command after a reply: several gaps, each timed
    assertThat(sum(after, "tanfang_agi_reply_gap_seconds_count")).isGreaterThan(gaps + 3);
    assertThat(after)
        .contains("tanfang_agi_reply_gap_seconds_bucket{")
        .contains("tanfang_pbx_channels_limit{")
        .contains("tanfang_pbx_channels_in_use{")
        .contains("tanfang_pbx_calls_live{")
        .contains("tanfang_pbx_storm{")
        .contains("tanfang_staff_queue_wait_seconds_count{")
        .contains("tanfang_conversations_live")
        .contains("hikaricp_connections_active");
  }

  @Test
  void givenAnElderPressingNine_whenStaffAnswer_thenTheQueueWaitIsTimed() throws Exception {
    double answered =
        value(scrape(ADMIN), "tanfang_staff_queue_wait_seconds_count", "outcome=\"answered\"");
    Elder elder =
        Telephony.elder(elders, sim, CalleeScript.answers().press("1").press("9").build());
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    Telephony.awaitEnd(events, placed.attemptId());
    // the simulator's staff phones answer the queue
    // (tanfang.telephony.simulator.staff-answer-after)
    assertThat(
            value(scrape(ADMIN), "tanfang_staff_queue_wait_seconds_count", "outcome=\"answered\""))
        .isEqualTo(answered + 1);
  }

  @Test
  void givenACaseOpened_whenScraped_thenTheGaugeShowsItOnceTheFiguresAreDueAgain()
      throws Exception {
    String series = "type=\"DISTRESS\"";
    java.time.Instant start = clock.instant();
    try {
      casesFollow(series);
    } finally {
      clock.set(start);
    }
  }

  private void casesFollow(String series) throws Exception {
    clock.advance(Duration.ofSeconds(16));
    double open = value(scrape(ADMIN), "tanfang_cases_open", series, "level=\"DESK\"");
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    escalations.open(
        NewEscalation.of(
            elder.id(), EscalationType.DISTRESS, null, null, Text.of("case.note", "metrics")));

    assertThat(value(scrape(ADMIN), "tanfang_cases_open", series, "level=\"DESK\""))
        .as("read at most every figures-max-age: the new case is not counted yet")
        .isEqualTo(open);
    clock.advance(Duration.ofSeconds(16));
    assertThat(value(scrape(ADMIN), "tanfang_cases_open", series, "level=\"DESK\""))
        .isEqualTo(open + 1);
    // a day later the case is past its deadline
    clock.advance(Duration.ofDays(1));
    assertThat(value(scrape(ADMIN), "tanfang_cases_overdue", series, "level=\"DESK\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void givenNoAdmin_whenScraping_thenRefusedAndTheTokenIsLetIn() throws Exception {
    HttpResponse<String> anonymous = send(null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("\"status\":401").doesNotContain("tanfang_");
    assertThat(send(basic("metrics-staff", "metrics-staff-pw-1")).statusCode()).isEqualTo(403);
    assertThat(send(basic("admin", "wrong-password")).statusCode()).isEqualTo(401);
    assertThat(send("Bearer " + token.substring(1)).statusCode()).isEqualTo(401);
    HttpResponse<String> scraper = send("Bearer " + token);
    assertThat(scraper.statusCode()).isEqualTo(200);
    assertThat(scraper.body()).contains("tanfang_originates_total");
    for (String role : List.of("SUPERVISOR", "STAFF", "VISITOR")) {
      assertThat(
              mvc.perform(get("/actuator/prometheus").with(user("admin").roles(role)))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .as(role)
          .isEqualTo(403);
    }
  }

  @Test
  void givenACall_whenItsLinesAreLogged_thenEachCarriesItsAttemptAndVisit() {
    Logger tanfang = (Logger) LoggerFactory.getLogger("org.tanfang");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    tanfang.addAppender(lines);
    TestCalls.PlacedCall placed;
    try {
      Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
      placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
      Telephony.awaitEnd(events, placed.attemptId());
    } finally {
      tanfang.detachAppender(lines);
    }
    String attempt = String.valueOf(placed.attemptId());
    String visit = String.valueOf(placed.visitId());
    Pattern mentions = Pattern.compile("(?i)\\battempt " + attempt + "\\b");
    List<ILoggingEvent> callLines =
        List.copyOf(lines.list).stream()
            .filter(e -> mentions.matcher(e.getFormattedMessage()).find())
            .toList();
    assertThat(callLines.stream().map(ILoggingEvent::getFormattedMessage))
        .as("the conversation's and the tracker's lines")
        .anyMatch(m -> m.startsWith("Visit " + visit))
        .anyMatch(m -> m.startsWith("Attempt " + attempt + " ended"));
    for (ILoggingEvent line : callLines) {
      assertThat(line.getMDCPropertyMap())
          .as(line.getThreadName() + ": " + line.getFormattedMessage())
          .containsEntry(CallLog.ATTEMPT, attempt)
          .containsEntry(CallLog.VISIT, visit);
    }
    // the configured pattern prints them, and nothing on lines outside a call
    PatternLayout layout = new PatternLayout();
    layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    layout.setPattern(environment.getProperty("logging.pattern.level") + " %m");
    layout.start();
    assertThat(layout.doLayout(callLines.get(0)))
        .contains("[attempt=" + attempt + " visit=" + visit + "]");
    // a line of this (test) thread, which handles no call
    ILoggingEvent outside =
        new ch.qos.logback.classic.spi.LoggingEvent(
            MetricsTest.class.getName(),
            tanfang,
            ch.qos.logback.classic.Level.INFO,
            "outside a call",
            null,
            null);
    assertThat(layout.doLayout(outside)).isEqualTo(" INFO outside a call");
  }

  /** The dashboard in the repository shows figures that exist: each metric it names is scraped. */
  @Test
  void givenTheGrafanaDashboard_whenItsQueriesAreRead_thenEveryMetricTheyNameIsOnTheEndpoint()
      throws Exception {
    String dashboard =
        java.nio.file.Files.readString(java.nio.file.Path.of("../ops/grafana/tanfang.json"));
    var panels = tools.jackson.databind.json.JsonMapper.builder().build().readTree(dashboard);
    // GC pauses are timed from the first collection on: make sure there was one
    System.gc();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> scrape(ADMIN).contains("jvm_gc_pause_seconds_max{"));
    String scrape = scrape(ADMIN);
    Pattern metric = Pattern.compile("\\b((?:tanfang|hikaricp|jvm)_[a-z_]+)");
    java.util.Set<String> named = new java.util.TreeSet<>();
    for (var panel : panels.get("panels").values()) {
      assertThat(panel.get("title").asString()).isNotBlank();
      assertThat(panel.get("description").asString()).isNotBlank();
      for (var target : panel.get("targets").values()) {
        Matcher m = metric.matcher(target.get("expr").asString());
        while (m.find()) {
          named.add(m.group(1));
        }
      }
    }
    assertThat(named).hasSizeGreaterThan(10);
    for (String name : named) {
      assertThat(scrape).as(name + " on the endpoint").containsPattern("(?m)^" + name + "[{ ]");
    }
  }

  private String scrape(String authorization) throws Exception {
    HttpResponse<String> r = send(authorization);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private HttpResponse<String> send(String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
            .header("Accept", "application/json, text/plain;q=0.9");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The sum of a metric over all its series. */
  private static double sum(String scrape, String metric) {
    return value(scrape, metric);
  }

  /** The sum of a metric's series whose labels contain all of {@code labels}. */
  private static double value(String scrape, String metric, String... labels) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? ([^ \\n]+)")
            .matcher(scrape);
    double total = 0;
    boolean found = false;
    while (m.find()) {
      String tags = m.group(1) == null ? "" : m.group(1);
      if (List.of(labels).stream().allMatch(tags::contains)) {
        total += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    assertThat(found).as(metric + " " + List.of(labels) + " in the scrape").isTrue();
    return total;
  }
}
