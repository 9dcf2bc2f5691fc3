package org.tanfang.reports;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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
      NavigableMap<Integer, Integer> uncoveredByRisk) {

    /**
     * The lowest risk among the {@code limit} most vulnerable uncovered elders (every elder of a
     * higher risk is among them): the uncovered list's query reads only decisions from there up.
     */
    int riskFloor(int limit) {
      int seen = 0;
      for (Map.Entry<Integer, Integer> e : uncoveredByRisk.descendingMap().entrySet()) {
        seen += e.getValue();
        if (seen >= limit) {
          return e.getKey();
        }
      }
      return Integer.MIN_VALUE;
    }
  }

  /**
   * The counts, by a hashed grouping (no per-group lists: the elders behind a figure are read by
   * their own query, {@link #judged}). Without parallel workers: the planner cannot know how few
   * groups there are (the age is computed from the birth date, so it expects about one group per
   * elder), and with workers it sorted all 200,000 elders to group them, spilling to disk, where
   * one process hashes them into a few hundred groups in memory.
   */
  Counts count(CoverageMonth m, Area area) {
    CoverageDecisions decisions = new CoverageDecisions(policies, m.judged());
    int[] n = new int[6];
    Map<String, int[]> parts = new TreeMap<>();
    NavigableMap<Integer, Integer> uncovered = new TreeMap<>();
    if (m.started()) {
      int second = m.secondHalfStarted() ? 2 : 0;
      Sql sql = new Sql().add("select " + CoverageMonth.PROFILE + ", ");
      m.age(sql).add(", ");
      m.early(sql).add(", ");
      m.visited(sql).add(", " + part(area) + ", count(*)");
      m.from(sql, area, s -> {});
      sql.add(" group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10");
      tx.executeWithoutResult(
          status -> {
            jdbc.execute("set local max_parallel_workers_per_gather = 0");
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
                    uncovered.merge(d.risk(), count, Integer::sum);
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
    return new Counts(m, area, decisions, n[0], n[1], n[2], n[3], n[4], n[5], parts, uncovered);
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

  /** The select list both {@link #judged} and {@link #judgedUncovered} start with. */
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

  /**
   * As {@link #judged}, for the uncovered elders of risk {@code >= floor} only: the elders whose
   * month is not fully visited and whose profile can have such a decision are chosen first.
   */
  Sql judgedUncovered(Counts c, int floor) {
    CoverageMonth m = c.month();
    int mask = m.secondHalfStarted() ? 3 : 1;
    Sql sql = judgedHead(m);
    m.fromFew(
        sql,
        c.area(),
        s -> {
          // uncovered: some owed half (at most the started ones) without a visit
          m.visited(s.add(" and (")).add(" & ?) <> ?", mask, mask);
          c.decisions().profileAtLeast(s, floor);
        },
        s -> c.decisions().sql(s, m));
    return sql.add(") x) ");
  }

  /** The ids of the elders of {@code where} (a condition on y), in id order. */
  List<Long> ids(Counts c, String where) {
    Sql sql = judged(c).add("select id from y where " + where + " order by id");
    return jdbc.queryForList(sql.toString(), Long.class, sql.args());
  }
}
