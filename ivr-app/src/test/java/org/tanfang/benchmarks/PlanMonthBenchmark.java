package org.tanfang.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.scheduler.cycle.CycleCalendar;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.dispatch.CallPriority;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.elder.Vulnerability;
import org.tanfang.scheduler.plan.DueElder;
import org.tanfang.scheduler.plan.VisitPlan;
import org.tanfang.scheduler.plan.VisitPlanner;
import org.tanfang.scheduler.policy.VisitDecision;
import org.tanfang.scheduler.policy.VisitPolicy;
import org.tanfang.scheduler.window.CallWindows;
import org.tanfang.scheduling.BenchmarkAccess;

/**
 * Plans a month for N synthetic elders on embedded PostgreSQL: policy + planner + the bulk insert
 * planning uses (visit and first attempt), against a plain multi-row insert of the same rows
 * (generate_series, no Java at all). Prints the figures for BENCHMARKS.md.
 *
 * <pre>
 * ./mvnw -B -q -pl ivr-app -am test-compile exec:java -Dexec.mainClass=org.tanfang.benchmarks.PlanMonthBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args=1000000
 * </pre>
 */
public final class PlanMonthBenchmark {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(0).start()) {
      DataSource ds = pg.getPostgresDatabase();
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      seedElders(jdbc, n);
      Instant now = LocalDate.of(2026, 4, 1).atStartOfDay(ZONE).toInstant();
      Clock clock = Clock.fixed(now, ZONE);

      long t0 = System.nanoTime();
      List<ElderProfile> profiles = profiles(n);
      VisitPolicy policy = VisitPolicy.haikouCity();
      LocalDate today = LocalDate.now(clock);
      CallWindows windows = CallWindows.defaults();
      List<DueElder> due = new ArrayList<>(n);
      Map<Long, Integer> priority = new java.util.HashMap<>(n * 2);
      for (ElderProfile p : profiles) {
        if (policy.evaluate(p, today) instanceof VisitDecision.InScope in && in.robocalls()) {
          Vulnerability v = Vulnerability.of(p, today);
          due.add(new DueElder(p.elderId(), v, windows));
          priority.put(p.elderId(), CallPriority.firstAttempt(v));
        }
      }
      VisitCycle cycle = new CycleCalendar(ZONE).containing(CycleKind.MONTH, today);
      VisitPlan plan = new VisitPlanner().plan(cycle, due, now);
      long t1 = System.nanoTime();
      int inserted = BenchmarkAccess.insert(jdbc, cycle, plan.calls(), priority, now);
      long t2 = System.nanoTime();

      jdbc.execute("truncate call_attempt, visit restart identity cascade");
      long t3 = System.nanoTime();
      plainInsert(ds, cycle, n);
      long t4 = System.nanoTime();

      double planning = (t1 - t0) / 1e9;
      double insert = (t2 - t1) / 1e9;
      double plain = (t4 - t3) / 1e9;
      System.out.printf(
          "elders=%d planned=%d%npolicy+planner (Java): %.2f s%nbulk insert (visit + attempt): %.2f s%n"
              + "planning total: %.2f s%nplain SQL insert of the same rows: %.2f s%nratio: %.2f%n",
          n, inserted, planning, insert, planning + insert, plain, (planning + insert) / plain);
    }
  }

  /** Minimal elder rows (the visit's foreign key needs them); not timed. */
  private static void seedElders(JdbcTemplate jdbc, int n) {
    jdbc.update(
        """
        insert into elder (name, sex, birth_date, id_number, address, district, street, community,
                           primary_phone, self_care, created_at, updated_at)
        select 'e' || i, 'FEMALE', date '1950-01-01', lpad(i::text, 18, '0'), 'x', '美兰区', 's', 'c',
               '13908980000', true, now(), now()
        from generate_series(1, ?) i
        """,
        n);
  }

  private static List<ElderProfile> profiles(int n) {
    Category[] categories = Category.values();
    List<ElderProfile> profiles = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      profiles.add(
          ElderProfile.builder(i)
              .categories(categories[i % 5 == 4 ? 2 : i % 5]) // no 失能/重残 robocall exclusions
              .born(LocalDate.of(1930 + i % 35, 1 + i % 12, 1 + i % 28))
              .build());
    }
    return profiles;
  }

  /** The same rows without Java: visits and attempts straight from generate_series. */
  private static void plainInsert(DataSource ds, VisitCycle cycle, int n) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "insert into visit (elder_id, kind, purpose, cycle_start, cycle_end, status, planned_at,"
              + " policy_version, reason, created_at, updated_at)"
              + " select i, 'PHONE', 'ROUTINE', date '"
              + cycle.firstDay()
              + "', date '"
              + cycle.lastDay()
              + "', 'PLANNED', now() + i * interval '1 second', 'haikou-2023-354', '月度：空巢', now(), now()"
              + " from generate_series(1, "
              + n
              + ") i");
      s.execute(
          "insert into call_attempt (visit_id, attempt_no, phone, phone_index, priority, due_at,"
              + " status, created_at) select id, 1, '13908980000', 0, 150, planned_at, 'SCHEDULED',"
              + " now() from visit");
    }
  }
}
