package org.tanfang.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.reports.Bucket.Subject;
import org.tanfang.scheduler.cycle.CycleCalendar;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduling.Coverage;

/**
 * The monthly visit rate of an area, its parts, its half months and its 12-month trend, by the
 * scheduler's own rules ({@link Coverage#owed}, {@link Coverage#covered}): an elder in scope on the
 * month's last day (or today, for the current month) owes a valid visit in each cycle of the month
 * that has started and did not end before the elder was enrolled; covered means every one was made.
 * Counted in SQL ({@link CoverageScan}); the elders behind each figure are read when its list is
 * opened; the trend's closed months are stored ({@link ClosedMonths}).
 */
@Service
public class CoverageFigures {
  /** How many uncovered elders the figures carry (the dashboard's table); the list has them all. */
  public static final int UNCOVERED_SHOWN = 100;

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(CoverageFigures.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final CycleCalendar calendar;
  private final ZoneId zone;
  private final CoverageScan scan;
  private final ClosedMonths closed;

  CoverageFigures(JdbcTemplate jdbc, Clock clock, CoverageScan scan, ClosedMonths closed) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = clock.getZone();
    this.calendar = new CycleCalendar(zone);
    this.scan = scan;
    this.closed = closed;
  }

  /** One part of the area (a district of the city, a street of a district …). */
  public record Part(String name, int inScope, int covered, double rate) {}

  public record MonthRate(String month, int inScope, int covered, double rate) {}

  /** An elder in scope not yet covered: the first cycle still owed and its days left (0: over). */
  public record Uncovered(
      long elderId,
      String name,
      String district,
      String street,
      String community,
      String grid,
      String cycle,
      int daysLeft,
      int risk,
      String mode) {}

  /**
   * The figures; {@code uncovered} is the first {@link #UNCOVERED_SHOWN} of {@code uncoveredAll}
   * (most vulnerable first, then fewest days left, then id).
   */
  public record Result(
      YearMonth month,
      Area area,
      Bucket inScope,
      Bucket covered,
      Bucket halfFirstInScope,
      Bucket halfFirstCovered,
      Bucket halfSecondInScope,
      Bucket halfSecondCovered,
      boolean secondHalfStarted,
      List<Part> parts,
      List<MonthRate> trend,
      List<Uncovered> uncovered,
      Bucket uncoveredAll) {

    public double rate() {
      return Rates.share(covered.count(), inScope.count());
    }
  }

  public Result month(YearMonth month, Area area) {
    LocalDate today = calendar.today(clock);
    CoverageMonth m = new CoverageMonth(month, today, zone);
    long start = System.nanoTime();
    CoverageScan.Counts c = scan.count(m, area);
    long counted = System.nanoTime();
    List<Part> parts = new ArrayList<>();
    c.parts().forEach((name, n) -> parts.add(new Part(name, n[0], n[1], Rates.share(n[1], n[0]))));
    List<MonthRate> trend = trend(month, area, today);
    trend.add(rate(month, c.inScope(), c.covered()));
    int open = c.inScope() - c.covered();
    long trended = System.nanoTime();
    List<Uncovered> top = open == 0 ? List.of() : top(c, UNCOVERED_SHOWN);
    log.debug(
        "{}: counts {} ms, trend {} ms, uncovered list {} ms",
        month,
        (counted - start) / 1_000_000,
        (trended - counted) / 1_000_000,
        (System.nanoTime() - trended) / 1_000_000);
    return new Result(
        month,
        area,
        elders(c, c.inScope(), "in_scope"),
        elders(c, c.covered(), "covered"),
        elders(c, c.half1InScope(), "kind = 2 and (owed & 1) <> 0"),
        elders(c, c.half1Covered(), "kind = 2 and (owed & visited & 1) <> 0"),
        elders(c, c.half2InScope(), "kind = 2 and (owed & 2) <> 0"),
        elders(c, c.half2Covered(), "kind = 2 and (owed & visited & 2) <> 0"),
        m.secondHalfStarted(),
        parts,
        trend,
        top,
        Bucket.lazy(
            Subject.ELDER,
            open,
            () -> ranked(c, Integer.MAX_VALUE).stream().map(Ranked::id).toList()));
  }

