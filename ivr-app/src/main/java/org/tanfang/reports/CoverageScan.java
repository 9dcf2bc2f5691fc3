package org.tanfang.reports;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.reports.CoverageDecisions.Decision;
import org.tanfang.reports.CoverageDecisions.Key;
import org.tanfang.reports.CoverageMonth.Sql;
import org.tanfang.scheduling.PolicyTable;

/**
 * One month's coverage of an area counted in SQL: active elders grouped by what the policy reads,
 * their age, enrolment and visited halves (a few thousand groups for 200,000 elders), the policy
 * judged per group in Java ({@link CoverageDecisions}); then, only when asked, the elders behind a
 * figure, or the per-grid counts a closed month is stored with, with the decisions as a table.
 */
@Component
class CoverageScan {
  private final JdbcTemplate jdbc;
  private final PolicyTable policies;
  private final TransactionTemplate tx;

  CoverageScan(JdbcTemplate jdbc, PolicyTable policies, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.policies = policies;
    this.tx = new TransactionTemplate(transactions);
  }

  /** The month's counts of an area and its parts, and the decisions they were judged by. */
  record Counts(
      CoverageMonth month,
      Area area,
      CoverageDecisions decisions,
      int inScope,
      int covered,
      int half1InScope,
      int half1Covered,
      int half2InScope,
      int half2Covered,
      Map<String, int[]> parts,
      List<Open> open) {}

  /**
   * One group of uncovered elders in scope: their risk and mode, the first cycle they still owe (0
   * the month, 1 the first half, 2 the second) and their ids (unordered).
   */
  record Open(int risk, int cycle, String mode, long[] ids) {}

  /**
   * The counts, by a hashed grouping (no per-group lists: the elders behind a figure are read by
   * their own query, {@link #judged}). Without parallel workers: the planner cannot know how few
   * groups there are (the age is computed from the birth date, so it expects about one group per
   * elder), and with workers it sorted all 200,000 elders to group them, spilling to disk, where
   * one process hashes them into a few hundred groups in memory. Each uncovered group also brings
   * its elders' ids ({@link Open}: the rows not fully visited, a tenth of the city in the
   * benchmark), from which the page's first 100 uncovered elders are chosen without a second pass
   * over the area.
   */
  Counts count(CoverageMonth m, Area area) {
    CoverageDecisions decisions = new CoverageDecisions(policies, m.judged());
    int[] n = new int[6];
    Map<String, int[]> parts = new TreeMap<>();
    List<Open> open = new java.util.ArrayList<>();
    if (m.started()) {
      int second = m.secondHalfStarted() ? 2 : 0;
      int mask = second | 1;
      Sql sql = new Sql().add("select " + CoverageMonth.PROFILE + ", ");
      m.age(sql).add(", ");
      m.early(sql).add(", ");
      m.visited(sql).add(", " + part(area) + ", count(*), array_agg(e.id) filter (where (");
      // the ids of the elders whose started halves are not all visited: every uncovered group's
      m.visited(sql).add(" & ?) <> ?)", mask, mask);
      m.from(sql, area, s -> {});
      sql.add(" group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10");
      tx.executeWithoutResult(
          status -> {
            jdbc.execute("set local max_parallel_workers_per_gather = 0");
            // the same estimate makes a hashed array_agg look huge (a state per elder), so the
            // planner would sort to group; there is no order to keep here
            jdbc.execute("set local enable_sort = off");
            jdbc.query(
                sql.toString(),
                rs -> {
                  Key key =
                      new Key(
                          rs.getString(1),
                          rs.getInt(2),
                          rs.getString(3),
                          rs.getInt(4),
                          rs.getBoolean(5),
                          rs.getBoolean(6),
                          rs.getInt(7));
                  Decision d = decisions.of(key);
                  if (d == null) {
                    return;
                  }
                  int visited = rs.getInt(9);
                  int owed =
                      d.kind() == CoverageDecisions.MONTH ? 0 : (rs.getBoolean(8) ? 1 : 0) | second;
                  if (d.kind() == CoverageDecisions.HALF && owed == 0) {
                    return;
                  }
                  int count = rs.getInt(11);
                  boolean covered =
                      d.kind() == CoverageDecisions.MONTH ? visited != 0 : (visited & owed) == owed;
                  if (!covered) {
                    int cycle =
                        d.kind() == CoverageDecisions.MONTH
                            ? 0
                            : (owed & ~visited & 1) != 0 ? 1 : 2;
                    open.add(new Open(d.risk(), cycle, d.mode(), ids(rs.getArray(12))));
                  }
                  int[] part = parts.computeIfAbsent(rs.getString(10), k -> new int[2]);
                  n[0] += count;
                  part[0] += count;
                  if (covered) {
                    n[1] += count;
                    part[1] += count;
                  }
                  for (int half = 0; half < 2; half++) {
                    if ((owed & (1 << half)) != 0) {
                      n[2 + 2 * half] += count;
                      n[3 + 2 * half] += (visited & (1 << half)) != 0 ? count : 0;
                    }
                  }
                },
                sql.args());
          });
    }
    return new Counts(m, area, decisions, n[0], n[1], n[2], n[3], n[4], n[5], parts, open);
  }

  private static long[] ids(java.sql.Array array) throws java.sql.SQLException {
    Object[] values = (Object[]) array.getArray();
    long[] ids = new long[values.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = ((Number) values[i]).longValue();
    }
    return ids;
  }

  /** The name of the part of the area an elder belongs to ({@link Area#partOf}). */
  private static String part(Area area) {
    return switch (area.childLevel()) {
      case CITY, DISTRICT -> "e.district";
      case STREET -> "e.street";
      case COMMUNITY -> "e.community";
      case GRID -> "coalesce(e.grid, '')";
    };
  }

  /**
   * {@code with y as (…)}: each active elder of the area the decisions put in scope, with {@code
   * kind}, {@code risk}, {@code mode}, {@code visited}, {@code owed} (half-month bits), {@code
   * in_scope} and {@code covered}; the caller adds the select on y.
   */
  Sql judged(Counts c) {
    CoverageMonth m = c.month();
    Sql sql = judgedHead(m);
    m.from(sql, c.area(), s -> c.decisions().sql(s, m));
    return sql.add(") x) ");
  }

  /** The select list of {@link #judged}. */
  private static Sql judgedHead(CoverageMonth m) {
    Sql sql =
        new Sql()
            .add(
                "with y as (select x.*, (x.kind = 1 or x.owed <> 0) as in_scope,"
                    + " ((x.kind = 1 and x.visited <> 0) or (x.kind = 2 and x.owed <> 0"
                    + " and (x.visited & x.owed) = x.owed)) as covered"
                    + " from (select e.id, e.name, e.district, e.street, e.community, e.grid,"
                    + " d.kind, d.risk, d.mode, ");
    m.visited(sql).add(" as visited, case when d.kind = 1 then 0 else (case when ");
    m.early(sql).add(" then 1 else 0 end) | ? end as owed", m.secondHalfStarted() ? 2 : 0);
    return sql;
  }

  /** The ids of the elders of {@code where} (a condition on y), in id order. */
  List<Long> ids(Counts c, String where) {
    Sql sql = judged(c).add("select id from y where " + where + " order by id");
    return jdbc.queryForList(sql.toString(), Long.class, sql.args());
  }
}
