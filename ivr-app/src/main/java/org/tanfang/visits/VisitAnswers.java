package org.tanfang.visits;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

  /** An answer of a call with the hand-off's idempotency key ({@link #addAllOnce}). */
  public record Keyed(String key, long visitId, Long attemptId, AnswerRow answer) {}

  /**
   * {@link #addOnce} for several answers, in one round trip (a JDBC batch, in order): whether each
   * was written now (false: its key was there already).
   */
  public boolean[] addAllOnce(List<Keyed> rows) {
    int[] n =
        jdbc.batchUpdate(
            "insert into visit_answer (visit_id, attempt_id, question_id, area, method, raw_key,"
                + " intent, needs, recording_path, transcript, reprompts, answered_at, handoff_key)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (handoff_key) where handoff_key is not null do nothing",
            rows.stream()
                .map(
                    r -> {
                      AnswerRow a = r.answer();
                      return new Object[] {
                        r.visitId(),
                        r.attemptId(),
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
                        r.key()
                      };
                    })
                .toList());
    return written(n);
  }

  /** A follow-up's answer with its key ({@link #addFollowUpsOnce}). */
  public record KeyedFollowUp(Keyed row, long followsUp, String rule) {}

  /** {@link #addFollowUpOnce} for several, in one round trip (in order). */
  public boolean[] addFollowUpsOnce(List<KeyedFollowUp> rows) {
    int[] n =
        jdbc.batchUpdate(
            "insert into visit_answer (visit_id, attempt_id, question_id, area, method, raw_key,"
                + " intent, reprompts, answered_at, follows_up, follow_up_rule, handoff_key)"
                + " values (?, ?, ?, 'FOLLOW_UP', ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (handoff_key) where handoff_key is not null do nothing",
            rows.stream()
                .map(
                    f -> {
                      AnswerRow a = f.row().answer();
                      return new Object[] {
                        f.row().visitId(),
                        f.row().attemptId(),
                        a.questionId(),
                        a.method(),
                        a.rawKey(),
                        a.intent(),
                        a.reprompts(),
                        Timestamp.from(a.at()),
                        f.followsUp(),
                        cut(f.rule(), 60),
                        f.row().key()
                      };
                    })
                .toList());
    return written(n);
  }

  private static boolean[] written(int[] counts) {
    boolean[] now = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0 && counts[i] != 1) {
        // The driver did not count each row (reWriteBatchedInserts): the caller goes one by one.
        throw new IllegalStateException("batch update count " + counts[i]);
      }
      now[i] = counts[i] == 1;
    }
    return now;
  }

  // --- Retention (README "Retention and the elder's rights") ----------------------------------

  /**
   * Evidence of an open case: the answer belongs to the visit or the call that raised a case not
   * yet resolved, or to the visit that is to resolve it. Such answers keep audio and text.
   */
  private static final String OPEN_CASE_EVIDENCE =
      " exists (select 1 from escalation x where x.state <> 'RESOLVED'"
          + " and (x.visit_id = va.visit_id or x.resolution_visit_id = va.visit_id"
          + " or x.attempt_id = va.attempt_id))";

  /** The elder died or left (paused) before {@code departedBefore}. */
  private static final String DEPARTED =
      " (e.status in ('DECEASED', 'PAUSED') and e.status_changed_at < ?)";

  /** Why a recording is due: its own period passed, or the elder died or left. */
  public enum RemovalReason {
    RETENTION,
    DEPARTED
  }

  /** An answer whose audio is due for removal. */
  public record DueRecording(long answerId, String path, RemovalReason reason) {}

  /**
   * Up to {@code limit} answers after {@code afterId} (in id order) still holding a recording that
   * is due: answered before {@code recordedBefore}, or of an elder who died or left before {@code
   * departedBefore}; never evidence of an open case.
   */
  public List<DueRecording> recordingsDue(
      Instant recordedBefore, Instant departedBefore, long afterId, int limit) {
    return jdbc.query(
        "select va.id, va.recording_path, va.answered_at < ? as expired from visit_answer va"
            + " join visit v on v.id = va.visit_id join elder e on e.id = v.elder_id"
            + " where va.recording_path is not null and va.id > ?"
            + " and (va.answered_at < ? or"
            + DEPARTED
            + ") and not"
            + OPEN_CASE_EVIDENCE
            + " order by va.id limit ?",
        (rs, i) ->
            new DueRecording(
                rs.getLong(1),
                rs.getString(2),
                rs.getBoolean(3) ? RemovalReason.RETENTION : RemovalReason.DEPARTED),
        Timestamp.from(recordedBefore),
        afterId,
        Timestamp.from(recordedBefore),
        Timestamp.from(departedBefore),
        limit);
  }

  /**
   * The answer's recording reference is cleared, with when and why; false if another run cleared it
   * first (the intent, keys and transcript stay).
   */
  public boolean removeRecording(long answerId, RemovalReason reason, Instant at) {
    return jdbc.update(
            "update visit_answer set recording_path = null, recording_removed_at = ?,"
                + " recording_removed_reason = ? where id = ? and recording_path is not null",
            Timestamp.from(at),
            reason.name(),
            answerId)
        == 1;
  }

  /**
   * Blanks the transcripts of up to {@code limit} answers given before {@code before} (not evidence
   * of an open case), marking when and why; the intent stays. Returns how many.
   */
  public int blankTranscripts(Instant before, Instant at, int limit) {
    return jdbc.update(
        "update visit_answer set transcript = null, transcript_removed_at = ?,"
            + " transcript_removed_reason = 'RETENTION' where id in (select va.id from"
            + " visit_answer va where va.transcript is not null and va.answered_at < ? and not"
            + OPEN_CASE_EVIDENCE
            + " order by va.id limit ?)",
        Timestamp.from(at),
        Timestamp.from(before),
        limit);
  }

  /**
   * Answers past a period (recording or transcript) that keep their audio or text because they are
   * evidence of an open case.
   */
  public int keptForOpenCases(
      Instant recordedBefore, Instant departedBefore, Instant transcribedBefore) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from visit_answer va join visit v on v.id = va.visit_id"
                + " join elder e on e.id = v.elder_id where ((va.recording_path is not null and"
                + " (va.answered_at < ? or"
                + DEPARTED
                + ")) or (va.transcript is not null and va.answered_at < ?)) and"
                + OPEN_CASE_EVIDENCE,
            Integer.class,
            Timestamp.from(recordedBefore),
            Timestamp.from(departedBefore),
            Timestamp.from(transcribedBefore));
    return n == null ? 0 : n;
  }

  /**
   * The recording paths still referenced by answers given before {@code before}: the retention job
   * does not delete these files as orphans.
   */
  public List<String> recordingsReferencedBefore(Instant before) {
    return jdbc.queryForList(
        "select recording_path from visit_answer where recording_path is not null"
            + " and answered_at < ?",
        String.class,
        Timestamp.from(before));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
