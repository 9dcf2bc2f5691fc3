package org.tanfang.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tests' rows: elders, visits, dial attempts, answers and cases written straight into their
 * tables ({@code rows.elder().in("美兰区", …).save()}, {@code rows.visit(elder).status("DONE")
 * .save()}), the readers tests check them with, and the one clean-up every test starts with.
 */
public final class Rows {
  private static final Logger log = LoggerFactory.getLogger(Rows.class);

  /**
   * Every table a test fills (accounts, settings and Quartz's tables stay), children before
   * parents. Without {@code cascade}: a new table referencing one of these fails the clean-up until
   * it is added here, instead of being locked in an order nobody chose.
   */
  static final List<String> TABLES =
      List.of(
          "monthly_report",
          "coverage_month",
          "coverage_month_stored",
          "voice_prompt_approval",
          "voice_prompt_recording",
          "pbx_storm",
          "staff_call",
          "dialer_channel_node",
          "home_visit_need",
          "home_visit_report",
          "escalation_event",
          "visit_answer",
          "elder_visit_halves",
          "inbound_call",
          "call_attempt",
          "visit_check",
          "visit",
          "escalation",
          "special_round",
          "phone_correction",
          "district_policy",
          "audit_event",
          "sign_in_guard",
          "emergency_contact",
          "elder_phone",
          "elder_category",
          "elder");

  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  /** Per database URL: the clean-up's deletes, or "" where it truncates (see {@link #clean}). */
  private static final Map<String, String> byDelete = new ConcurrentHashMap<>();

  private final JdbcTemplate jdbc;

