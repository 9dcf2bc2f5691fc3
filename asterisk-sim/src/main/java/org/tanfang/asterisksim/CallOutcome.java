package org.tanfang.asterisksim;

/**
 * How an originated call ended, with the OriginateResponse fields Asterisk reports for it. Reason
 * codes are Asterisk's {@code AST_CONTROL_*} values that {@code __ast_request_and_dial}
 * (main/channel.c) stores in {@code outstate}: 4 ANSWER, 3 RINGING (timed out while ringing), 5
 * BUSY, 8 CONGESTION, 1 HANGUP (the far end hung up before answering), 0 no channel at all.
 */
public enum CallOutcome {
  ANSWERED(true, 4, "ANSWER", HangupCause.NORMAL_CLEARING),
  NO_ANSWER(false, 3, "NOANSWER", HangupCause.NO_ANSWER),
  BUSY(false, 5, "BUSY", HangupCause.USER_BUSY),
  CONGESTION(false, 8, "CONGESTION", HangupCause.CONGESTION),
  /** SIP 404: the channel existed and was hung up with cause 1 before answer, so reason 1. */
  UNALLOCATED(false, 1, "CHANUNAVAIL", HangupCause.UNALLOCATED),
  /** The channel could not even be requested (unknown endpoint): reason 0, no channel events. */
  UNAVAILABLE(false, 0, "CHANUNAVAIL", HangupCause.NOT_DEFINED),
  /** The callee rejected the call (SIP 603 Decline, cause 21); reason 0 as for cause 1. */
  DECLINED(false, 0, "NOANSWER", HangupCause.CALL_REJECTED),
  /** Another refusal the carrier reports (SIP 480, 484, 500 …): the cause says which. */
  REJECTED(false, 0, "NOANSWER", HangupCause.INTERWORKING),
  /** Hung up from the sim's API (or AMI Hangup) while still ringing. */
  CANCELLED(false, 1, "CANCEL", HangupCause.NORMAL_CLEARING);

  /** How a call refused with this Q.850 cause is recorded (busy, congestion, unallocated …). */
  public static CallOutcome of(int cause) {
    return switch (cause) {
      case 17 -> BUSY;
      case 18, 19 -> NO_ANSWER;
      case 21 -> DECLINED;
      case 1, 3, 22, 28 -> UNALLOCATED;
      case 27, 34, 38, 41, 42, 102 -> CONGESTION;
      default -> REJECTED;
    };
  }

  private final boolean success;
  private final int reason;
  private final String dialStatus;
  private final HangupCause cause;

  CallOutcome(boolean success, int reason, String dialStatus, HangupCause cause) {
    this.success = success;
    this.reason = reason;
    this.dialStatus = dialStatus;
    this.cause = cause;
  }

  /** True when OriginateResponse says Response: Success. */
  public boolean success() {
    return success;
  }

  /** The OriginateResponse Reason header. */
  public int reason() {
    return reason;
  }

  /** DialEnd's DialStatus. */
  public String dialStatus() {
    return dialStatus;
  }

  /** The Hangup event's cause for a call that ends this way before answer. */
  public HangupCause cause() {
    return cause;
  }
}
