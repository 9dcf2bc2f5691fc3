package org.tanfang.dialer;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.scheduler.elder.ElderStatus;

/**
 * Places one check-in call now, outside the schedule: a staff member's test call, or dev mode's
 * demo traffic. The visit is marked (recorded_by) so the dialer closes it when the call ends
 * instead of leaving it for the scheduler to retry.
 */
@Service
public class TestCalls {
  /** Who placed the call: {@code visit.recorded_by} and {@code visit.purpose}. */
  public enum Origin {
    STAFF("test-call", "TEST"),
    DEMO("demo-caller", "TEST");

    final String recordedBy;
    final String purpose;

    Origin(String recordedBy, String purpose) {
      this.recordedBy = recordedBy;
      this.purpose = purpose;
    }
  }

  /** The rows written and what the dialer did. */
  public record PlacedCall(long visitId, long attemptId, DialResult result) {}

  /** The elder cannot be called (paused or deceased). */
  public static class NotCallableException extends RuntimeException {
    public NotCallableException(String message) {
      super(message);
    }
  }

  private final ElderService elders;
  private final Dialer dialer;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  TestCalls(
      ElderService elders, Dialer dialer, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.elders = elders;
    this.dialer = dialer;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  public PlacedCall place(long elderId, Origin origin) {
    Elder elder = elders.get(elderId);
    if (elder.status() != ElderStatus.ACTIVE) {
      throw new NotCallableException("elder " + elderId + " is " + elder.status());
    }
    long[] ids = tx.execute(s -> insert(elder, origin));
    DialResult result = dialer.dial(ids[1]);
    if (result == DialResult.NO_FREE_CHANNEL) {
      cancel(ids[0], ids[1]);
    }
    return new PlacedCall(ids[0], ids[1], result);
  }

  private long[] insert(Elder elder, Origin origin) {
    Timestamp now = Timestamp.from(clock.instant());
    GeneratedKeyHolder visitKey = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "insert into visit (elder_id, kind, purpose, status, planned_at, recorded_by,"
                      + " created_at, updated_at) values (?, 'PHONE', ?, 'PLANNED', ?, ?, ?, ?)",
                  new String[] {"id"});
          ps.setLong(1, elder.id());
          ps.setString(2, origin.purpose);
          ps.setTimestamp(3, now);
          ps.setString(4, origin.recordedBy);
          ps.setTimestamp(5, now);
          ps.setTimestamp(6, now);
          return ps;
        },
        visitKey);
    long visitId = visitKey.getKey().longValue();
    GeneratedKeyHolder attemptKey = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "insert into call_attempt (visit_id, attempt_no, phone, priority, due_at, status,"
                      + " created_at) values (?, 1, ?, 100, ?, 'SCHEDULED', ?)",
                  new String[] {"id"});
          ps.setLong(1, visitId);
          ps.setString(2, elder.primaryPhone());
          ps.setTimestamp(3, now);
          ps.setTimestamp(4, now);
          return ps;
        },
        attemptKey);
    return new long[] {visitId, attemptKey.getKey().longValue()};
  }

  private void cancel(long visitId, long attemptId) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        "update call_attempt set status = 'CANCELLED', ended_at = ? where id = ? and status ="
            + " 'SCHEDULED'",
        now,
        attemptId);
    jdbc.update(
        "update visit set status = 'CANCELLED', notes = 'no free channel', updated_at = ?"
            + " where id = ?",
        now,
        visitId);
  }
}
