package org.tanfang.scheduler.cycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.tanfang.scheduler.window.TimeRange;

/**
 * One visit cycle: the local days from {@code firstDay} to {@link #lastDay()} in {@code zone}, and
 * the instants [{@link #start()}, {@link #end()}) they cover. An elder needs at least one valid
 * visit in each cycle of their kind.
 */
public record VisitCycle(CycleKind kind, LocalDate firstDay, ZoneId zone) {

  private static final int SECOND_HALF_START = 16;

  public VisitCycle {
    Objects.requireNonNull(kind, "cycle kind");
    Objects.requireNonNull(firstDay, "first day");
    Objects.requireNonNull(zone, "zone");
    if (!firstDay.equals(firstDayOfCycleContaining(kind, firstDay))) {
      throw new IllegalArgumentException(firstDay + " does not start a " + kind + " cycle");
    }
  }

  public static VisitCycle containing(CycleKind kind, LocalDate date, ZoneId zone) {
    return new VisitCycle(kind, firstDayOfCycleContaining(kind, date), zone);
  }

  private static LocalDate firstDayOfCycleContaining(CycleKind kind, LocalDate date) {
    if (kind == CycleKind.HALF_MONTH && date.getDayOfMonth() >= SECOND_HALF_START) {
      return date.withDayOfMonth(SECOND_HALF_START);
    }
    return date.withDayOfMonth(1);
  }

  /** The day after the last day: the first day of the next cycle. */
  public LocalDate endDate() {
    if (kind == CycleKind.HALF_MONTH && firstDay.getDayOfMonth() == 1) {
      return firstDay.withDayOfMonth(SECOND_HALF_START);
    }
    return YearMonth.from(firstDay).plusMonths(1).atDay(1);
  }

  public LocalDate lastDay() {
    return endDate().minusDays(1);
  }

  /** Local midnight at the start of the first day, e.g. 2026-02-01T00:00+08:00. */
  public Instant start() {
    return firstDay.atStartOfDay(zone).toInstant();
  }

  /** Local midnight after the last day (exclusive). */
  public Instant end() {
    return endDate().atStartOfDay(zone).toInstant();
  }

  public TimeRange range() {
    return new TimeRange(start(), end());
  }

  public boolean contains(Instant instant) {
    return range().contains(instant);
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(firstDay) && date.isBefore(endDate());
  }

  public int lengthInDays() {
    return (int) ChronoUnit.DAYS.between(firstDay, endDate());
  }

  /**
   * Days left in the cycle counting {@code today}: 1 on the last day, 0 once the cycle is over, the
   * whole length before it starts.
   */
  public int daysLeft(LocalDate today) {
    if (today.isBefore(firstDay)) {
      return lengthInDays();
    }
    return (int) Math.max(0, ChronoUnit.DAYS.between(today, endDate()));
  }

  public VisitCycle next() {
    return new VisitCycle(kind, endDate(), zone);
  }

  public VisitCycle previous() {
    return containing(kind, firstDay.minusDays(1), zone);
  }

  /** A stable, readable id for rows and reports: 2026-02-H1, 2026-02-H2, 2026-02-M. */
  public String id() {
    String month = YearMonth.from(firstDay).toString();
    if (kind == CycleKind.MONTH) {
      return month + "-M";
    }
    return month + (firstDay.getDayOfMonth() == 1 ? "-H1" : "-H2");
  }

  @Override
  public String toString() {
    return id() + " [" + firstDay + ".." + lastDay() + "]";
  }
}