  /** The 11 months before {@code month}: closed ones as stored, any others counted now. */
  private List<MonthRate> trend(YearMonth month, Area area, LocalDate today) {
    YearMonth first = month.minusMonths(11);
    YearMonth thisMonth = YearMonth.from(today);
    YearMonth closedEnd = month.isBefore(thisMonth) ? month : thisMonth;
    List<MonthRate> trend = new ArrayList<>();
    if (closedEnd.isAfter(first)) {
      for (Map.Entry<YearMonth, int[]> e : closed.of(first, closedEnd, area, today).entrySet()) {
        trend.add(rate(e.getKey(), e.getValue()[0], e.getValue()[1]));
      }
    }
    for (YearMonth m = closedEnd.isAfter(first) ? closedEnd : first;
        m.isBefore(month);
        m = m.plusMonths(1)) {
      CoverageScan.Counts c = scan.count(new CoverageMonth(m, today, zone), area);
      trend.add(rate(m, c.inScope(), c.covered()));
    }
    return trend;
  }

  private static MonthRate rate(YearMonth m, int inScope, int covered) {
    return new MonthRate(m.toString(), inScope, covered, Rates.share(covered, inScope));
  }

  private Bucket elders(CoverageScan.Counts c, int count, String where) {
    return Bucket.lazy(Subject.ELDER, count, () -> scan.ids(c, where));
  }

  /** An uncovered elder's id, group and days left in the first cycle still owed. */
  private record Ranked(long id, CoverageScan.Open group, int daysLeft) {}

  /**
   * The first {@code limit} uncovered elders, most vulnerable first, then fewest days left, then
   * id, from the ids the count carried ({@link CoverageScan.Open}): a group's elders share their
   * risk and first owed cycle, so the groups are taken in that order, the ids of groups alike in
   * both merged in id order, until {@code limit}.
   */
  private List<Ranked> ranked(CoverageScan.Counts c, int limit) {
    CoverageMonth m = c.month();
    VisitCycle[] cycles = cycles(m.month());
    LocalDate today = m.today();
    java.util.TreeMap<List<Integer>, List<CoverageScan.Open>> tiers =
        new java.util.TreeMap<>(
            java.util.Comparator.<List<Integer>>comparingInt(k -> -k.get(0))
                .thenComparingInt(k -> k.get(1)));
    for (CoverageScan.Open g : c.open()) {
      tiers
          .computeIfAbsent(
              List.of(g.risk(), cycles[g.cycle()].daysLeft(today)), k -> new ArrayList<>())
          .add(g);
    }
    List<Ranked> chosen = new ArrayList<>();
    for (Map.Entry<List<Integer>, List<CoverageScan.Open>> tier : tiers.entrySet()) {
      List<Ranked> alike = new ArrayList<>();
      for (CoverageScan.Open g : tier.getValue()) {
        for (long id : g.ids()) {
          alike.add(new Ranked(id, g, tier.getKey().get(1)));
        }
      }
      alike.sort(java.util.Comparator.comparingLong(Ranked::id));
      chosen.addAll(alike.subList(0, Math.min(alike.size(), limit - chosen.size())));
      if (chosen.size() >= limit) {
        break;
      }
    }
    return chosen;
  }

  /** The first {@code limit} of {@link #ranked}, each elder's name and place read by id. */
  private List<Uncovered> top(CoverageScan.Counts c, int limit) {
    VisitCycle[] cycles = cycles(c.month().month());
    List<Ranked> chosen = ranked(c, limit);
    Map<Long, String[]> elders = new java.util.HashMap<>();
    jdbc.query(
        "select id, name, district, street, community, grid from elder where id = any (?)",
        rs -> {
          elders.put(
              rs.getLong(1),
              new String[] {
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)
              });
        },
        (Object) chosen.stream().map(Ranked::id).toArray(Long[]::new));
    List<Uncovered> top = new ArrayList<>(chosen.size());
    for (Ranked r : chosen) {
      String[] e = elders.get(r.id());
      top.add(
          new Uncovered(
              r.id(),
              e[0],
              e[1],
              e[2],
              e[3],
              e[4],
              cycles[r.group().cycle()].id(),
              r.daysLeft(),
              r.group().risk(),
              r.group().mode()));
    }
    return top;
  }

  /** The month, its first half and its second half. */
  private VisitCycle[] cycles(YearMonth month) {
    return new VisitCycle[] {
      calendar.containing(CycleKind.MONTH, month.atDay(1)),
      calendar.containing(CycleKind.HALF_MONTH, month.atDay(1)),
      calendar.containing(CycleKind.HALF_MONTH, month.atDay(16))
    };
  }
}
