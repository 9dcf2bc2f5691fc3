package org.tanfang.scheduler.festival;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ChineseCalendar;
import java.time.LocalDate;
import java.time.temporal.JulianFields;

/**
 * Chinese lunar dates to Gregorian ones through ICU4J's astronomical {@link ChineseCalendar}, with
 * each month's first day checked against a precise new moon. Works in Julian day numbers, so no
 * time zone can shift a date (both compute for China's UTC+8).
 */
final class LunarCalendar {

  private LunarCalendar() {}

  /**
   * The Gregorian date of lunar {@code month}/{@code day} (not a leap month) in the lunar year that
   * begins in Gregorian {@code year}. Months 1–11 of that year fall in the same Gregorian year. ICU
   * identifies the month; {@link NewMoon} fixes its first day (see there why).
   */
  static LocalDate toGregorian(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > 30) {
      throw new IllegalArgumentException("No lunar date " + month + "/" + day);
    }
    ChineseCalendar calendar = new ChineseCalendar();
    // Mid-June is always in the lunar year that began in January or February of the same year.
    setJulianDay(calendar, LocalDate.of(year, 6, 15));
    int lunarYear = calendar.get(Calendar.EXTENDED_YEAR);
    calendar.clear();
    calendar.set(Calendar.EXTENDED_YEAR, lunarYear);
    calendar.set(Calendar.MONTH, month - 1);
    calendar.set(ChineseCalendar.IS_LEAP_MONTH, 0);
    calendar.set(Calendar.DAY_OF_MONTH, 1);
    LocalDate monthStart = NewMoon.dateNear(fromJulianDay(calendar.get(Calendar.JULIAN_DAY)));
    return monthStart.plusDays(day - 1);
  }

  static LocalDate newYear(int year) {
    return toGregorian(year, 1, 1);
  }

  private static void setJulianDay(ChineseCalendar calendar, LocalDate date) {
    calendar.clear();
    calendar.set(Calendar.JULIAN_DAY, (int) date.getLong(JulianFields.JULIAN_DAY));
  }

  private static LocalDate fromJulianDay(int julianDay) {
    return LocalDate.MIN.with(JulianFields.JULIAN_DAY, julianDay);
  }
}
