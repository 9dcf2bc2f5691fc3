package org.tanfang.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.scheduler.cycle.CycleCalendar;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.District;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.scheduler.elder.Vulnerability;
import org.tanfang.scheduler.policy.VisitDecision;
import org.tanfang.scheduling.Coverage;
import org.tanfang.scheduling.PolicyTable;

/**
 * The monthly visit rate of an area, its parts, its half months and its 12-month trend, by the
 * scheduler's own rules ({@link Coverage#owed}, {@link Coverage#covered}): an elder in scope on the
 * month's last day (or today, for the current month) owes a valid visit in each cycle of the month
 * that has started and did not end before the elder was enrolled; covered means every one was made.
 */
@Service
public class CoverageFigures {
  private static final Logger log = LoggerFactory.getLogger(CoverageFigures.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final PolicyTable policies;
  private final CycleCalendar calendar;
  private final ZoneId zone;

  CoverageFigures(JdbcTemplate jdbc, Clock clock, PolicyTable policies) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.policies = policies;
    this.zone = clock.getZone();
    this.calendar = new CycleCalendar(zone);
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

  public record Result(
      YearMonth month,
      Area area,
      List<Long> inScope,
      List<Long> covered,
      List<Long> halfFirstInScope,
      List<Long> halfFirstCovered,
      List<Long> halfSecondInScope,
      List<Long> halfSecondCovered,
      boolean secondHalfStarted,
      List<Part> parts,
      List<MonthRate> trend,
      List<Uncovered> uncovered) {

    public double rate() {
      return Rates.share(covered.size(), inScope.size());
    }
  }

  /**
   * What the policy decides on besides age, shared by every elder with the same values, with the
   * decision for each age once evaluated (the decision depends on nothing else).
   */
  private record Profile(
      String district,
      int categories,
      DisabilityLevel disability,
      Integer grade,
      boolean selfCare,
      boolean consent,
      VisitDecision[] byAge) {

    Set<Category> categorySet() {
      Set<Category> set = EnumSet.noneOf(Category.class);
      for (Category c : CATEGORIES) {
        if ((categories & (1 << c.ordinal())) != 0) {
          set.add(c);
        }
      }
      return set;
    }
  }

  private record ProfileKey(
      String district,
      int categories,
      DisabilityLevel disability,
      Integer grade,
      boolean selfCare,
      boolean consent) {}

  private static final Category[] CATEGORIES = Category.values();
  private static final int MAX_AGE = 150;

  /**
   * One active elder of the area as the coverage query reads it: the profile the policy decides on,
   * the birth date, the local day of enrolment and the half months visited in the first and last
   * year of the trend ({@code elder_visit_halves}, kept by a trigger on {@code visit}, V51).
   */
  private record Row(
      long id,
      String part,
      Profile profile,
      int bornYear,
      int bornMonthDay,
      long enrolledDay,
      int firstYearHalves,
      int lastYearHalves) {

    /** Bits 0 and 1: first and second half of {@code m} visited. */
    int halves(YearMonth m, int firstYear) {
      int year = m.getYear() == firstYear ? firstYearHalves : lastYearHalves;
      return (year >>> (2 * (m.getMonthValue() - 1))) & 3;
    }

    /**
     * Completed years on the month's judging day, as {@link ElderProfile#ageOn} ({@code
     * Period.between}): one less before the birthday (29 February turns a year older on 1 March).
     */
    int ageOn(MonthFacts m) {
      return m.judgedYear() - bornYear - (m.judgedMonthDay() < bornMonthDay ? 1 : 0);
    }

    LocalDate born() {
      return LocalDate.of(bornYear, bornMonthDay / 100, bornMonthDay % 100);
    }

    ElderProfile elderProfile() {
      return new ElderProfile(
          id,
          profile.categorySet(),
          born(),
          profile.disability(),
          profile.grade(),
          profile.selfCare(),
          profile.consent(),
          ElderStatus.ACTIVE,
          new District(profile.district(), profile.district()),
          List.of());
    }
  }

  /** What every elder's figures of one month are judged by, computed once per month. */
  private record MonthFacts(
      YearMonth month,
      boolean started,
      LocalDate judged,
      int judgedYear,
      int judgedMonthDay,
      long judgedDay,
      long firstHalfEnd,
      boolean secondHalfStarted) {

    static MonthFacts of(YearMonth m, LocalDate today) {
      LocalDate judged = CoverageFigures.judged(m, today);
      return new MonthFacts(
          m,
          !m.atDay(1).isAfter(today),
          judged,
          judged.getYear(),
          judged.getMonthValue() * 100 + judged.getDayOfMonth(),
          judged.toEpochDay(),
          m.atDay(15).toEpochDay(),
          !m.atDay(16).isAfter(today));
    }
  }

  /**
   * The figures of one month for one elder: in scope (owes at least one cycle) and covered (a valid
   * visit in each owed cycle); {@code owedHalves} bit 0/1 for the halves a half-month elder owes (0
   * for a monthly elder).
   */
  private record Owed(VisitDecision.InScope decision, boolean covered, int owedHalves) {}

  /** The policy's decision for an elder on a day, evaluated once per profile and age. */
  private VisitDecision decide(Row r, MonthFacts m) {
    LocalDate on = m.judged();
    int age = r.ageOn(m);
    VisitDecision[] byAge = r.profile().byAge();
    if (age < 0 || age >= MAX_AGE) {
      return policies.forDistrict(r.profile().district()).evaluate(r.elderProfile(), on);
    }
    VisitDecision d = byAge[age];
    if (d == null) {
      d = policies.forDistrict(r.profile().district()).evaluate(r.elderProfile(), on);
      byAge[age] = d;
    }
    return d;
  }

  public Result month(YearMonth month, Area area) {
    LocalDate today = calendar.today(clock);
    YearMonth first = month.minusMonths(11);
    long started = System.nanoTime();
    List<Row> rows = rows(area, first, month);
    long read = System.nanoTime();

    List<MonthRate> trend = new ArrayList<>();
    for (YearMonth m = first; m.isBefore(month); m = m.plusMonths(1)) {
      int in = 0;
      int cov = 0;
      MonthFacts facts = MonthFacts.of(m, today);
      for (Row r : rows) {
        Owed owed = owed(r, facts, first.getYear());
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
    List<Row> open = new ArrayList<>();
    List<Owed> openOwed = new ArrayList<>();
    MonthFacts facts = MonthFacts.of(month, today);
    for (Row r : rows) {
      Owed owed = owed(r, facts, first.getYear());
      if (owed == null) {
        continue;
      }
      inScope.add(r.id());
      int[] part = parts.computeIfAbsent(r.part(), k -> new int[2]);
      part[0]++;
      if (owed.covered()) {
        covered.add(r.id());
        part[1]++;
      } else {
        open.add(r);
        openOwed.add(owed);
      }
      int visited = r.halves(month, first.getYear());
      if ((owed.owedHalves() & 1) != 0) {
        h1In.add(r.id());
        if ((visited & 1) != 0) {
          h1Cov.add(r.id());
        }
      }
      if ((owed.owedHalves() & 2) != 0) {
        h2In.add(r.id());
        if ((visited & 2) != 0) {
          h2Cov.add(r.id());
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
    List<Uncovered> uncovered = uncovered(open, openOwed, month, today, first.getYear());
    uncovered.sort(
        Comparator.comparingInt(Uncovered::risk)
            .reversed()
            .thenComparingInt(Uncovered::daysLeft)
            .thenComparingLong(Uncovered::elderId));
    return new Result(
        month,
        area,
        inScope,
        covered,
        h1In,
        h1Cov,
        h2In,
        h2Cov,
        !month.atDay(16).isAfter(today),
        partRows,
        trend,
        uncovered);
  }

  /**
   * What an elder owes in a month, by the scheduler's rules ({@link Coverage#owed}): the cycles
   * that have started by today and did not end before the elder was enrolled; null when out of
   * scope. A monthly cycle is the month; a half month is days 1-15 or 16 to the end.
   */
  private Owed owed(Row r, MonthFacts f, int firstYear) {
    if (!f.started() || r.enrolledDay() > f.judgedDay()) {
      return null;
    }
    if (!(decide(r, f) instanceof VisitDecision.InScope in)) {
      return null;
    }
    int visited = r.halves(f.month(), firstYear);
    if (in.cycle() == CycleKind.MONTH) {
      // started (the month's first day is not after today); enrolled by its last day (judged)
      return new Owed(in, visited != 0, 0);
    }
    int owedHalves = 0;
    if (f.firstHalfEnd() >= r.enrolledDay()) {
      owedHalves |= 1;
    }
    if (f.secondHalfStarted()) {
      owedHalves |= 2;
    }
    if (owedHalves == 0) {
      return null;
    }
    return new Owed(in, (visited & owedHalves) == owedHalves, owedHalves);
  }

  private List<Uncovered> uncovered(
      List<Row> open, List<Owed> owed, YearMonth month, LocalDate today, int firstYear) {
    Map<Long, String[]> names = new HashMap<>();
    if (!open.isEmpty()) {
      jdbc.query(
          "select id, name, district, street, community, grid from elder where id = any (?)",
          rs -> {
            names.put(
                rs.getLong(1),
                new String[] {
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)
                });
          },
          (Object) open.stream().map(Row::id).toArray(Long[]::new));
    }
    LocalDate judged = judged(month, today);
    List<Uncovered> list = new ArrayList<>(open.size());
    for (int i = 0; i < open.size(); i++) {
      Row r = open.get(i);
      Owed o = owed.get(i);
      int visited = r.halves(month, firstYear);
      VisitCycle cycle;
      if (o.decision().cycle() == CycleKind.MONTH) {
        cycle = calendar.containing(CycleKind.MONTH, month.atDay(1));
      } else {
        int missing = o.owedHalves() & ~visited;
        cycle =
            calendar.containing(
                CycleKind.HALF_MONTH, (missing & 1) != 0 ? month.atDay(1) : month.atDay(16));
      }
      String[] n = names.get(r.id());
      list.add(
          new Uncovered(
              r.id(),
              n[0],
              n[1],
              n[2],
              n[3],
              n[4],
              cycle.id(),
              cycle.daysLeft(today),
              Vulnerability.of(r.elderProfile(), judged).score(),
              o.decision().mode().name()));
    }
    return list;
  }

  /**
   * Active elders of the area with what coverage needs (one row each, no visit rows): the part they
   * belong to, categories, enrolment day and the visited half months of the trend's years.
   */
  private List<Row> rows(Area area, YearMonth first, YearMonth last) {
    List<Object> args = new ArrayList<>();
    args.add(zone.getId());
    args.add(java.util.Arrays.stream(CATEGORIES).map(Category::name).toArray(String[]::new));
    args.add(first.getYear());
    args.add(last.getYear());
    String part =
        switch (area.childLevel()) {
          case CITY, DISTRICT -> "e.district";
          case STREET -> "e.street";
          case COMMUNITY -> "e.community";
          case GRID -> "coalesce(e.grid, '')";
        };
    String sql =
        "select e.id, e.district, "
            + part
            + " as part, coalesce(c.bits, 0) as categories,"
            + " extract(year from e.birth_date)::integer as born_year,"
            + " (extract(month from e.birth_date) * 100 + extract(day from e.birth_date))::integer"
            + " as born_month_day, e.disability_level, e.disability_grade, e.self_care, e.consent,"
            + " (e.created_at at time zone ?)::date - date '1970-01-01' as enrolled,"
            + " coalesce(y1.halves, 0) as y1, coalesce(y2.halves, 0) as y2"
            + " from elder e"
            + " left join (select elder_id,"
            + "   bit_or(1 << (array_position(?::varchar[], category::varchar) - 1)) as bits"
            + "   from elder_category group by elder_id) c on c.elder_id = e.id"
            + " left join elder_visit_halves y1 on y1.elder_id = e.id and y1.year = ?"
            + " left join elder_visit_halves y2 on y2.elder_id = e.id and y2.year = ?"
            + " where e.status = 'ACTIVE'"
            + area.where("e", args)
            + " order by e.id";
    Map<ProfileKey, Profile> profiles = new HashMap<>();
    Map<String, DisabilityLevel> levels = new HashMap<>();
    return jdbc.query(
        sql,
        (rs, n) -> {
          String district = rs.getString(2);
          DisabilityLevel level = levels.computeIfAbsent(rs.getString(7), DisabilityLevel::valueOf);
          Integer grade = rs.getObject(8, Integer.class);
          ProfileKey key =
              new ProfileKey(
                  district, rs.getInt(4), level, grade, rs.getBoolean(9), rs.getBoolean(10));
          Profile profile =
              profiles.computeIfAbsent(
                  key,
                  k ->
                      new Profile(
                          k.district(),
                          k.categories(),
                          k.disability(),
                          k.grade(),
                          k.selfCare(),
                          k.consent(),
                          new VisitDecision[MAX_AGE]));
          return new Row(
              rs.getLong(1),
              rs.getString(3),
              profile,
              rs.getInt(5),
              rs.getInt(6),
              rs.getLong(11),
              rs.getInt(12),
              rs.getInt(13));
        },
        args.toArray());
  }

  private static LocalDate judged(YearMonth month, LocalDate today) {
    return month.atEndOfMonth().isBefore(today) ? month.atEndOfMonth() : today;
  }
}
