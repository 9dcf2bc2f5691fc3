package org.tanfang.scheduler.festival;

import java.time.LocalDate;

/**
 * 清明 falls on the day the sun reaches ecliptic longitude 15°, in China time: 4 or 5 April (rarely
 * 6). Computed with the widely used "寿星" formula for the 21st century,
 *
 * <pre>day = ⌊Y × 0.2422 + 4.81⌋ − ⌊Y / 4⌋,   Y = year − 2000</pre>
 *
 * (0.2422 days is the tropical year's excess over 365 days; ⌊Y/4⌋ takes back the leap days). It has
 * no known exception for 清明 in 2000–2099 — the test compares it with ICU's solar ephemeris for
 * every year of that range — and years outside it are rejected rather than guessed.
 */
final class Qingming {

  static final int FIRST_YEAR = 2000;
  static final int LAST_YEAR = 2099;
  private static final double C_21ST_CENTURY = 4.81;
  private static final double TROPICAL_EXCESS = 0.2422;

  private Qingming() {}

  static boolean covers(int year) {
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }

  static LocalDate in(int year) {
    if (!covers(year)) {
      throw new IllegalArgumentException(
          "清明 is computed for " + FIRST_YEAR + "–" + LAST_YEAR + " only, not " + year);
    }
    int y = year - 2000;
    int day = (int) Math.floor(y * TROPICAL_EXCESS + C_21ST_CENTURY) - y / 4;
    return LocalDate.of(year, 4, day);
  }
}
