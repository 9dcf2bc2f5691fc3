package org.tanfang.dialer;

/** How a dialled number answered: {@code call_attempt.result}. */
public enum AttemptResult {
  ANSWERED,
  NO_ANSWER,
  BUSY,
  INVALID_NUMBER,
  CONGESTION,
  FAILED
}
