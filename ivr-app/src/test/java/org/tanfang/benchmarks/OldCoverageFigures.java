package org.tanfang.benchmarks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.reports.Area;
import org.tanfang.reports.Bucket;
import org.tanfang.reports.CoverageFigures;
import org.tanfang.reports.CoverageFigures.MonthRate;
import org.tanfang.reports.CoverageFigures.Part;
import org.tanfang.reports.CoverageFigures.Result;
import org.tanfang.reports.CoverageFigures.Uncovered;
import org.tanfang.reports.Rates;
import org.tanfang.scheduler.cycle.CycleCalendar;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.elder.Vulnerability;
import org.tanfang.scheduler.policy.VisitDecision;
import org.tanfang.scheduling.Coverage;
import org.tanfang.scheduling.PolicyTable;
import org.tanfang.scheduling.ScheduledElder;
import org.tanfang.scheduling.SchedulingElders;

/**
 * The coverage figures as computed before V51 (every elder through {@link SchedulingElders#all()},
 * every valid visit of 12 months, the policy per elder and month), kept only so {@link
 * DashboardBenchmark} can time the old way against the new one in the same run.
 */
final class OldCoverageFigures {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final SchedulingElders elders;
  private final PolicyTable policies;
  private final CycleCalendar calendar;
  private final ZoneId zone;

