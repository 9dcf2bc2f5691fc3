package org.tanfang.scheduler.dispatch;

import org.tanfang.scheduler.elder.Vulnerability;

/**
 * The order in which due attempts are claimed when channels are short: higher first, then the
 * earliest due.
 *
 * <ul>
 *   <li>{@value #CALLBACK}: call-backs after distress (the escalation desk);
 *   <li>200 + vulnerability: retries, and weather-alert rounds (urgent by nature);
 *   <li>100 + vulnerability: first attempts of routine and festival visits.
 * </ul>
 *
 * The vulnerability score is capped at {@value #BAND_WIDTH} − 1 so the bands never overlap.
 */
public final class CallPriority {

  public static final int CALLBACK = 300;
  public static final int RETRY_BASE = 200;
  public static final int FIRST_ATTEMPT_BASE = 100;
  static final int BAND_WIDTH = 100;

  private CallPriority() {}

  public static int retry(Vulnerability vulnerability) {
    return RETRY_BASE + capped(vulnerability);
  }

  public static int firstAttempt(Vulnerability vulnerability) {
    return FIRST_ATTEMPT_BASE + capped(vulnerability);
  }

  /** Weather alerts compete with retries: both are people who must be reached today. */
  public static int alert(Vulnerability vulnerability) {
    return retry(vulnerability);
  }

  private static int capped(Vulnerability vulnerability) {
    return Math.max(0, Math.min(BAND_WIDTH - 1, vulnerability.score()));
  }
}
