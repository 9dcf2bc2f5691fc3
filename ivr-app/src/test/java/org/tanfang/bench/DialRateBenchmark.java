package org.tanfang.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.TanfangApplication;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.asterisksim.SimListener;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.scheduler.dispatch.CallDispatcher;
import org.tanfang.scheduling.Pacer;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TestClockConfig;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/**
 * Dial rate (issue 13 item 4): originates per second of one pacing pass of {@code channels} due
 * attempts on a PBX with that many channels, from the start of the pass to the last Originate
 * arriving at asterisk-sim (a standalone instance over real AMI, not the application's own
 * simulator), for two paths in the same run:
 *
 * <ul>
 *   <li><b>sequential</b>: the pass dials one attempt after another through {@code
 *       CallDispatcher.dial} on the pacing thread, each dial counting the busy channels, claiming
 *       its channel and sending its Originate before the next (the pacer's path before issue 13);
 *   <li><b>batch</b>: the pacer's path now, {@code dialAll}: one count and one claim statement for
 *       the pass, the Originates sent by the dialer's per-PBX sender pool.
 * </ul>
 *
 * Callees are busy (the call ends at once), so each round frees its channels for the next. The
 * application runs on the test clock (inside the call windows). Usage (benchmarks/dial-rate.sh):
 * {@code DialRateBenchmark [channels] [rounds]}.
 */
public final class DialRateBenchmark {
  private static final AtomicInteger NUMBERS = new AtomicInteger();

  private DialRateBenchmark() {}

  public static void main(String[] args) throws Exception {
    int channels = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("tanfang-dial-rate");
    AtomicInteger originates = new AtomicInteger();
    AtomicLong lastAt = new AtomicLong();
    try (AsteriskSim sim =
        AsteriskSim.builder()
            .amiPort(0)
            .user("tanfang", "bench")
            .defaultCallee(CalleeScript.busy())
            .listener(
                new SimListener() {
                  @Override
                  public void callStarted(CallRecord call) {
                    originates.incrementAndGet();
                    lastAt.set(System.nanoTime());
                  }
                })
            .build()
            .start()) {
      try (ConfigurableApplicationContext app =
          new SpringApplicationBuilder(TanfangApplication.class, TestClockConfig.class)
              .run(
                  "--spring.main.allow-bean-definition-overriding=true",
                  "--server.port=0",
                  "--tanfang.embedded-db.data-dir=" + dir.resolve("pg"),
                  "--tanfang.embedded-db.port=0",
                  "--tanfang.demo.enabled=false",
                  "--tanfang.demo.caller.enabled=false",
                  "--tanfang.scheduler.enabled=false",
                  "--tanfang.scheduler.plan-on-startup=false",
                  "--tanfang.scheduler.plan-on-change=false",
                  "--tanfang.telephony.simulator.enabled=false",
                  "--tanfang.telephony.sweep-interval=0",
                  "--tanfang.telephony.ami.host=127.0.0.1",
                  "--tanfang.telephony.ami.port=" + sim.amiPort(),
                  "--tanfang.telephony.ami.secret=bench",
                  "--tanfang.telephony.ami.channel-limit=" + channels,
                  "--tanfang.telephony.agi.port=0",
                  "--tanfang.telephony.agi.max-calls=" + channels,
                  "--tanfang.speech.recordings-dir=" + dir.resolve("recordings"),
                  "--logging.level.org.tanfang=" + System.getProperty("bench.log", "WARN"),
                  "--logging.level.org.asteriskjava=ERROR",
                  "--tanfang.security.initial-admin-password=bench")) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        MutableClock clock = app.getBean(MutableClock.class);
        Pacer batch = app.getBean(Pacer.class);
        CallDispatcher bridge = app.getBean(CallDispatcher.class);
        Pacer sequential =
            new Pacer(
                jdbc,
                app.getBean(Visits.class),
                app.getBean(Attempts.class),
                clock,
                oneByOne(bridge),
                app.getBean(AttemptOutcomes.class),
                app.getBean(org.tanfang.scheduling.Windows.class),
                "bench-sequential",
                100_000);
        org.tanfang.dialer.Dialer dialer = app.getBean(org.tanfang.dialer.Dialer.class);
        long until = System.nanoTime() + 30_000_000_000L;
        while (dialer.freeChannels() < channels && System.nanoTime() < until) {
          Thread.sleep(100); // a benchmark, not a test: waiting for the AMI login
        }
        Rows rows = new Rows(jdbc);
        System.out.printf(
            "dial rate: one pass of %d attempts on %d channels, %d rounds per path%n",
            channels, channels, rounds);
        // Warm-up: both paths once, small.
        run(
            "warm-up sequential",
            sequential,
            rows,
            jdbc,
            clock,
            Math.min(50, channels),
            originates,
            lastAt);
        run("warm-up batch", batch, rows, jdbc, clock, Math.min(50, channels), originates, lastAt);
        List<Double> seq = new ArrayList<>();
        List<Double> bat = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          seq.add(run("sequential", sequential, rows, jdbc, clock, channels, originates, lastAt));
          bat.add(run("batch", batch, rows, jdbc, clock, channels, originates, lastAt));
        }
        System.out.printf(
            "RESULT channels=%d sequential median %.0f originates/s, batch median %.0f originates/s"
                + " (%.1fx)%n",
            channels, median(seq), median(bat), median(bat) / median(seq));
      }
    }
  }

  /** A pacer whose pass dials one attempt after another (CallDispatcher's default dialAll). */
  private static CallDispatcher oneByOne(CallDispatcher bridge) {
    return new CallDispatcher() {
      @Override
      public int freeChannels() {
        return bridge.freeChannels();
      }

      @Override
      public void dial(long attemptId) {
        bridge.dial(attemptId);
      }
    };
  }

  private static double run(
      String label,
      Pacer pacer,
      Rows rows,
      JdbcTemplate jdbc,
      MutableClock clock,
      int n,
      AtomicInteger originates,
      AtomicLong lastAt)
      throws InterruptedException {
    for (int i = 0; i < n; i++) {
      long elder = rows.elder().save();
      long visit = rows.visit(elder).purpose("ROUTINE").status("PLANNED").save();
      rows.attempt(visit)
          .phone(String.format("139%08d", 10_000_000 + NUMBERS.incrementAndGet()))
          .priority(100)
          .due(clock.instant().minusSeconds(60))
          .status("SCHEDULED")
          .save();
    }
    int before = originates.get();
    long start = System.nanoTime();
    int dialled = pacer.pace().size();
    long handedOff = System.nanoTime();
    long until = start + 60_000_000_000L;
    while (originates.get() - before < dialled && System.nanoTime() < until) {
      Thread.sleep(1);
    }
    int got = originates.get() - before;
    double seconds = (lastAt.get() - start) / 1e9;
    double rate = got / seconds;
    System.out.printf(
        "%-20s %4d claimed, %4d originates in %6.3f s (pass returned after %6.3f s): %6.0f originates/s%n",
        label, dialled, got, seconds, (handedOff - start) / 1e9, rate);
    // Let every call end (busy callees) so the next round finds its channels free.
    long settle = System.nanoTime() + 60_000_000_000L;
    while (jdbc.queryForObject(
                "select count(*) from call_attempt where status in ('DIALING', 'IN_CALL')",
                Integer.class)
            > 0
        && System.nanoTime() < settle) {
      Thread.sleep(50);
    }
    jdbc.update("update call_attempt set status = 'CANCELLED' where status = 'SCHEDULED'");
    return rate;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }
}
