package org.tanfang.benchmarks;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.TanfangApplication;
import org.tanfang.escalation.EscalationProperties;
import org.tanfang.reports.ActivityFigures;
import org.tanfang.reports.Area;
import org.tanfang.reports.CoverageFigures;
import org.tanfang.reports.Dashboard;
import org.tanfang.reports.OldSupervisionChecks;
import org.tanfang.reports.ReportsProperties;
import org.tanfang.reports.SupervisionChecks;
import org.tanfang.scheduling.PolicyTable;
import org.tanfang.scheduling.SchedulingElders;

/**
 * The dashboard's queries for a city of N elders (default 200,000) with a year of visits, on the
 * application started against a throw-away embedded PostgreSQL (no scheduler, no demo, no
 * telephony). Seeds with SQL (not timed), then times each query three times after a warm-up and
 * prints the median for BENCHMARKS.md.
 *
 * <pre>
 * ./mvnw -B -q -pl ivr-app -am test-compile exec:java -Dexec.mainClass=org.tanfang.benchmarks.DashboardBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args=200000
 * </pre>
 */
public final class DashboardBenchmark {

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    // a second argument keeps the database in that folder: a later run with the same N reuses
    // the seeded data (and migrates it) instead of seeding for minutes again
    String dataDir = args.length > 1 ? args[1] : "";
    String pgPort = System.getProperty("bench.pg-port", "0");
    // command-line arguments: they win over application.properties (builder defaults do not)
    String[] props = {
      "--tanfang.embedded-db.data-dir=" + dataDir,
      "--tanfang.embedded-db.port=" + pgPort,
      "--server.port=0",
      "--tanfang.scheduler.enabled=false",
      "--tanfang.scheduler.plan-on-startup=false",
      "--tanfang.demo.enabled=false",
      "--tanfang.telephony.simulator.enabled=false",
      "--tanfang.telephony.agi.port=0",
      "--logging.level.org.tanfang.reports.CoverageFigures=DEBUG",
      "--logging.level.org.tanfang.reports.ActivityFigures=DEBUG",
      "--logging.level.org.tanfang.reports.SupervisionChecks=DEBUG"
    };
    try (ConfigurableApplicationContext ctx =
        new SpringApplicationBuilder(TanfangApplication.class).run(props)) {
      JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
      // each query's time in the log (the reports' debug lines)
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.tanfang.reports"))
          .setLevel(ch.qos.logback.classic.Level.DEBUG);
      YearMonth month = YearMonth.from(LocalDate.now(ctx.getBean(Clock.class)));
      long t0 = System.nanoTime();
      long before = jdbc.queryForObject("select count(*) from elder", Long.class);
      if (before == 0) {
        seed(jdbc, n, month);
      } else if (before != n) {
        throw new IllegalStateException(dataDir + " holds " + before + " elders, not " + n);
      }
      suspect(jdbc, month);
      System.out.printf(
          "%s %d elders, %d visits in %.1f s%n",
          before == 0 ? "seeded" : "reused",
          n,
          jdbc.queryForObject("select count(*) from visit", Long.class),
          (System.nanoTime() - t0) / 1e9);
      long lastVisit = jdbc.queryForObject("select max(id) from visit", Long.class);
      Area city = Area.CITY;
      Area district = Area.of("美兰区", null, null, null);
      CoverageFigures coverage = ctx.getBean(CoverageFigures.class);
      ActivityFigures activity = ctx.getBean(ActivityFigures.class);
      SupervisionChecks checks = ctx.getBean(SupervisionChecks.class);
      Dashboard dashboard = ctx.getBean(Dashboard.class);
      OldCoverageFigures old =
          new OldCoverageFigures(
              jdbc,
              ctx.getBean(Clock.class),
              ctx.getBean(SchedulingElders.class),
              ctx.getBean(PolicyTable.class));
      OldSupervisionChecks oldChecks =
          new OldSupervisionChecks(
              jdbc,
              ctx.getBean(Clock.class),
              ctx.getBean(ReportsProperties.class),
              ctx.getBean(EscalationProperties.class));
      // -Dbench.compare=false: only the timings, to re-time data whose figures an earlier run of
      // the same commit compared (the comparisons read the old code's way for a minute or two)
      if (Boolean.parseBoolean(System.getProperty("bench.compare", "true"))) {
        if (!same(old.month(month, city), coverage.month(month, city))) {
          throw new IllegalStateException("the old and the new coverage figures differ");
        }
        if (!same(old.month(month, district), coverage.month(month, district))) {
          throw new IllegalStateException("the old and the new district coverage figures differ");
        }
        System.out.println("old and new coverage figures are equal (the city and one district)");
        sameChecks(oldChecks.month(month, city), checks.month(month, city));
        sameChecks(oldChecks.month(month, district), checks.month(month, district));
        System.out.println("old and new supervision checks are equal");
      } else {
        System.out.println("not compared with the old code (-Dbench.compare=false)");
      }
      time(
          "coverage, city (rate, halves, parts, 12-month trend, uncovered)",
          () -> coverage.month(month, city));
      // -Dbench.old-coverage=false: compared above, not timed (four runs of 17-80 s)
      if (Boolean.parseBoolean(System.getProperty("bench.old-coverage", "true"))) {
        time("coverage, city, the old query (before V51)", () -> old.month(month, city));
      }
      time("coverage, one district", () -> coverage.month(month, district));
      time(
          "activity, city (visits by kind, cases, calls, needs)",
          () -> activity.month(month, city));
      time("supervision checks, city", () -> checks.month(month, city));
      // -Dbench.old-checks=false: compared above, not timed (four runs of 20-80 s)
      if (Boolean.parseBoolean(System.getProperty("bench.old-checks", "true"))) {
        time(
            "supervision checks, city, the old code (before V55)",
            () -> oldChecks.month(month, city));
      }
      time("supervision checks, one district", () -> checks.month(month, district));
      time("whole dashboard, city", () -> dashboard.month(month, city));
      time("whole dashboard, one district", () -> dashboard.month(month, district));
      time(
          "recording 100 valid visits, one statement each (V52, V54 triggers)",
          () -> record(jdbc, n));
      // the next run on the same folder starts from the seeded data again
      jdbc.update("delete from visit where id > ?", lastVisit);
      System.out.printf("%nsummary (median of 3 after a warm-up, each query alone)%n");
      SUMMARY.forEach(System.out::println);
      System.out.println("uptime: " + uptime());
    }
  }

  private static boolean same(CoverageFigures.Result a, CoverageFigures.Result b) {
    // every figure's count and its ids (the new figures read these only when a list is opened)
    return same(a.inScope(), b.inScope())
        && same(a.covered(), b.covered())
        && same(a.halfFirstInScope(), b.halfFirstInScope())
        && same(a.halfFirstCovered(), b.halfFirstCovered())
        && same(a.halfSecondInScope(), b.halfSecondInScope())
        && same(a.halfSecondCovered(), b.halfSecondCovered())
        && same(a.uncoveredAll(), b.uncoveredAll())
        && a.parts().equals(b.parts())
        && a.trend().equals(b.trend())
        && a.uncovered().equals(b.uncovered());
  }

  /** Every check and rule: the same keys, counts and ids (read here, outside the timing). */
  private static void sameChecks(
      java.util.Map<String, org.tanfang.reports.Bucket> old,
      java.util.Map<String, org.tanfang.reports.Bucket> now) {
    if (!old.keySet().equals(now.keySet())) {
      throw new IllegalStateException("the checks' keys differ: " + old.keySet() + now.keySet());
    }
    for (String key : old.keySet()) {
      // as sorted lists: the home rules' lists were in the order rows came (odd hours) or by person
      // (bursts), and are in id order now
      if (old.get(key).count() != now.get(key).count()
          || !sorted(old.get(key).ids()).equals(sorted(now.get(key).ids()))) {
        throw new IllegalStateException(
            "the old and the new check " + key + " differ: " + old.get(key) + ", " + now.get(key));
      }
      System.out.printf("  check %-36s %7d%n", key, now.get(key).count());
    }
  }

  private static java.util.List<Long> sorted(java.util.List<Long> ids) {
    return ids.stream().sorted().toList();
  }

  /**
   * Visits the checks of 流于形式 should find, added once (a reused folder seeded before them gets them
   * on its first run): this month's phone visits with id ≡ 0 (mod 500) get a 20 s answered call,
   * those ≡ 250 a third keypad answer "1" at the same moment as their other two.
   */
  private static void suspect(JdbcTemplate jdbc, YearMonth month) {
    Object since = java.sql.Timestamp.valueOf(month.atDay(1).atStartOfDay());
    if (jdbc.queryForObject(
        "select exists (select 1 from visit_answer where question_id = 'bench-same-key')",
        Boolean.class)) {
      return;
    }
    int short_ =
        jdbc.update(
            "update call_attempt set answered_at = ended_at - interval '20 seconds'"
                + " where visit_id % 500 = 0 and result = 'ANSWERED' and ended_at >= ?",
            since);
    int sameKey =
        jdbc.update(
            "insert into visit_answer (visit_id, question_id, area, method, raw_key, intent,"
                + " answered_at) select v.id, 'bench-same-key', 'LIVING', 'KEYPAD', '1', 'FINE',"
                + " v.ended_at from visit v where v.kind = 'PHONE' and v.ended_at >= ?"
                + " and v.id % 500 = 250",
            since);
    int flagged =
        jdbc.update(
            "insert into phone_correction (elder_id, phone, flagged_at)"
                + " select id, primary_phone, now() from elder where id % 1000 = 1");
    jdbc.update(
        "insert into elder_phone (elder_id, position, number)"
            + " select id, 0, '137' || lpad(id::text, 8, '0') from elder where id % 2000 = 1");
    jdbc.execute("analyze");
    System.out.printf(
        "suspect visits added: %d short calls, %d same-key; %d numbers flagged%n",
        short_, sameKey, flagged);
  }

  private static boolean same(org.tanfang.reports.Bucket a, org.tanfang.reports.Bucket b) {
    return a.count() == b.count() && a.ids().equals(b.ids());
  }

  private static int recorded;

  /** 100 single-row inserts of a valid visit, as the call flow records them one by one. */
  private static Object record(JdbcTemplate jdbc, int n) {
    for (int i = 0; i < 100; i++) {
      recorded++;
      jdbc.update(
          "insert into visit (elder_id, kind, purpose, status, outcome, valid, ended_at,"
              + " created_at, updated_at) values (?, 'PHONE', 'ROUTINE', 'DONE', 'COMPLETED', true,"
              + " now(), now(), now())",
          1 + (recorded * 7919L) % n);
    }
    return null;
  }

  private static final java.util.List<String> SUMMARY = new java.util.ArrayList<>();

  private static String uptime() {
    try {
      String[] load =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return load[0] + " " + load[1] + " " + load[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static void time(String what, Supplier<?> query) {
    query.get();
    double[] runs = new double[3];
    for (int i = 0; i < runs.length; i++) {
      long t = System.nanoTime();
      query.get();
      runs[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(runs);
    String line =
        String.format(
            "%-70s median %7.0f ms (runs %.0f, %.0f, %.0f ms; load %s)",
            what, runs[1], runs[0], runs[1], runs[2], uptime());
    System.out.println(line);
    SUMMARY.add(line);
  }

  private static void seed(JdbcTemplate jdbc, int n, YearMonth month) {
    jdbc.update(
        """
        insert into elder (name, sex, birth_date, id_number, address, district, street, community,
                           grid, primary_phone, self_care, visitor_name, created_at, updated_at)
        select '老人' || g, case when g % 2 = 0 then 'MALE' else 'FEMALE' end,
               date '1936-01-01' + (g % 9000), lpad(g::text, 18, '0'), '地址' || g,
               (array['龙华区','美兰区','秀英区','琼山区'])[1 + g % 4], '街道' || (g % 40),
               '社区' || (g % 400), '网格' || (g % 2000), '139' || lpad(g::text, 8, '0'), true,
               case when g % 7 = 0 then null else '网格员' end,
               timestamptz '2025-01-01 00:00+08', timestamptz '2025-06-01 00:00+08'
        from generate_series(1, ?) g
        """,
        n);
    jdbc.update(
        "insert into elder_category (elder_id, category) select id, case when id % 5 = 0"
            + " then 'SOLITARY_CHILDLESS' when id % 5 = 1 then 'LIVING_ALONE' else 'EMPTY_NEST'"
            + " end from elder");
    jdbc.update(
        "insert into emergency_contact (elder_id, position, name, relation, phone)"
            + " select id, 0, '子女', '子女', '13800000000' from elder where id % 9 <> 0");
    LocalDate first = month.minusMonths(11).atDay(1);
    // the trigger keeping elder_visit_halves is off while 2.58 million rows go in; the table is
    // then counted in one statement, as V51 does for the visits already there
    jdbc.execute("alter table visit disable trigger visit_counted");
    // one valid phone visit a month for nine elders in ten (two for half-month elders)
    jdbc.update(
        """
        insert into visit (elder_id, kind, purpose, status, outcome, valid, planned_at, ended_at,
                           created_at, updated_at)
        select e.id, case when e.id % 10 = 3 then 'HOME' else 'PHONE' end, 'ROUTINE', 'DONE',
               'COMPLETED', true, t, t, t, t
        from elder e, generate_series(0, 11) m, generate_series(0, 1) h,
             lateral (select (? ::date + make_interval(months => m, days => h * 15 + e.id::int % 13))
                             ::timestamp at time zone 'Asia/Shanghai' + interval '10 hours' as t) x
        where (e.id + m) % 10 <> 0 and (h = 0 or e.id % 5 = 0)
        """,
        first);
    jdbc.execute("alter table visit enable trigger visit_counted");
    jdbc.execute("select elder_visit_halves_rebuild()");
    Object since = java.sql.Timestamp.valueOf(month.atDay(1).atStartOfDay());
    // the same for visit_check (V55): its two triggers off for the bulk insert, then one count
    jdbc.execute("alter table call_attempt disable trigger call_attempt_visit_check");
    jdbc.execute("alter table visit_answer disable trigger visit_answer_visit_check");
    jdbc.update(
        "insert into call_attempt (visit_id, attempt_no, phone, due_at, status, result, dialed_at,"
            + " answered_at, ended_at, created_at) select id, 1, '1', ended_at, 'ENDED',"
            + " 'ANSWERED', ended_at - interval '2 minutes', ended_at - interval '2 minutes',"
            + " ended_at, ended_at from visit where kind = 'PHONE' and ended_at >= ?",
        since);
    jdbc.update(
        "insert into visit_answer (visit_id, question_id, area, method, raw_key, intent, needs,"
            + " answered_at) select v.id, q.id, q.area, 'KEYPAD', '1', q.intent,"
            + " case when q.intent = 'NEEDS' then 'FOOD' end, v.ended_at from visit v,"
            + " (values ('identity', 'IDENTITY', 'YES'), ('health', 'HEALTH', 'FINE'),"
            + " ('care-needs', 'CARE_NEEDS', 'NEEDS')) q(id, area, intent)"
            + " where v.kind = 'PHONE' and v.ended_at >= ? and (q.intent <> 'NEEDS' or v.id % 50 = 0)",
        since);
    jdbc.execute("alter table call_attempt enable trigger call_attempt_visit_check");
    jdbc.execute("alter table visit_answer enable trigger visit_answer_visit_check");
    jdbc.execute("select visit_check_rebuild()");
    jdbc.update(
        "insert into escalation (elder_id, type, state, pool, priority, deadline, reason,"
            + " claimed_at, created_at, updated_at) select id,"
            + " (array['DISTRESS','FOLLOW_UP','NEEDS','UNREACHABLE'])[1 + id % 4],"
            + " case when id % 3 = 0 then 'OPEN' else 'CLAIMED' end, 'STAFF', 50,"
            + " ? ::timestamptz + interval '1 day', 'bench', case when id % 3 = 0 then null"
            + " else ? ::timestamptz + make_interval(secs => id % 1800) end, ?, ?"
            + " from elder where id % 40 = 0",
        since, since, since, since);
    jdbc.execute("analyze");
  }
}
