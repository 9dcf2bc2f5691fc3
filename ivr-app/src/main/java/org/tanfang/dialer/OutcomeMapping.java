package org.tanfang.dialer;

import java.util.Set;

/**
 * Turns Asterisk's report of an originated call into an {@link AttemptResult}. The
 * OriginateResponse reason is the reliable part (measured on Asterisk 22: Success + 4 answered,
 * Failure + 3 not answered in time, Failure + 5 busy); the Q.850 hang-up cause of the originating
 * leg can be 0 even for busy, so it only refines reasons that say nothing specific (0 no channel, 1
 * hung up early).
 */
final class OutcomeMapping {
  /** AST_CONTROL_* values Asterisk stores as the Originate "Reason". */
  static final int REASON_NO_CHANNEL = 0;

  static final int REASON_HANGUP = 1;
  static final int REASON_RINGING = 3;
  static final int REASON_ANSWER = 4;
  static final int REASON_BUSY = 5;
  static final int REASON_CONGESTION = 8;

  /** Q.850: unallocated number, no route, number changed, invalid number format. */
  private static final Set<Integer> INVALID_CAUSES = Set.of(1, 2, 3, 22, 28);

  private static final Set<Integer> BUSY_CAUSES = Set.of(17);
  private static final Set<Integer> NO_ANSWER_CAUSES = Set.of(18, 19, 21);

  /**
   * Network failures: as {@code pbx_dial_reason} (main/pbx.c) groups them under congestion, with 27
   * "Destination out of order" (SIP 502 on a PJSIP trunk) and 44, 47.
   */
  private static final Set<Integer> CONGESTION_CAUSES = Set.of(27, 34, 38, 41, 42, 44, 47);

  private OutcomeMapping() {}

  static AttemptResult map(boolean success, Integer reason, Integer cause) {
    if (success) {
      return AttemptResult.ANSWERED;
    }
    int r = reason == null ? -1 : reason;
    return switch (r) {
      case REASON_RINGING -> AttemptResult.NO_ANSWER;
      case REASON_BUSY -> AttemptResult.BUSY;
      case REASON_CONGESTION -> AttemptResult.CONGESTION;
      default -> byCause(cause);
    };
  }

  static AttemptResult byCause(Integer cause) {
    if (cause == null) {
      return AttemptResult.FAILED;
    }
    if (INVALID_CAUSES.contains(cause)) {
      return AttemptResult.INVALID_NUMBER;
    }
    if (BUSY_CAUSES.contains(cause)) {
      return AttemptResult.BUSY;
    }
    if (NO_ANSWER_CAUSES.contains(cause)) {
      return AttemptResult.NO_ANSWER;
    }
    if (CONGESTION_CAUSES.contains(cause)) {
      return AttemptResult.CONGESTION;
    }
    return AttemptResult.FAILED;
  }
}
