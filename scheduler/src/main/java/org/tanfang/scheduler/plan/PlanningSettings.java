package org.tanfang.scheduler.plan;

/**
 * How first calls are spread over a cycle.
 *
 * @param spreadShare the share of the cycle's days that first calls are spread over, from its
 *     start; default 0.6 (9 of 15 days, 19 of 31)
 * @param reservedDays days at the end of a cycle never used for first calls, kept for retries and
 *     human follow-up; default 3, the same as the retry policy's escalation point, so every first
 *     call has days of retries before a person must step in
 */
public record PlanningSettings(double spreadShare, int reservedDays) {

  public static final PlanningSettings DEFAULTS = new PlanningSettings(0.6, 3);

  public PlanningSettings {
    if (!(spreadShare > 0 && spreadShare <= 1)) {
      throw new IllegalArgumentException("spreadShare must be in (0, 1], was " + spreadShare);
    }
    if (reservedDays < 0) {
      throw new IllegalArgumentException("reservedDays must not be negative, was " + reservedDays);
    }
  }

  /** Days from the cycle start over which first calls are spread: at least one. */
  public int spreadDays(int cycleLength) {
    int share = (int) Math.ceil(cycleLength * spreadShare);
    return Math.max(1, Math.min(share, cycleLength - reservedDays));
  }
}
