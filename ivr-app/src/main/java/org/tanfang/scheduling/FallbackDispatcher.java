package org.tanfang.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.scheduler.dispatch.CallDispatcher;

/**
 * The dialer used while no real one is wired (no {@link CallDispatcher} bean). By default it
 * reports no free channels, so due attempts stay SCHEDULED and untouched; in dev mode (or with
 * {@code tanfang.scheduler.simulate-calls=true}) it simulates calls a few seconds long with
 * plausible results, so planning, pacing, retries and rounds can be watched without a PBX.
 */
class FallbackDispatcher implements CallDispatcher, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FallbackDispatcher.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final AttemptOutcomes outcomes;
  private final boolean simulate;
  private final int channels;
  private final AtomicInteger inCall = new AtomicInteger();
  private final Random random = new Random(20231114L);
  private final ScheduledExecutorService calls;
  private volatile boolean warned;

  FallbackDispatcher(
      JdbcTemplate jdbc, Clock clock, AttemptOutcomes outcomes, boolean simulate, int channels) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.outcomes = outcomes;
    this.simulate = simulate;
    this.channels = channels;
    this.calls = simulate ? Executors.newSingleThreadScheduledExecutor(r -> daemon(r)) : null;
    log.info(
        simulate
            ? "No dialer wired: simulating calls on {} channels (dev mode)"
            : "No dialer wired: call attempts stay scheduled until one is ({} channels simulated)",
        simulate ? channels : 0);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "simulated-calls");
    t.setDaemon(true);
    return t;
  }

  @Override
  public int freeChannels() {
    if (!simulate) {
      if (!warned) {
        warned = true;
        log.warn("No dialer wired: due call attempts are not dialled");
      }
      return 0;
    }
    return channels - inCall.get();
  }

  @Override
  public void dial(long attemptId) {
    inCall.incrementAndGet();
    jdbc.update(
        "update call_attempt set dialed_at = ?, pbx = 'simulated' where id = ?",
        Timestamp.from(clock.instant()),
        attemptId);
    int seconds;
    synchronized (random) {
      seconds = 2 + random.nextInt(6);
    }
    calls.schedule(() -> end(attemptId), seconds, TimeUnit.SECONDS);
  }

  private void end(long attemptId) {
    try {
      String result = pickResult();
      Timestamp now = Timestamp.from(clock.instant());
      jdbc.update(
          """
          update call_attempt set status = 'ENDED', result = ?, ended_at = ?,
                 answered_at = ?::timestamptz
          where id = ? and status = 'DIALING'
          """,
          result,
          now,
          result.equals("ANSWERED") ? now : null,
          attemptId);
      if (result.equals("ANSWERED")) {
        jdbc.update(
            """
            update visit set valid = true, outcome = 'COMPLETED', started_at = coalesce(started_at, ?),
                   ended_at = ?, recorded_by = 'simulated', updated_at = ?
            where id = (select visit_id from call_attempt where id = ?)
            """,
            now,
            now,
            now,
            attemptId);
      }
      outcomes.attemptEnded(attemptId);
    } catch (RuntimeException e) {
      log.warn("Simulated call {} failed: {}", attemptId, e.toString());
    } finally {
      inCall.decrementAndGet();
    }
  }

  private String pickResult() {
    int roll;
    synchronized (random) {
      roll = random.nextInt(100);
    }
    if (roll < 55) {
      return "ANSWERED";
    } else if (roll < 80) {
      return "NO_ANSWER";
    } else if (roll < 90) {
      return "BUSY";
    } else if (roll < 96) {
      return "CONGESTION";
    }
    return "INVALID_NUMBER";
  }

  @Override
  public void close() {
    if (calls != null) {
      calls.shutdownNow();
    }
  }
}
