package org.tanfang.visits;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The only writer of {@code visit_answer}: one row per answer, written as the call goes. */
@Service
public class VisitAnswers {
  private final JdbcTemplate jdbc;

  VisitAnswers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One answer as the call flow (or a person) recorded it; texts are cut to their columns. */
  public record AnswerRow(
      String questionId,
      String area,
      String method,
      String rawKey,
      String intent,
      String needs,
      String recording,
      String transcript,
      int reprompts,
      Instant at) {}

  /** Writes one answer of the visit (attempt null for a person's record). */
  public void add(long visitId, Long attemptId, AnswerRow a) {
    jdbc.update(
        "insert into visit_answer (visit_id, attempt_id, question_id, area, method, raw_key,"
            + " intent, needs, recording_path, transcript, reprompts, answered_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        visitId,
        attemptId,
        a.questionId(),
        a.area(),
        a.method(),
        a.rawKey(),
        a.intent(),
        cut(a.needs(), 100),
        cut(a.recording(), 300),
        cut(a.transcript(), 1000),
        a.reprompts(),
        Timestamp.from(a.at()));
  }

  /**
   * Writes the answer to a follow-up (area {@code FOLLOW_UP}): {@code followsUp} is the earlier
   * answer it asks about, {@code rule} the rule and its version ({@code followups-v1/unwell}).
   */
  public void addFollowUp(long visitId, Long attemptId, AnswerRow a, long followsUp, String rule) {
    jdbc.update(
        "insert into visit_answer (visit_id, attempt_id, question_id, area, method, raw_key,"
            + " intent, reprompts, answered_at, follows_up, follow_up_rule)"
            + " values (?, ?, ?, 'FOLLOW_UP', ?, ?, ?, ?, ?, ?, ?)",
        visitId,
        attemptId,
        a.questionId(),
        a.method(),
        a.rawKey(),
        a.intent(),
        a.reprompts(),
        Timestamp.from(a.at()),
        followsUp,
        cut(rule, 60));
  }

  /**
   * Writes one answer of a call once: {@code key} is the hand-off's idempotency key, and a second
   * write with the same key (a journal replayed after a crash) changes nothing. True if written
   * now.
   */
  public boolean addOnce(String key, long visitId, Long attemptId, AnswerRow a) {
    return jdbc.update(
            "insert into visit_answer (visit_id, attempt_id, question_id, area, method, raw_key,"
                + " intent, needs, recording_path, transcript, reprompts, answered_at, handoff_key)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (handoff_key) where handoff_key is not null do nothing",
            visitId,
            attemptId,
            a.questionId(),
            a.area(),
            a.method(),
            a.rawKey(),
            a.intent(),
            cut(a.needs(), 100),
            cut(a.recording(), 300),
            cut(a.transcript(), 1000),
            a.reprompts(),
            Timestamp.from(a.at()),
            key)
        == 1;
  }

  /** {@link #addFollowUp} once per {@code key}, as {@link #addOnce}. True if written now. */
  public boolean addFollowUpOnce(
      String key, long visitId, Long attemptId, AnswerRow a, long followsUp, String rule) {
    return jdbc.update(
            "insert into visit_answer (visit_id, attempt_id, question_id, area, method, raw_key,"
                + " intent, reprompts, answered_at, follows_up, follow_up_rule, handoff_key)"
                + " values (?, ?, ?, 'FOLLOW_UP', ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (handoff_key) where handoff_key is not null do nothing",
            visitId,
            attemptId,
            a.questionId(),
            a.method(),
            a.rawKey(),
            a.intent(),
            a.reprompts(),
            Timestamp.from(a.at()),
            followsUp,
            cut(rule, 60),
            key)
        == 1;
  }

  /** Recordings past retention: their paths are cleared (the files are deleted by the caller). */
  public int forgetRecordingsBefore(Instant cutoff) {
    return jdbc.update(
        "update visit_answer set recording_path = null"
            + " where recording_path is not null and answered_at < ?",
        Timestamp.from(cutoff));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
