package org.tanfang.testsupport;

import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A dial attempt of a visit written straight into its table: attempt 1, SCHEDULED, due when the
 * test says, created now; phone index and priority the schema's defaults unless set.
 */
public final class AttemptRow {
  private final JdbcTemplate jdbc;
  private final Insert row = new Insert("call_attempt");

  AttemptRow(JdbcTemplate jdbc, long visitId) {
    this.jdbc = jdbc;
    row.set("visit_id", visitId).set("attempt_no", 1);
  }

  public AttemptRow number(int attemptNo) {
    row.set("attempt_no", attemptNo);
    return this;
  }

  public AttemptRow phone(String phone) {
    row.set("phone", phone);
    return this;
  }

  public AttemptRow phoneIndex(int index) {
    row.set("phone_index", index);
    return this;
  }

  public AttemptRow priority(int priority) {
    row.set("priority", priority);
    return this;
  }

  public AttemptRow due(Instant at) {
    row.set("due_at", at);
    return this;
  }

  public AttemptRow status(String status) {
    row.set("status", status);
    return this;
  }

  /** Dialled and ended at {@code at} with this result (status ENDED). */
  public AttemptRow ended(String result, Instant at) {
    row.set("status", "ENDED").set("result", result).set("dialed_at", at).set("ended_at", at);
    return this;
  }

  /** Answered at {@code at} and hung up {@code seconds} later (status ENDED, ANSWERED). */
  public AttemptRow answered(Instant at, long seconds) {
    row.set("status", "ENDED")
        .set("result", "ANSWERED")
        .set("dialed_at", at)
        .set("answered_at", at)
        .set("ended_at", at.plusSeconds(seconds))
        .set("due_at", at);
    return this;
  }

  public long save() {
    return row.setIfAbsent("status", "SCHEDULED").set("created_at", Insert.NOW).save(jdbc);
  }
}
