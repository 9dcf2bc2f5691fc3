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
  void twoNodesShareTheDueAttemptsAndEachCallsConversationRunsOnItsOwnNode() throws Exception {
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

  /** A local port nothing listens on. */
  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
