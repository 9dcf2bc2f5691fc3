package org.tanfang.dialer;

/**
 * How a dialled number answered: {@code call_attempt.result}. The carrier results and VOICEMAIL
 * come from what the line said (README "Carrier announcements, voicemail and storms").
 */
public enum AttemptResult {
  ANSWERED,
  NO_ANSWER,
  BUSY,
  INVALID_NUMBER,
  CONGESTION,
  FAILED,
  /** 您拨打的电话已关机: the phone is switched off. */
  SWITCHED_OFF,
  /** 您拨打的电话已停机: the line is suspended (often an unpaid bill). */
  SUSPENDED,
  /** 您拨打的号码是空号: no such number. */
  NO_SUCH_NUMBER,
  /** 您拨打的用户暂时无法接通: out of coverage, the network cannot reach the phone now. */
  UNREACHABLE_NETWORK,
  /** A voicemail box or call-secretary service answered. */
  VOICEMAIL
}
