package org.tanfang.callflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes what a call learns as it happens: one {@code visit_answer} row per answer at once, the
 * visit's outcome at the end. Each write commits on its own, so a hang-up never loses earlier
 * answers.
 */
@Repository
class VisitLog {
  /** Who is on the line: the attempt, its visit and the elder. */
  record Subject(Long attemptId, long visitId, long elderId, String dialect) {}

  private final JdbcTemplate jdbc;

  VisitLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A family notification call: the contact's number and the elder the call is about. */
  record Contact(long attemptId, long visitId, long elderId, String dialect, String phone) {}

  /** The attempt, if it belongs to a family notification (visit purpose FAMILY_NOTICE). */
  Optional<Contact> contactFor(long attemptId) {
    return jdbc
        .query(
            "select a.id, a.visit_id, v.elder_id, e.dialect, a.phone from call_attempt a"
                + " join visit v on v.id = a.visit_id join elder e on e.id = v.elder_id"
                + " where a.id = ? and v.purpose = 'FAMILY_NOTICE'",
            (rs, i) ->
                new Contact(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("dialect"),
                    rs.getString("phone")),
            attemptId)
        .stream()
        .findFirst();
  }

  Optional<Subject> forAttempt(long attemptId) {
    return jdbc
        .query(
            "select a.id, a.visit_id, v.elder_id, e.dialect from call_attempt a"
                + " join visit v on v.id = a.visit_id join elder e on e.id = v.elder_id"
                + " where a.id = ?",
            (rs, i) ->
                new Subject(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("dialect")),
            attemptId)
        .stream()
        .findFirst();
  }

  void started(long visitId, String scriptId, Instant now) {
    jdbc.update(
        "update visit set script_id = ?, started_at = coalesce(started_at, ?), updated_at = ?,"
            + " status = case when status = 'PLANNED' then 'IN_PROGRESS' else status end"
            + " where id = ?",
        scriptId,
        ts(now),
        ts(now),
        visitId);
  }

  void answer(Subject s, Answer a, Instant at) {
    jdbc.update(
        "insert into visit_answer (visit_id, attempt_id, question_id, area, method, raw_key,"
            + " intent, needs, recording_path, transcript, reprompts, answered_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.visitId(),
        s.attemptId(),
        a.questionId(),
        a.area().name(),
        a.method().name(),
        a.rawKey(),
        a.intent().name(),
        cut(a.needs(), 100),
        cut(a.recording(), 300),
        cut(a.transcript(), 1000),
        a.reprompts(),
        ts(at));
  }

  void finish(long visitId, ConversationOutcome outcome, boolean valid, Instant now) {
    jdbc.update(
        "update visit set outcome = ?, valid = ?, ended_at = ?, updated_at = ? where id = ?",
        outcome.name(),
        valid,
        ts(now),
        ts(now),
        visitId);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