  OldCoverageFigures(
      JdbcTemplate jdbc, Clock clock, SchedulingElders elders, PolicyTable policies) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.elders = elders;
    this.policies = policies;
    this.zone = clock.getZone();
    this.calendar = new CycleCalendar(zone);
  }

  /** What one elder owes in one month; null when out of scope for it. */
  private record Owed(VisitDecision.InScope decision, List<VisitCycle> cycles, boolean covered) {}

  public Result month(YearMonth month, Area area) {
    LocalDate today = calendar.today(clock);
    List<ScheduledElder> inArea = new ArrayList<>();
    for (ScheduledElder e : elders.all()) {
      if (area.contains(e.district(), e.street(), e.community(), e.grid())) {
        inArea.add(e);
      }
    }
    Map<Long, LocalDate> enrolled = enrolled();
    YearMonth first = month.minusMonths(11);
    Map<Long, List<LocalDate>> days = validDays(first, month);

    List<MonthRate> trend = new ArrayList<>();
    for (YearMonth m = first; m.isBefore(month); m = m.plusMonths(1)) {
      int in = 0;
      int cov = 0;
      for (ScheduledElder e : inArea) {
        Owed owed = owed(e, m, today, enrolled.get(e.id()), days);
        if (owed != null) {
          in++;
          cov += owed.covered() ? 1 : 0;
        }
      }
      trend.add(new MonthRate(m.toString(), in, cov, Rates.share(cov, in)));
    }

    List<Long> inScope = new ArrayList<>();
    List<Long> covered = new ArrayList<>();
    List<Long> h1In = new ArrayList<>();
    List<Long> h1Cov = new ArrayList<>();
    List<Long> h2In = new ArrayList<>();
    List<Long> h2Cov = new ArrayList<>();
    Map<String, int[]> parts = new TreeMap<>();
    List<Uncovered> uncovered = new ArrayList<>();
    LocalDate judged = judged(month, today);
    for (ScheduledElder e : inArea) {
      List<LocalDate> own = days.getOrDefault(e.id(), List.of());
      Owed owed = owed(e, month, today, enrolled.get(e.id()), days);
      if (owed == null) {
        continue;
      }
      inScope.add(e.id());
      int[] part =
          parts.computeIfAbsent(
              area.partOf(e.district(), e.street(), e.community(), e.grid()), k -> new int[2]);
      part[0]++;
      if (owed.covered()) {
        covered.add(e.id());
        part[1]++;
      } else {
        uncovered.add(uncovered(e, owed, own, today, judged));
      }
      if (owed.decision().cycle() == CycleKind.HALF_MONTH) {
        for (VisitCycle cycle : owed.cycles()) {
          boolean firstHalf = cycle.firstDay().getDayOfMonth() == 1;
          (firstHalf ? h1In : h2In).add(e.id());
          if (own.stream().anyMatch(cycle::contains)) {
            (firstHalf ? h1Cov : h2Cov).add(e.id());
          }
        }
      }
    }
    List<Part> partRows = new ArrayList<>();
    parts.forEach((name, c) -> partRows.add(new Part(name, c[0], c[1], Rates.share(c[1], c[0]))));
    trend.add(
        new MonthRate(
            month.toString(),
            inScope.size(),
            covered.size(),
            Rates.share(covered.size(), inScope.size())));
    uncovered.sort(
        Comparator.comparingInt(Uncovered::risk)
            .reversed()
            .thenComparingInt(Uncovered::daysLeft)
            .thenComparingLong(Uncovered::elderId));
    return new Result(
        month,
        area,
        elders(inScope),
        elders(covered),
        elders(h1In),
        elders(h1Cov),
        elders(h2In),
        elders(h2Cov),
        !month.atDay(16).isAfter(today),
        partRows,
        trend,
        uncovered.subList(0, Math.min(CoverageFigures.UNCOVERED_SHOWN, uncovered.size())),
        elders(uncovered.stream().map(Uncovered::elderId).toList()));
  }

  private static Bucket elders(List<Long> ids) {
    return new Bucket(Bucket.Subject.ELDER, ids);
  }

  private Owed owed(
      ScheduledElder e,
      YearMonth month,
      LocalDate today,
      LocalDate enrolledOn,
      Map<Long, List<LocalDate>> days) {
    if (month.atDay(1).isAfter(today)) {
      return null;
    }
    LocalDate judged = judged(month, today);
    if (enrolledOn != null && enrolledOn.isAfter(judged)) {
      return null;
    }
    if (!(policies.forDistrict(e.district()).evaluate(e.profile(), judged)
        instanceof VisitDecision.InScope in)) {
      return null;
    }
    List<VisitCycle> cycles =
        Coverage.owed(calendar.cyclesIn(in.cycle(), month), today, enrolledOn);
    if (cycles.isEmpty()) {
      return null;
    }
    return new Owed(in, cycles, Coverage.covered(cycles, days.getOrDefault(e.id(), List.of())));
  }

  private Uncovered uncovered(
      ScheduledElder e, Owed owed, List<LocalDate> days, LocalDate today, LocalDate judged) {
    VisitCycle open =
        owed.cycles().stream()
            .filter(c -> days.stream().noneMatch(c::contains))
            .findFirst()
            .orElseThrow();
    return new Uncovered(
        e.id(),
        e.name(),
        e.district(),
        e.street(),
        e.community(),
        e.grid(),
        open.id(),
        open.daysLeft(today),
        Vulnerability.of(e.profile(), judged).score(),
        owed.decision().mode().name());
  }

  private static LocalDate judged(YearMonth month, LocalDate today) {
    return month.atEndOfMonth().isBefore(today) ? month.atEndOfMonth() : today;
  }

  /** The local day each elder was enrolled (registered). */
  private Map<Long, LocalDate> enrolled() {
    Map<Long, LocalDate> days = new HashMap<>();
    jdbc.query(
        "select id, created_at from elder",
        rs -> {
          days.put(rs.getLong(1), LocalDate.ofInstant(rs.getTimestamp(2).toInstant(), zone));
        });
    return days;
  }

  /** Local days of valid visits from the first month to the last, per elder (as Coverage dates). */
  private Map<Long, List<LocalDate>> validDays(YearMonth from, YearMonth to) {
    Map<Long, List<LocalDate>> days = new HashMap<>();
    jdbc.query(
        """
        select elder_id, coalesce(ended_at, started_at, planned_at, updated_at) as at
        from visit
        where valid and purpose <> 'TEST'
          and coalesce(ended_at, started_at, planned_at, updated_at) >= ?
          and coalesce(ended_at, started_at, planned_at, updated_at) < ?
        """,
        rs -> {
          days.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(LocalDate.ofInstant(rs.getTimestamp(2).toInstant(), zone));
        },
        Timestamp.from(from.atDay(1).atStartOfDay(zone).toInstant()),
        Timestamp.from(to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
    return days;
  }
}
