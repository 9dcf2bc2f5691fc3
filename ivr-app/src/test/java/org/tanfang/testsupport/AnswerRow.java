package org.tanfang.testsupport;

import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** An answer of a visit written straight into its table, answered now unless the test says when. */
public final class AnswerRow {
  private final JdbcTemplate jdbc;
  private final Insert row = new Insert("visit_answer");

  AnswerRow(JdbcTemplate jdbc, long visitId) {
    this.jdbc = jdbc;
    row.set("visit_id", visitId);
  }

  /** The question and its area, e.g. {@code ("health", "HEALTH")}. */
  public AnswerRow to(String questionId, String area) {
    row.set("question_id", questionId).set("area", area);
    return this;
  }

  /** A keypad answer with this intent. */
  public AnswerRow keyed(String intent) {
    row.set("method", "KEYPAD").set("intent", intent);
    return this;
  }

  /** A keypad answer: the key pressed and its intent. */
  public AnswerRow pressed(String key, String intent) {
    row.set("method", "KEYPAD").set("raw_key", key).set("intent", intent);
    return this;
  }

  /** What a person recorded for an area (FINE, UNWELL, NEEDS, or UNCLEAR for not checked). */
  public AnswerRow byPerson(String intent) {
    row.set("method", "PERSON").set("intent", intent);
    return this;
  }

  /** A spoken answer: its intent, transcript and recording file. */
  public AnswerRow spoken(String intent, String transcript, String recordingPath) {
    row.set("method", "SPEECH")
        .set("intent", intent)
        .set("recording_path", recordingPath)
        .set("transcript", transcript);
    return this;
  }

  public AnswerRow needs(String needs) {
    row.set("needs", needs);
    return this;
  }

  public AnswerRow answeredAt(Instant at) {
    row.set("answered_at", at);
    return this;
  }

  public long save() {
    return row.setIfAbsent("answered_at", Insert.NOW).save(jdbc);
  }
}
