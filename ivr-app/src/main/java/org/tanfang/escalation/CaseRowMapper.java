package org.tanfang.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tanfang.escalation.EscalationQueries.AnswerRow;
import org.tanfang.escalation.EscalationQueries.CallRow;
import org.tanfang.escalation.EscalationQueries.CaseRow;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.shared.Texts;

/** Maps the desk's query rows; reasons are rendered in the reader's language. */
final class CaseRowMapper {
  private final Texts texts;

  CaseRowMapper(Texts texts) {
    this.texts = texts;
  }

  AnswerRow answer(ResultSet rs, int i) throws SQLException {
    return new AnswerRow(
        rs.getLong("id"),
        rs.getObject("attempt_id", Long.class),
        rs.getString("question_id"),
        rs.getString("area"),
        rs.getString("method"),
        rs.getString("raw_key"),
        rs.getString("intent"),
        rs.getString("needs"),
        rs.getString("transcript"),
        rs.getString("recording_path") != null,
        rs.getInt("reprompts"),
        instant(rs, "answered_at"));
  }

  CallRow call(ResultSet rs, Map<Long, List<AnswerRow>> byAttempt) throws SQLException {
    return new CallRow(
        rs.getLong("id"),
        rs.getInt("attempt_no"),
        PhoneNumbers.mask(rs.getString("phone")),
        rs.getString("status"),
        rs.getString("result"),
        rs.getObject("hangup_cause", Integer.class),
        rs.getString("hangup_cause_text"),
        instant(rs, "dialed_at"),
        instant(rs, "answered_at"),
        instant(rs, "ended_at"),
        byAttempt.getOrDefault(rs.getLong("id"), List.of()));
  }

  CaseRow caseRow(ResultSet rs, int i) throws SQLException {
    String outcome = rs.getString("outcome");
    return new CaseRow(
        rs.getLong("id"),
        rs.getObject("elder_id", Long.class),
        rs.getString("elder_name"),
        rs.getString("district"),
        rs.getString("street"),
        rs.getString("community"),
        EscalationType.valueOf(rs.getString("type")),
        EscalationState.valueOf(rs.getString("state")),
        EscalationType.Pool.valueOf(rs.getString("pool")),
        Level.valueOf(rs.getString("level")),
        rs.getInt("priority"),
        instant(rs, "deadline"),
        texts.render(
            rs.getString("reason_key"), rs.getString("reason_args"), rs.getString("reason")),
        rs.getString("needs"),
        rs.getInt("merged_count"),
        rs.getString("answered_by"),
        rs.getBoolean("urgent_callback"),
        rs.getString("family_status"),
        rs.getString("assigned_to"),
        rs.getString("claimed_by"),
        instant(rs, "claimed_at"),
        rs.getObject("visit_id", Long.class),
        rs.getObject("attempt_id", Long.class),
        outcome == null ? null : Outcome.valueOf(outcome),
        rs.getObject("resolution_visit_id", Long.class),
        rs.getString("resolved_by"),
        instant(rs, "resolved_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        rs.getString("visitor_name"),
        rs.getString("caller_number"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
