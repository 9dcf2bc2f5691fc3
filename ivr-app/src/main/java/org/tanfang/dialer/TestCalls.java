package org.tanfang.dialer;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/**
 * Places one check-in call now, outside the schedule: a staff member's test call, or dev mode's
 * demo traffic. The visit is marked (recorded_by) so the dialer closes it when the call ends
 * instead of leaving it for the scheduler to retry.
 */
@Service
public class TestCalls {
  /** Who placed the call: {@code visit.recorded_by} and {@code visit.purpose}. */
  public enum Origin {
    STAFF("test-call", "TEST"),
    DEMO("demo-caller", "TEST");

    final String recordedBy;
    final String purpose;

    Origin(String recordedBy, String purpose) {
      this.recordedBy = recordedBy;
      this.purpose = purpose;
    }
  }

  /** Test calls go before routine ones. */
  private static final int PRIORITY = 100;

  /** The rows written and what the dialer did. */
  public record PlacedCall(long visitId, long attemptId, DialResult result) {}

  /**
   * No PBX is connected, or every channel is busy: nothing was written and nothing dialled (the
   * REST API answers 503 {@code call.noLine}).
   */
  public static class NoLineException extends RuntimeException {
    public NoLineException() {
      super("no free telephone line");
    }
  }

  /** The elder cannot be called (paused or deceased). */
  public static class NotCallableException extends RuntimeException {
    public NotCallableException(String message) {
      super(message);
    }
  }

  private final ElderService elders;
  private final Dialer dialer;
  private final Visits visits;
  private final Attempts attempts;
  private final TransactionTemplate tx;
  private final Clock clock;

  TestCalls(
      ElderService elders,
      Dialer dialer,
      Visits visits,
      Attempts attempts,
      TransactionTemplate tx,
      Clock clock) {
    this.elders = elders;
    this.dialer = dialer;
    this.visits = visits;
    this.attempts = attempts;
    this.tx = tx;
    this.clock = clock;
  }

  public PlacedCall place(long elderId, Origin origin) {
    Elder elder = elders.get(elderId);
    if (elder.status() != ElderStatus.ACTIVE) {
      throw new NotCallableException("elder " + elderId + " is " + elder.status());
    }
    // Asked before anything is written, so a call that cannot be placed leaves no visit behind.
    if (dialer.freeChannels() <= 0) {
      throw new NoLineException();
    }
    long[] ids = tx.execute(s -> insert(elder, origin));
    DialResult result = dialer.dial(ids[1]);
    if (result == DialResult.NO_FREE_CHANNEL) {
      // The last channel went between the question and the dial (another call or node): the
      // attempt was never claimed, so the visit and attempt are taken back, as if never written.
      tx.executeWithoutResult(s -> visits.withdrawUnplaced(ids[0]));
      throw new NoLineException();
    }
    return new PlacedCall(ids[0], ids[1], result);
  }

  private long[] insert(Elder elder, Origin origin) {
    Instant now = clock.instant();
    long visitId = visits.openOneOff(elder.id(), origin.purpose, origin.recordedBy, now);
    long attemptId =
        attempts.add(
            new Attempts.NewAttempt(visitId, 1, elder.primaryPhone(), 0, PRIORITY, now), now);
    return new long[] {visitId, attemptId};
  }
}
