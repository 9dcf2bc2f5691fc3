package org.tanfang.asterisksim;

/**
 * The Q.850 hang-up causes the sim reports, with the exact texts of {@code ast_cause2str} (Asterisk
 * main/channel.c, table {@code causes[]}), so Hangup events read as on a real Asterisk.
 */
public enum HangupCause {
  NOT_DEFINED(0, "Unknown"),
  UNALLOCATED(1, "Unallocated (unassigned) number"),
  NORMAL_CLEARING(16, "Normal Clearing"),
  USER_BUSY(17, "User busy"),
  NO_ANSWER(19, "User alerting, no answer"),
  /** SIP 403 (ast_sip_hangup_sip2cause): how carriers refuse a suspended line. */
  CALL_REJECTED(21, "Call Rejected"),
  CONGESTION(34, "Circuit/channel congestion"),
  /** A trunk that is down (see {@link TrunkOutage}). */
  NETWORK_OUT_OF_ORDER(38, "Network out of order");

  private final int code;
  private final String text;

  HangupCause(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The cause with this Q.850 code; NOT_DEFINED for codes the sim does not name. */
  public static HangupCause of(int code) {
    for (HangupCause c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return NOT_DEFINED;
  }

  public int code() {
    return code;
  }

  public String text() {
    return text;
  }
}
