package org.tanfang.callflow;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code inbound_call} rows (owned here): every call into the line and how it went. */
@Component
class InboundCalls {
  enum IdentifiedBy {
    CALLER_ID,
    ID_DIGITS,
    PIN
  }

  enum Result {
    VISIT,
    STAFF,
    HUNG_UP
  }

  private final JdbcTemplate jdbc;

  InboundCalls(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long started(String callerNumber, String dialled, String channel, Instant at) {
    return jdbc.queryForObject(
        "insert into inbound_call (caller_number, dialled, channel, started_at) values (?, ?, ?, ?)"
            + " returning id",
        Long.class,
        cut(callerNumber, 32),
        cut(dialled, 32),
        cut(channel, 80),
        Timestamp.from(at));
  }

  void identified(long id, long elderId, IdentifiedBy how, long attemptId) {
    jdbc.update(
        "update inbound_call set elder_id = ?, identified_by = ?, attempt_id = ? where id = ?",
        elderId,
        how.name(),
        attemptId,
        id);
  }

  void ended(long id, Result result, Instant at) {
    jdbc.update(
        "update inbound_call set result = ?, ended_at = ? where id = ?",
        result.name(),
        Timestamp.from(at),
        id);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
