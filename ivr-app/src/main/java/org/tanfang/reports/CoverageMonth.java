package org.tanfang.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL that judges one month of coverage per elder, shared by the counts, the drill-down lists
 * and the stored closed months: what each active elder of an area brings to the policy (district,
 * categories, disability, self-care, consent, age on the judging day), whether they were enrolled
 * by the end of the first half, and which halves of the month had a valid visit ({@code
 * elder_visit_halves}, V51). Local days in the application's zone.
 */
record CoverageMonth(YearMonth month, LocalDate today, ZoneId zone) {

  /** The day an elder's scope and age are judged on: the month's last day, or today. */
  LocalDate judged() {
    return month.atEndOfMonth().isBefore(today) ? month.atEndOfMonth() : today;
  }

  /** Nothing is owed in a month that has not started. */
  boolean started() {
    return !month.atDay(1).isAfter(today);
  }

  boolean secondHalfStarted() {
    return !month.atDay(16).isAfter(today);
  }

  /** A statement and its arguments, built in order. */
  static final class Sql {
    final StringBuilder text = new StringBuilder();
    final List<Object> args = new ArrayList<>();

    Sql add(String fragment, Object... values) {
      text.append(fragment);
      args.addAll(Arrays.asList(values));
      return this;
    }

    Object[] args() {
      return args.toArray();
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** The oldest age {@link #age} reads from its table of birthdays; older ones are computed. */
  private static final int AGES = 130;

  /**
   * Completed years on the judging day, as {@code Period.between} (29 Feb: a year on 1 Mar). For
   * births from {@link #AGES} years before the judging day to that day: {@code width_bucket} over
   * the days after each birthday (the judging day less k years, plus a day: at least k years old
   * when born before it), one search of an array per elder instead of three numeric {@code
   * extract}s (the array a sub-select, so that it is cast once, not for every elder); any other
   * birth date by the calendar arithmetic it equals.
   */
  Sql age(Sql sql) {
    LocalDate j = judged();
    String[] after = new String[AGES];
    for (int k = AGES; k >= 1; k--) {
      after[AGES - k] = j.minusYears(k).plusDays(1).toString();
    }
    return sql.add(
        "(case when e.birth_date >= ? and e.birth_date <= ?"
            + " then ? - width_bucket(e.birth_date, (select ?::date[]))"
            + " else ? - extract(year from e.birth_date)::integer - case when ? < (extract(month"
            + " from e.birth_date)::integer * 100 + extract(day from e.birth_date)::integer)"
            + " then 1 else 0 end end)",
        j.minusYears(AGES).plusDays(1),
        j,
        AGES,
        after,
        j.getYear(),
        j.getMonthValue() * 100 + j.getDayOfMonth());
  }

  /** Bits 0 and 1: the month's first and second half had a valid visit. */
  Sql visited(Sql sql) {
    return sql.add("((coalesce(h.halves, 0) >> ?) & 3)", 2 * (month.getMonthValue() - 1));
  }

  /** Enrolled (local day) by the 15th: a half-month elder owes the first half. */
  Sql early(Sql sql) {
    return sql.add("(e.created_at < ?)", startOf(month.atDay(16)));
  }

  /**
   * The first instant of a local day: an enrolment "on or before day d" (local) is one before the
   * start of d + 1, compared as stored instead of converting every elder's to local time.
   */
  private OffsetDateTime startOf(LocalDate day) {
    return day.atStartOfDay(zone).toOffsetDateTime();
  }

  /** Enrolled (local day) by the judging day. */
  private Sql enrolled(Sql sql) {
    return sql.add(" and e.created_at < ?", startOf(judged().plusDays(1)));
  }

  /** The profile columns the policy decides on (the decision table's key, with the age). */
  static final String PROFILE =
      "e.district, e.category_bits, e.disability_level, coalesce(e.disability_grade, 0),"
          + " e.self_care, e.consent";

  /**
   * {@code from elder e … where} active elders of the area enrolled by the judging day, with the
   * month's year of visited halves ({@code h.halves}); {@code join} adds what goes before the
   * {@code where} (the decision table). Their categories are {@code e.category_bits} (V59: bit i
   * the category of ordinal i, kept by triggers on {@code elder_category}).
   */
  Sql from(Sql sql, Area area, java.util.function.Consumer<Sql> join) {
    sql.add(
        " from elder e left join elder_visit_halves h on h.elder_id = e.id and h.year = ?",
        month.getYear());
    join.accept(sql);
    enrolled(sql.add(" where e.status = 'ACTIVE'"));
    return sql.add(area.where("e", sql.args));
  }
}
