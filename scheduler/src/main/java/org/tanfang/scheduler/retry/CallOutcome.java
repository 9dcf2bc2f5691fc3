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
  INVALID_NUMBER("号码无效"),
  /**
   * The carrier says the phone is switched off (关机): worth another try later, and a warning sign.
   */
  SWITCHED_OFF("关机"),
  /** The carrier says the line is suspended (停机), often an unpaid bill: a data and money matter. */
  SUSPENDED("停机"),
  /** The carrier says the number does not exist (空号): the registry must be corrected. */
  NO_SUCH_NUMBER("空号"),
  /** The carrier cannot reach the phone for now (暂时无法接通: out of coverage). */
  UNREACHABLE_NETWORK("暂时无法接通"),
  /** A voicemail or call-secretary service answered instead of the elder. */
  VOICEMAIL("语音信箱");

  private final String label;

  CallOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Worth calling the same number again later. */
  public boolean isRetryable() {
    return this != INVALID_NUMBER && this != NO_SUCH_NUMBER && this != SUSPENDED;
  }
}
