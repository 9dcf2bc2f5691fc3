package org.tanfang.scheduler.cycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tanfang.scheduler.Haikou;

/**
 * Finds visit cycles in local time. The zone is the calendar's, never the server's or the clock's:
 * 2026-01-31T16:00Z is already 1 February in Haikou, whatever zone the JVM or the clock is in.
 */
public final class CycleCalendar {

  private final ZoneId zone;

  public CycleCalendar(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public static CycleCalendar haikou() {
    return new CycleCalendar(Haikou.ZONE);
  }

  public ZoneId zone() {
    return zone;
  }

  /** Today in the calendar's zone; only the clock's instant is used, not its zone. */
  public LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  public VisitCycle current(CycleKind kind, Clock clock) {
    return containing(kind, clock.instant());
  }

  public VisitCycle containing(CycleKind kind, Instant instant) {
    return containing(kind, LocalDate.ofInstant(instant, zone));
  }

  public VisitCycle containing(CycleKind kind, LocalDate date) {
    return VisitCycle.containing(kind, date, zone);
  }

  /** The cycles that make up a month, in order: two half months, or the month itself. */
  public List<VisitCycle> cyclesIn(CycleKind kind, YearMonth month) {
    List<VisitCycle> cycles = new ArrayList<>(2);
    for (VisitCycle cycle = containing(kind, month.atDay(1));
        YearMonth.from(cycle.firstDay()).equals(month);
        cycle = cycle.next()) {
      cycles.add(cycle);
    }
    return cycles;
  }
}
