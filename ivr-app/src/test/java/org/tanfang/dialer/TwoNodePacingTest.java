package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.TanfangApplication;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.asterisksim.SimListener;
import org.tanfang.callflow.FastAgiServer;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TestClockConfig;

/**
 * Scale-out (issue 13 item 5): two application nodes on one PostgreSQL and one PBX (asterisk-sim,
 * standalone), each pacing on its own (NodePacing) with the same due attempts. No attempt is
 * dialled twice, both nodes dial, the PBX's channel limit holds over both, and each answered call's
 * FastAGI goes to the node that dialled it ({@code TANFANG_NODE_AGI}): the sim's configured FastAGI
 * address has nothing listening, so a call that ignored the variable would not reach a script at
 * all.
 */
class TwoNodePacingTest {
  static final int ATTEMPTS = 60;
  static final int CHANNELS = 12;

  @Test
  void twoNodesShareTheDueAttemptsEachCallsConversationRunsOnItsOwnNodeAndDeskEventsReachBoth()
      throws Exception {
    AtomicInteger live = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    try (EmbeddedPostgres db = EmbeddedPostgres.builder().start();
        AsteriskSim sim =
            AsteriskSim.builder()
                .amiPort(0)
                .user("tanfang", "two-nodes")
                .agi("127.0.0.1", closedPort())
                .defaultCallee(CalleeScript.answers().afterMs(200).hangUpAfterCommands(4).build())
                .listener(
                    new SimListener() {
                      @Override
                      public void callStarted(CallRecord call) {
                        peak.accumulateAndGet(live.incrementAndGet(), Math::max);
                      }

                      @Override
                      public void callEnded(CallRecord call) {
                        live.decrementAndGet();
                      }
                    })
                .build()
                .start()) {
      String url = db.getJdbcUrl("postgres", "postgres");
      try (ConfigurableApplicationContext a = node("node-a", url, sim);
          ConfigurableApplicationContext b = node("node-b", url, sim)) {
        Map<String, Integer> agiPort =
            Map.of(
                "node-a", a.getBean(FastAgiServer.class).port(),
                "node-b", b.getBean(FastAgiServer.class).port());
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        MutableClock clock = a.getBean(MutableClock.class);
        Rows rows = new Rows(jdbc);
        // Both nodes ready to dial (logged in, their leftover calls reconciled) before any attempt
        // is due: on a loaded machine one node's start-up can lag, and the other would take all.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    a.getBean(Dialer.class).freeChannels() > 0
                        && b.getBean(Dialer.class).freeChannels() > 0);
        // Both nodes are pacing already: the attempts appear at once, in one transaction.
        a.getBean(org.springframework.transaction.support.TransactionTemplate.class)
            .executeWithoutResult(
                s -> {
                  for (int i = 0; i < ATTEMPTS; i++) {
                    long elder = rows.elder().save();
                    long visit = rows.visit(elder).purpose("ROUTINE").status("PLANNED").save();
                    rows.attempt(visit)
                        .phone(String.format("139%08d", 7_000_000 + i))
                        .priority(100)
                        .due(clock.instant().minusSeconds(60))
                        .status("SCHEDULED")
                        .save();
                  }
                });

        await()
            .atMost(Duration.ofSeconds(120))
            .until(
                () ->
                    jdbc.queryForObject(
                            "select count(*) from call_attempt where status = 'ENDED'"
                                + " and channel_id is not null",
                            Integer.class)
                        >= ATTEMPTS);

        List<CallRecord> calls = sim.calls();
        Map<String, Integer> perNumber = new HashMap<>();
        calls.forEach(c -> perNumber.merge(c.number(), 1, Integer::sum));
        assertThat(perNumber).hasSize(ATTEMPTS);
        assertThat(perNumber.values()).as("no attempt dialled twice").allMatch(n -> n == 1);
        assertThat(peak.get())
            .as("one channel limit over both nodes")
            .isLessThanOrEqualTo(CHANNELS);

        // Each call is followed by the node that dialled it: the other node, hearing the same
        // Hangup, must not end the attempt before its conversation's outcome is written. So every
        // visit ends alike, whichever node dialled it: answered, with the outcome its
        // conversation wrote (PARTIAL: the callee hangs up after four commands), still PLANNED
        // for the policy's next try because a partial visit does not count.
        List<String> visitEnds =
            jdbc.queryForList(
                "select distinct v.status || '/' || coalesce(v.outcome, '-') || '/' || a.result"
                    + " from visit v join call_attempt a on a.visit_id = v.id"
                    + " where a.channel_id is not null",
                String.class);
        assertThat(visitEnds)
            .as("how the visits ended")
            .containsExactly("PLANNED/PARTIAL/ANSWERED");

        Map<String, String> nodeOfChannel = new HashMap<>();
        jdbc.query(
            "select channel_id, claimed_by from call_attempt where channel_id is not null",
            rs -> {
              nodeOfChannel.put(rs.getString(1), rs.getString(2));
            });
        assertThat(nodeOfChannel.values()).as("both nodes dial").contains("node-a", "node-b");
        for (CallRecord call : calls) {
          String node = nodeOfChannel.get(call.uniqueId());
          assertThat(node).as("the attempt of %s", call.uniqueId()).isNotNull();
          assertThat(call.agiRequest())
              .as("%s dialled by %s", call.number(), node)
              .isEqualTo("agi://127.0.0.1:" + agiPort.get(node) + "/checkin");
        }

        // The desk: a case opened on node A reaches a stream open on node B (LISTEN/NOTIFY).
        a.getBean(org.tanfang.security.UserAccounts.class)
            .create("desk-two", "desk-test-password", org.tanfang.security.Role.STAFF, "desk-two");
        long elder =
            a.getBean(org.tanfang.registry.ElderService.class)
                .create(
                    org.tanfang.testsupport.TestElders.form(
                        "钱两点",
                        org.tanfang.testsupport.TestElders.idNumber(
                            java.time.LocalDate.of(1941, 2, 3), 902, true),
                        "13900009902"))
                .id();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var stream = desk(b, lines)) {
          await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:ready"));
          long opened =
              a.getBean(org.tanfang.escalation.Escalations.class)
                  .open(
                      org.tanfang.escalation.NewEscalation.of(
                          elder,
                          org.tanfang.escalation.EscalationType.DISTRESS,
                          null,
                          null,
                          org.tanfang.shared.Text.of("case.note", "two nodes")));
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      lines.stream()
                          .anyMatch(
                              l ->
                                  l.startsWith("data:")
                                      && l.contains("\"escalationId\":" + opened)));
        }
      }
    }
  }

  private static ConfigurableApplicationContext node(String name, String url, AsteriskSim sim) {
    return new SpringApplicationBuilder(TanfangApplication.class, TestClockConfig.class)
        .profiles("test")
        .run(
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=postgres",
            // as @SpringBootTest does: the test clock replaces the system one
            "--spring.main.allow-bean-definition-overriding=true",
            "--server.port=0",
            "--tanfang.telephony.simulator.enabled=false",
            "--tanfang.telephony.ami.host=127.0.0.1",
            "--tanfang.telephony.ami.port=" + sim.amiPort(),
            "--tanfang.telephony.ami.secret=two-nodes",
            "--tanfang.telephony.ami.channel-limit=" + CHANNELS,
            "--tanfang.telephony.ami.ring-timeout=5s",
            "--tanfang.telephony.agi.advertise-host=127.0.0.1",
            "--tanfang.telephony.node=" + name,
            "--tanfang.scheduler.node-id=" + name,
            "--tanfang.scheduler.enabled=true",
            "--tanfang.scheduler.plan-on-startup=false",
            "--tanfang.scheduler.pacing-interval=200ms");
  }

  /** Node's desk stream (HTTP Basic), its lines read into {@code lines} in the background. */
  private static java.io.InputStream desk(ConfigurableApplicationContext node, List<String> lines)
      throws Exception {
    int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    var response =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/escalations/events"))
                    .header("Accept", "text/event-stream")
                    .header(
                        "Authorization",
                        "Basic "
                            + java.util.Base64.getEncoder()
                                .encodeToString(
                                    "desk-two:desk-test-password"
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .GET()
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    java.io.InputStream in = response.body();
    Thread reader =
        new Thread(
            () -> {
              try (var r =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                lines.add("closed: " + e);
              }
            },
            "two-node-desk-reader");
    reader.setDaemon(true);
    reader.start();
    return in;
  }

  /** A local port nothing listens on. */
  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
