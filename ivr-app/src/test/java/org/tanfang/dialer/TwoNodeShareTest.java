package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * Each node paces its share (issue 13 item 5): two nodes on one PostgreSQL, both dialling two PBXs
 * (two standalone asterisk-sims of {@value #CHANNELS} channels each) at once. Every callee lets the
 * phone ring out, so each call holds its channel for the ring timeout. A node's pass may fill only
 * its part of each PBX (channel limit ÷ the pacing nodes): the first node to pass never takes every
 * free channel, the other fills the rest in parallel, and on both PBXs. Checked by counting, not
 * timing: on each PBX no node ever has more than half the channels at once, and each node had its
 * half on each PBX at once; every attempt is dialled exactly once.
 */
class TwoNodeShareTest {
  static final int CHANNELS = 8;
  static final int ATTEMPTS = 48;

  /** Calls at once and their peak on one PBX, per node (the node's FastAGI address). */
  static final class PerNode implements SimListener {
    final Map<String, AtomicInteger> live = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
    final AtomicInteger all = new AtomicInteger();
    final AtomicInteger peakAll = new AtomicInteger();

    private static String node(CallRecord call) {
      return call.originate().variables().getOrDefault(ChannelVariables.NODE_AGI, "?");
    }

    @Override
    public void callStarted(CallRecord call) {
      String node = node(call);
      int now = live.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
      peak.computeIfAbsent(node, n -> new AtomicInteger()).accumulateAndGet(now, Math::max);
      peakAll.accumulateAndGet(all.incrementAndGet(), Math::max);
    }

    @Override
    public void callEnded(CallRecord call) {
      live.get(node(call)).decrementAndGet();
      all.decrementAndGet();
    }

    int peakOf(String node) {
      AtomicInteger p = peak.get(node);
      return p == null ? 0 : p.get();
    }
  }

  @Test
  void twoNodesEachFillTheirHalfOfBothPbxsInParallelAndDialEveryAttemptOnce() throws Exception {
    PerNode onOne = new PerNode();
    PerNode onTwo = new PerNode();
    try (EmbeddedPostgres db = EmbeddedPostgres.builder().start();
        AsteriskSim one = sim(onOne);
        AsteriskSim two = sim(onTwo)) {
      String url = db.getJdbcUrl("postgres", "postgres");
      try (ConfigurableApplicationContext a = node("node-a", url, one, two);
          ConfigurableApplicationContext b = node("node-b", url, one, two)) {
        String agiA = "agi://127.0.0.1:" + a.getBean(FastAgiServer.class).port();
        String agiB = "agi://127.0.0.1:" + b.getBean(FastAgiServer.class).port();
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        MutableClock clock = a.getBean(MutableClock.class);
        // Both nodes dial and pace (their rows in pacing_node are fresh) before anything is due.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    a.getBean(Dialer.class).freeChannels() == 2 * CHANNELS
                        && b.getBean(Dialer.class).freeChannels() == 2 * CHANNELS
                        && jdbc.queryForObject(
                                "select count(*) from pacing_node"
                                    + " where beat_at > clock_timestamp() - interval '5 seconds'",
                                Integer.class)
                            == 2);
        Rows rows = new Rows(jdbc);
        a.getBean(org.springframework.transaction.support.TransactionTemplate.class)
            .executeWithoutResult(
                s -> {
                  for (int i = 0; i < ATTEMPTS; i++) {
                    long elder = rows.elder().save();
                    long visit = rows.visit(elder).purpose("ROUTINE").status("PLANNED").save();
                    rows.attempt(visit)
                        .phone(String.format("139%08d", 8_000_000 + i))
                        .priority(100)
                        .due(clock.instant().minusSeconds(60))
                        .status("SCHEDULED")
                        .save();
                  }
                });

        await()
            .atMost(Duration.ofSeconds(180))
            .until(
                () ->
                    jdbc.queryForObject(
                            "select count(*) from call_attempt where status = 'ENDED'"
                                + " and channel_id is not null",
                            Integer.class)
                        >= ATTEMPTS);

        Map<String, Integer> perNumber = new HashMap<>();
        for (AsteriskSim sim : List.of(one, two)) {
          sim.calls().forEach(c -> perNumber.merge(c.number(), 1, Integer::sum));
        }
        assertThat(perNumber).as("every attempt dialled").hasSize(ATTEMPTS);
        assertThat(perNumber.values()).as("no attempt dialled twice").allMatch(n -> n == 1);
        for (PerNode pbx : List.of(onOne, onTwo)) {
          assertThat(pbx.peakAll.get()).as("the PBX's channel limit").isLessThanOrEqualTo(CHANNELS);
          assertThat(pbx.peak.keySet()).as("only the two nodes dial").containsOnly(agiA, agiB);
          // Never more than its half (the first pass does not take every free channel), and its
          // whole half at some moment (both nodes filled their parts at once).
          assertThat(pbx.peakOf(agiA)).as("node-a's calls at once").isEqualTo(CHANNELS / 2);
          assertThat(pbx.peakOf(agiB)).as("node-b's calls at once").isEqualTo(CHANNELS / 2);
        }
        Map<String, Integer> dialledBy = new HashMap<>();
        jdbc.query(
            "select claimed_by, count(*) from call_attempt where channel_id is not null"
                + " group by claimed_by",
            rs -> {
              dialledBy.put(rs.getString(1), rs.getInt(2));
            });
        assertThat(dialledBy).containsOnlyKeys("node-a", "node-b");
        assertThat(dialledBy.values().stream().mapToInt(Integer::intValue).sum())
            .isEqualTo(ATTEMPTS);
      }
    }
  }

  private static AsteriskSim sim(SimListener listener) {
    return AsteriskSim.builder()
        .amiPort(0)
        .user("tanfang", "share")
        .defaultCallee(CalleeScript.noAnswer())
        .listener(listener)
        .build()
        .start();
  }

  /** A node dialling both PBXs, {@value #CHANNELS} channels each; calls ring out after 3 s. */
  private static ConfigurableApplicationContext node(
      String name, String url, AsteriskSim one, AsteriskSim two) {
    return new SpringApplicationBuilder(TanfangApplication.class, TestClockConfig.class)
        .profiles("test")
        .run(
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=postgres",
            "--spring.main.allow-bean-definition-overriding=true",
            "--server.port=0",
            "--tanfang.telephony.simulator.enabled=false",
            "--tanfang.telephony.ami.host=127.0.0.1",
            "--tanfang.telephony.ami.port=" + one.amiPort(),
            "--tanfang.telephony.ami.secret=share",
            "--tanfang.telephony.ami.channel-limit=" + CHANNELS,
            "--tanfang.telephony.ami.ring-timeout=3s",
            "--tanfang.telephony.pbx[0].name=pbx2",
            "--tanfang.telephony.pbx[0].host=127.0.0.1",
            "--tanfang.telephony.pbx[0].port=" + two.amiPort(),
            "--tanfang.telephony.pbx[0].secret=share",
            "--tanfang.telephony.pbx[0].channel-limit=" + CHANNELS,
            "--tanfang.telephony.pbx[0].ring-timeout=3s",
            "--tanfang.telephony.agi.advertise-host=127.0.0.1",
            "--tanfang.telephony.node=" + name,
            "--tanfang.scheduler.node-id=" + name,
            "--tanfang.scheduler.enabled=true",
            "--tanfang.scheduler.plan-on-startup=false",
            "--tanfang.scheduler.pacing-interval=200ms");
  }
}
