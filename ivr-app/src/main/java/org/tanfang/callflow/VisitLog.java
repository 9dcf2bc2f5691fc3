package org.tanfang.callflow;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tanfang.scheduler.alert.AlertKind;
import org.tanfang.visits.VisitAnswers;
import org.tanfang.visits.Visits;

/**
 * What a call learns, as it happens: one answer at once, the visit's outcome at the end (written by
 * the visits feature). Each write commits on its own, so a hang-up never loses earlier answers.
 */
@Repository
class VisitLog {
  /** Who is on the line: the attempt, its visit and the elder. */
  record Subject(Long attemptId, long visitId, long elderId, String dialect) {}

  private final JdbcTemplate jdbc;
  private final Visits visits;
  private final VisitAnswers answers;

  VisitLog(JdbcTemplate jdbc, Visits visits, VisitAnswers answers) {
    this.jdbc = jdbc;
    this.visits = visits;
    this.answers = answers;
  }

  /**
   * A family notification call: the contact's number and the elder the call is about; {@code
   * alertPrompt} the safety message of the weather alert the call belongs to, null for a case's
   * notification.
   */
  record Contact(
      long attemptId,
      long visitId,
      long elderId,
      String dialect,
      String phone,
      String alertPrompt) {}

  /** The attempt, if it belongs to a family notification (visit purpose FAMILY_NOTICE). */
  Optional<Contact> contactFor(long attemptId) {
    return jdbc
        .query(
            "select a.id, a.visit_id, v.elder_id, e.dialect, a.phone, r.alert_kind"
                + " from call_attempt a join visit v on v.id = a.visit_id"
                + " join elder e on e.id = v.elder_id"
                + " left join special_round r on r.id = v.special_round_id"
                + " where a.id = ? and v.purpose = 'FAMILY_NOTICE'",
            (rs, i) ->
                new Contact(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("dialect"),
                    rs.getString("phone"),
                    rs.getString("alert_kind") == null
                        ? null
                        : AlertKind.valueOf(rs.getString("alert_kind")).contactPromptId()),
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
    visits.conversationStarted(visitId, scriptId, now);
  }

  void answer(Subject s, Answer a, Instant at) {
    answers.add(
        s.visitId(),
        s.attemptId(),
        new VisitAnswers.AnswerRow(
            a.questionId(),
            a.area().name(),
            a.method().name(),
            a.rawKey(),
            a.intent().name(),
            a.needs(),
            a.recording(),
            a.transcript(),
            a.reprompts(),
            at));
  }

  /** The answer to a follow-up of an earlier answer (keypad, or ACKNOWLEDGED with no key). */
  void followUpAnswer(Subject s, Answer a, FollowUps.Due due, String rule, Instant at) {
    answers.addFollowUp(
        s.visitId(),
        s.attemptId(),
        new VisitAnswers.AnswerRow(
            a.questionId(),
            a.area().name(),
            a.method().name(),
            a.rawKey(),
            a.intent().name(),
            null,
            null,
            null,
            a.reprompts(),
            at),
        due.followsUp(),
        rule);
  }

  /**
   * The questions the elder answered (not SILENT or UNCLEAR) in another valid visit at or after
   * {@code since}: the short inbound check-in does not ask them again.
   */
  java.util.Set<String> answeredSince(long elderId, long visitId, Instant since) {
    return new java.util.HashSet<>(
        jdbc.queryForList(
            "select distinct a.question_id from visit_answer a join visit v on v.id = a.visit_id"
                + " where v.elder_id = ? and v.id <> ? and v.valid and a.answered_at >= ?"
                + " and a.area not in ('IDENTITY', 'FOLLOW_UP')"
                + " and a.intent not in ('SILENT', 'UNCLEAR')",
            String.class,
            elderId,
            visitId,
            java.sql.Timestamp.from(since)));
  }

  void finish(long visitId, ConversationOutcome outcome, boolean valid, Instant now) {
    visits.conversationEnded(visitId, outcome.name(), valid, now);
  }
}
