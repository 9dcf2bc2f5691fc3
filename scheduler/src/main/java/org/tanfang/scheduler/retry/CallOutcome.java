package org.tanfang.scheduler.retry;

/** How a call attempt that produced no valid visit ended, as the dialer reports it. */
public enum CallOutcome {
  NO_ANSWER("无人接听"),
  BUSY("占线"),
  /** The trunk or network had no free channel. */
  CONGESTION("线路拥塞"),
  /** Any other failure, including an answered call that ended before the visit was valid. */
  FAILED("呼叫失败"),
  /** The number does not exist or does not belong to the elder: calling it again is useless. */
  INVALID_NUMBER("号码无效");

  private final String label;

  CallOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Worth calling the same number again later. */
  public boolean isRetryable() {
    return this != INVALID_NUMBER;
  }
}
