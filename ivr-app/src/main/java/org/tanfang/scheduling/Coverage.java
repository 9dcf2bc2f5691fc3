package org.tanfang.scheduling;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.scheduler.cycle.CycleCalendar;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.policy.VisitDecision;

/**
 * Coverage for a month, computable at any time. An elder in scope is <b>covered</b> for the month
 * when every one of their cycles that overlaps the month and has started by today has at least one
 * valid visit dated inside it (a half-month elder needs both halves once both have begun). Any
 * valid visit counts: routine, special round, or logged by a person. Rate = covered / in scope. In
 * scope is decided by today's registry and policy table.
 */
@Service
public class Coverage {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final SchedulingElders elders;
  private final PolicyTable policies;
  private final CycleCalendar calendar;
  private final ZoneId zone;
  private final int overdueDays;

  Coverage(
      JdbcTemplate jdbc,
      Clock clock,
      SchedulingElders elders,
      PolicyTable policies,
      SchedulerProperties props) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.elders = elders;
    this.policies = policies;
    this.zone = clock.getZone();
    this.calendar = new CycleCalendar(zone);
    this.overdueDays = props.needsPersonDaysLeft();
  }

  public record Group(String name, int inScope, int covered, double rate) {}

  public record Overdue(
      long elderId,
      String name,
      String district,
      String street,
      String community,
      String cycle,
      int daysLeft,
      String mode) {}

  /** The level groups are at: district, street, community or grid (the one below the filter). */
  public record Report(
      String month,
      String district,
      String street,
      String community,
      String level,
      int inScope,
      int covered,
      double rate,
      List<Group> groups,
      List<Overdue> overdue) {}

  /** Elders without a grid are grouped under this name at the grid level. */
  /** The group of elders without a grid; the page shows it as {@code coverage.noGrid}. */
  public static final String NO_GRID = "";

  public Report month(YearMonth month, String district, String street) {
    return month(month, district, street, null);
  }

  public Report month(YearMonth month, String district, String street, String community) {
    LocalDate today = calendar.today(clock);
    LocalDate judged = month.atEndOfMonth().isBefore(today) ? month.atEndOfMonth() : today;
    Map<Long, List<LocalDate>> validDays = validDays(month);
    String level =
        district == null
            ? "district"
            : street == null ? "street" : community == null ? "community" : "grid";
    Map<String, int[]> groups = new TreeMap<>();
    List<Overdue> overdue = new ArrayList<>();
    int inScope = 0;
    int covered = 0;
    for (ScheduledElder elder : elders.all()) {
      if ((district != null && !district.equals(elder.district()))
          || (street != null && !street.equals(elder.street()))
          || (community != null && !community.equals(elder.community()))) {
        continue;
      }
      if (!(policies.forDistrict(elder.district()).evaluate(elder.profile(), judged)
          instanceof VisitDecision.InScope in)) {
        continue;
      }
      List<LocalDate> days = validDays.getOrDefault(elder.id(), List.of());
      boolean isCovered = covered(calendar.cyclesIn(in.cycle(), month), days, today);
      inScope++;
      covered += isCovered ? 1 : 0;
      int[] counts = groups.computeIfAbsent(groupName(elder, level), k -> new int[2]);
      counts[0]++;
      counts[1] += isCovered ? 1 : 0;
      VisitCycle current = calendar.containing(in.cycle(), today);
      if (YearMonth.from(today).equals(month)
          && current.daysLeft(today) <= overdueDays
          && days.stream().noneMatch(current::contains)) {
        overdue.add(
            new Overdue(
                elder.id(),
                elder.name(),
                elder.district(),
                elder.street(),
                elder.community(),
                current.id(),
                current.daysLeft(today),
                in.mode().name()));
      }
    }
    List<Group> rows = new ArrayList<>();
    groups.forEach((name, c) -> rows.add(new Group(name, c[0], c[1], rate(c[1], c[0]))));
    return new Report(
        month.toString(),
        district,
        street,
        community,
        level,
        inScope,
        covered,
        rate(covered, inScope),
        rows,
        overdue);
  }

  private static String groupName(ScheduledElder elder, String level) {
    return switch (level) {
      case "district" -> elder.district();
      case "street" -> elder.street();
      case "community" -> elder.community();
      default -> elder.grid() == null ? NO_GRID : elder.grid();
    };
  }

  static boolean covered(List<VisitCycle> cycles, List<LocalDate> validDays, LocalDate today) {
    return covered(owed(cycles, today, null), validDays);
  }

  /**
   * The cycles of a month an elder owes a visit in: those that have started by {@code today} and
   * did not end before the elder was enrolled ({@code enrolledOn}, null = always enrolled), so an
   * elder enrolled on 20 March owes the second half of March but not the first.
   */
  public static List<VisitCycle> owed(
      List<VisitCycle> cycles, LocalDate today, LocalDate enrolledOn) {
    List<VisitCycle> owed = new ArrayList<>(cycles.size());
    for (VisitCycle cycle : cycles) {
      if (!cycle.firstDay().isAfter(today)
          && (enrolledOn == null || !cycle.lastDay().isBefore(enrolledOn))) {
        owed.add(cycle);
      }
    }
    return owed;
  }

  /** Covered: at least one cycle owed, and a valid visit on a day inside each of them. */
  public static boolean covered(List<VisitCycle> owed, List<LocalDate> validDays) {
    if (owed.isEmpty()) {
      return false;
    }
    for (VisitCycle cycle : owed) {
      if (validDays.stream().noneMatch(cycle::contains)) {
        return false;
      }
    }
    return true;
  }

  private static double rate(int covered, int inScope) {
    return inScope == 0 ? 0 : Math.round(1000.0 * covered / inScope) / 1000.0;
  }

  /** Local days of valid visits in the month, per elder. */
  private Map<Long, List<LocalDate>> validDays(YearMonth month) {
    Map<Long, List<LocalDate>> days = new HashMap<>();
    jdbc.query(
        """
        select elder_id, (coalesce(ended_at, started_at, planned_at, updated_at) at time zone ?)::date as day
        from visit
        where valid and purpose <> 'TEST'
          and coalesce(ended_at, started_at, planned_at, updated_at) >= ?
          and coalesce(ended_at, started_at, planned_at, updated_at) < ?
        """,
        rs -> {
          days.computeIfAbsent(rs.getLong("elder_id"), k -> new ArrayList<>())
              .add(rs.getObject("day", LocalDate.class));
        },
        zone.getId(),
        java.sql.Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant()),
        java.sql.Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
    return days;
  }
}
