package org.tanfang.scheduler.retry;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the retry policy treats what the carrier said instead of the elder (the policy table in the
 * README, "Carrier announcements, voicemail and storms").
 *
 * @param switchedOffRetryAfter gap before calling a switched-off phone again the same day: a phone
 *     switched off is rarely on again within half an hour
 * @param switchedOffDaysToPerson a phone switched off on this many consecutive local days (every
 *     call of each day found it off) sends the elder to a person at once; 0 never does
 */
public record NetworkResults(Duration switchedOffRetryAfter, int switchedOffDaysToPerson) {

  public static NetworkResults defaults() {
    return new NetworkResults(Duration.ofHours(2), 2);
  }

  public NetworkResults {
    Objects.requireNonNull(switchedOffRetryAfter, "switchedOffRetryAfter");
    if (switchedOffRetryAfter.isNegative() || switchedOffRetryAfter.isZero()) {
      throw new IllegalArgumentException(
          "switchedOffRetryAfter must be positive, was " + switchedOffRetryAfter);
    }
    if (switchedOffDaysToPerson < 0) {
      throw new IllegalArgumentException("switchedOffDaysToPerson must not be negative");
    }
  }

  /**
   * Consecutive local days, ending on the day of the latest attempt, on which every real call (not
   * an invalid or missing number) found the phone switched off.
   */
  int switchedOffDays(List<CallAttempt> attempts, ZoneId zone) {
    Map<LocalDate, Boolean> allOff = new TreeMap<>();
    LocalDate last = null;
    for (CallAttempt a : attempts) {
      if (!a.outcome().isRetryable()) {
        continue;
      }
      LocalDate day = LocalDate.ofInstant(a.at(), zone);
      allOff.merge(day, a.outcome() == CallOutcome.SWITCHED_OFF, Boolean::logicalAnd);
      if (last == null || day.isAfter(last)) {
        last = day;
      }
    }
    int days = 0;
    for (LocalDate d = last; d != null && Boolean.TRUE.equals(allOff.get(d)); d = d.minusDays(1)) {
      days++;
    }
    return days;
  }
}