  public Rows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Empties every table the tests fill (ids start again at 1); accounts stay. All tables are locked
   * at once with NOWAIT before they are emptied, so the clean-up never waits on a lock while
   * holding another and cannot deadlock with what the application still does; if any table is in
   * use it lets go of everything and tries again until it gets them all (for at most 30 s, then it
   * fails naming the sessions in the way).
   *
   * <p>Emptied as {@code truncate … restart identity} would, but by {@code delete} with triggers
   * off ({@code session_replication_role = replica}: no row trigger fires, as with truncate) and
   * the tables' own sequences restarted: a truncate of these 24 tables re-creates each table's and
   * index's files and costs 0.3–1 s on a loaded machine, the deletes of a test's few rows a tenth
   * of that (BENCHMARKS.md, the suite under load). The same guard as truncate's: if a table outside
   * the list references one of them, or the database user may not switch triggers off (an external
   * {@code TANFANG_TEST_DB_URL}), the clean-up truncates, and fails there as before.
   */
  public static void clean(JdbcTemplate jdbc) {
    // Calls of an earlier test may still be writing (the hand-off, the AMI event queue): a write
    // after the truncate would land in this test's rows, whose ids start again at 1.
    TelephonyEvents.awaitWritesSettled();
    AtomicInteger busy = new AtomicInteger();
    AtomicReference<String> inTheWay = new AtomicReference<>("");
    try {
      await("the test tables to be free for the clean-up")
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> jdbc.execute((ConnectionCallback<Boolean>) c -> truncate(c, busy, inTheWay)));
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("Clean-up: tables in use for 30 s by " + inTheWay, e);
    }
    if (busy.get() > 0) {
      log.warn("Clean-up found the tables in use {} times; last in the way: {}", busy, inTheWay);
    }
  }

  private static boolean truncate(
      Connection c, AtomicInteger busy, AtomicReference<String> inTheWay) throws SQLException {
    String tables = String.join(", ", TABLES);
    String deletes = deletes(c);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("lock table " + tables + " in access exclusive mode nowait");
      if (deletes != null) {
        s.execute("set local session_replication_role = replica");
        s.execute(deletes);
      } else {
        s.execute("truncate " + tables + " restart identity");
      }
      c.commit();
      return true;
    } catch (SQLException e) {
      c.rollback();
      if (deletes != null && INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
        byDelete.put(c.getMetaData().getURL(), "");
        return truncate(c, busy, inTheWay);
      }
      if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        throw e;
      }
      busy.incrementAndGet();
      inTheWay.set(othersActive(c));
      return false;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * The clean-up as deletes (children first) and sequence restarts, or null where it must truncate:
   * a table outside {@link #TABLES} references one of them (truncate refuses that, the deletes with
   * triggers off would not). Looked up once per database: the schema does not change in a run.
   */
  private static String deletes(Connection c) throws SQLException {
    String url = c.getMetaData().getURL();
    String known = byDelete.get(url);
    if (known == null) {
      known = lookUpDeletes(c);
      byDelete.put(url, known);
    }
    return known.isEmpty() ? null : known;
  }

  private static String lookUpDeletes(Connection c) throws SQLException {
    String names = "array['" + String.join("', '", TABLES) + "']";
    try (Statement s = c.createStatement()) {
      try (var rs =
          s.executeQuery(
              "select count(*) from pg_constraint k join pg_class target on target.oid = k.confrelid"
                  + " join pg_class source on source.oid = k.conrelid where k.contype = 'f'"
                  + " and target.relname = any ("
                  + names
                  + ") and not source.relname = any ("
                  + names
                  + ")")) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return "";
        }
      }
      StringBuilder sql = new StringBuilder();
      for (String table : TABLES) {
        sql.append("delete from ").append(table).append("; ");
      }
      // The sequences truncate's "restart identity" restarts (those the tables' columns own), back
      // at their start value; the next value is the start value itself, as after a restart.
      try (var rs =
          s.executeQuery(
              "select seq.oid::regclass::text, p.seqstart from pg_class seq"
                  + " join pg_sequence p on p.seqrelid = seq.oid"
                  + " join pg_depend d on d.objid = seq.oid"
                  + " and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass"
                  + " join pg_class t on t.oid = d.refobjid"
                  + " where seq.relkind = 'S' and d.deptype in ('a', 'i')"
                  + " and t.relname = any ("
                  + names
                  + ") order by 1")) {
        while (rs.next()) {
          sql.append("select setval('")
              .append(rs.getString(1))
              .append("', ")
              .append(rs.getLong(2))
              .append(", false); ");
        }
      }
      return sql.toString();
    }
  }

  /** What the other sessions on this database are doing, for the clean-up's report. */
  private static String othersActive(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "select state, left(query, 160) from pg_stat_activity"
                    + " where datname = current_database() and pid <> pg_backend_pid()"
                    + " and state <> 'idle'")) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append('[').append(rs.getString(1)).append("] ").append(rs.getString(2)).append("; ");
      }
      return out.toString();
    }
  }

  /** A new elder row (see {@link ElderRow} for its defaults). */
  public ElderRow elder() {
    return new ElderRow(jdbc);
  }

  /** A new phone visit of this elder (see {@link VisitRow}). */
  public VisitRow visit(long elderId) {
    return new VisitRow(jdbc, elderId);
  }

  /** A new dial attempt of this visit (see {@link AttemptRow}). */
  public AttemptRow attempt(long visitId) {
    return new AttemptRow(jdbc, visitId);
  }

  /** A new answer of this visit (see {@link AnswerRow}). */
  public AnswerRow answer(long visitId) {
    return new AnswerRow(jdbc, visitId);
  }

  /** An emergency contact of this elder at this position (1 is called first). */
  public void emergencyContact(
      long elderId, int position, String name, String relation, String phone) {
    jdbc.update(
        "insert into emergency_contact (elder_id, position, name, relation, phone)"
            + " values (?, ?, ?, ?, ?)",
        elderId,
        position,
        name,
        relation,
        phone);
  }

  public void removeEmergencyContacts(long elderId) {
    jdbc.update("delete from emergency_contact where elder_id = ?", elderId);
  }

  /** A case row without history (see {@link CaseRow}). */
  public CaseRow caseWithoutHistory(long elderId, String type) {
    return new CaseRow(jdbc, elderId, type);
  }

  /** One line of a case's history. */
  public record Event(String actor, String action, String detail) {}

  /** A case's history, oldest first. */
  public List<Event> history(long caseId) {
    return jdbc.query(
        "select actor, action, detail from escalation_event where escalation_id = ? order by id",
        (rs, i) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3)),
        caseId);
  }

  /** The actions of a case's history, oldest first. */
  public List<String> actions(long caseId) {
    return history(caseId).stream().map(Event::action).toList();
  }

  /** A case's row. */
  public Map<String, Object> escalation(long caseId) {
    return jdbc.queryForMap("select * from escalation where id = ?", caseId);
  }

  /** A visit's row. */
  public Map<String, Object> visitRow(long visitId) {
    return jdbc.queryForMap("select * from visit where id = ?", visitId);
  }
}
