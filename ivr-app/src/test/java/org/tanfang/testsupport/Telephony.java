package org.tanfang.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;

/** Telephony test helpers: a clean slate, an elder with a scripted phone, the end of a call. */
public final class Telephony {
  private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

  private Telephony() {}

  /**
   * Waits for calls of earlier tests to finish and for their writes (the conversations' hand-off,
   * the AMI event queue) to be done, then empties the database and the event log (ids start again
   * at 1).
   */
  public static void cleanSlate(
      AsteriskSim sim, Dialer dialer, JdbcTemplate jdbc, TelephonyEvents events) {
    await().atMost(Duration.ofSeconds(20)).until(() -> sim.liveChannels().isEmpty());
    await().atMost(Duration.ofSeconds(20)).until(() -> dialer.freeChannels() > 0);
    Rows.clean(jdbc);
    events.clear();
  }

  /** A new elder whose phone behaves as {@code script}. */
  public static Elder elder(ElderService elders, AsteriskSim sim, CalleeScript script) {
    int n = SEQUENCE.incrementAndGet();
    String phone = String.format("1380000%04d", n);
    Elder elder =
        elders.create(
            TestElders.form(
                "测试老人" + n, TestElders.idNumber(LocalDate.of(1945, 5, 5), n, true), phone));
    sim.callees().put(phone, script);
    return elder;
  }

  public static AttemptEnded awaitEnd(TelephonyEvents events, long attemptId) {
    await().atMost(Duration.ofSeconds(20)).until(() -> events.ended(attemptId).isPresent());
    return events.ended(attemptId).orElseThrow();
  }
}
