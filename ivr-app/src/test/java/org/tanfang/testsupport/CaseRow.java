package org.tanfang.testsupport;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A case written straight into the escalation table, without its history (as if the node stopped
 * right after opening it): cases a test means to open go through {@code Escalations.open}.
 */
public final class CaseRow {
  private final JdbcTemplate jdbc;
  private final Insert row = new Insert("escalation");

  CaseRow(JdbcTemplate jdbc, long elderId, String type) {
    this.jdbc = jdbc;
    row.set("elder_id", elderId).set("type", type);
  }

  public CaseRow pool(String pool) {
    row.set("pool", pool);
    return this;
  }

  public CaseRow priority(int priority) {
    row.set("priority", priority);
    return this;
  }

  public CaseRow reason(String reason) {
    row.set("reason", reason);
    return this;
  }

  /** Due this long after the database's now(). */
  public CaseRow dueIn(Duration duration) {
    row.set("deadline", new Insert.Sql("now() + interval '" + duration.toSeconds() + " seconds'"));
    return this;
  }

  public long save() {
    return row.set("created_at", Insert.NOW).set("updated_at", Insert.NOW).save(jdbc);
  }
}
