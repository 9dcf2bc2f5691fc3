package org.tanfang.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.reports.CoverageMonth.Sql;

/**
 * The coverage of closed months, for the 12-month trend: stored per grid ({@code coverage_month},
 * V53) the first time a closed month is needed, then summed for any area. A stored month keeps the
 * registry as it stood when it was stored (like an issued monthly report); a visit dated in it that
 * is recorded, changed or deleted later drops it (a trigger on {@code visit}) and the next view
 * stores it again. Storing takes an advisory lock the trigger shares, so a month is never stored
 * from a snapshot that misses a visit committed meanwhile.
 */
@Component
class ClosedMonths {
  private static final Logger log = LoggerFactory.getLogger(ClosedMonths.class);
  static final int LOCK = 7153;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final CoverageScan scan;
  private final ZoneId zone;

  ClosedMonths(
      JdbcTemplate jdbc, PlatformTransactionManager transactions, CoverageScan scan, Clock clock) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.scan = scan;
    this.zone = clock.getZone();
  }

  /** In scope and covered of each month in [from, to), all closed by {@code today}, in the area. */
  Map<YearMonth, int[]> of(YearMonth from, YearMonth to, Area area, LocalDate today) {
    if (!to.isAfter(from)) {
      return Map.of();
    }
    if (to.isAfter(YearMonth.from(today))) {
      throw new IllegalArgumentException(to.minusMonths(1) + " is not closed on " + today);
    }
    Set<LocalDate> stored =
        new HashSet<>(
            jdbc.queryForList(
                "select month from coverage_month_stored where month >= ? and month < ?",
                LocalDate.class,
                from.atDay(1),
                to.atDay(1)));
    for (YearMonth m = from; m.isBefore(to); m = m.plusMonths(1)) {
      if (!stored.contains(m.atDay(1))) {
        store(m, today);
      }
    }
    Map<YearMonth, int[]> months = new TreeMap<>();
    for (YearMonth m = from; m.isBefore(to); m = m.plusMonths(1)) {
      months.put(m, new int[2]);
    }
    List<Object> args = new java.util.ArrayList<>(List.of(from.atDay(1), to.atDay(1)));
    String where = area.where("s", args);
    jdbc.query(
        "select s.month, sum(s.in_scope), sum(s.covered) from coverage_month s"
            + " where s.month >= ? and s.month < ?"
            + where
            + " group by s.month",
        rs -> {
          int[] n = months.get(YearMonth.from(rs.getObject(1, LocalDate.class)));
          n[0] = rs.getInt(2);
          n[1] = rs.getInt(3);
        },
        args.toArray());
    return months;
  }

  private void store(YearMonth month, LocalDate today) {
    long started = System.nanoTime();
    tx.executeWithoutResult(
        status -> {
          jdbc.queryForObject(
              "select 1 from (select pg_advisory_xact_lock(?, ?)) l",
              Integer.class,
              LOCK,
              key(month));
          Integer done =
              jdbc.queryForObject(
                  "select count(*) from coverage_month_stored where month = ?",
                  Integer.class,
                  month.atDay(1));
          if (done != null && done > 0) {
            return;
          }
          jdbc.update(
              "insert into coverage_month_stored (month, stored_at) values (?, now())",
              month.atDay(1));
          CoverageScan.Counts counts = scan.count(new CoverageMonth(month, today, zone), Area.CITY);
          Sql sql =
              scan.judged(counts)
                  .add(
                      "insert into coverage_month (month, district, street, community, grid,"
                          + " in_scope, covered) select ?, district, street, community,"
                          + " coalesce(grid, ''), count(*) filter (where in_scope),"
                          + " count(*) filter (where covered) from y group by 2, 3, 4, 5"
                          + " having count(*) filter (where in_scope) > 0",
                      month.atDay(1));
          jdbc.update(sql.toString(), sql.args());
        });
    log.debug("{} ms: stored closed month {}", (System.nanoTime() - started) / 1_000_000, month);
  }

  /** The advisory lock's second key for a month, as the {@code visit} trigger computes it. */
  static int key(YearMonth month) {
    return month.getYear() * 100 + month.getMonthValue();
  }

  /** Every stored month is dropped (the zone the months are cut by changed). */
  void forgetAll() {
    jdbc.update("delete from coverage_month_stored");
  }
}
