package org.tanfang.testsupport;

import java.time.Duration;
import java.time.Instant;
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

  /** Opened at this instant, due {@code dueAfter} later (instead of now and {@link #dueIn}). */
  public CaseRow openedAt(Instant at, Duration dueAfter) {
    row.set("created_at", at).set("updated_at", at).set("deadline", at.plus(dueAfter));
    return this;
  }

  public CaseRow claimedAt(Instant at) {
    row.set("state", "CLAIMED").set("claimed_at", at);
    return this;
  }

  /** Resolved at this instant (outcome OTHER). */
  public CaseRow resolvedAt(Instant at) {
    row.set("state", "RESOLVED").set("resolved_at", at).set("outcome", "OTHER");
    return this;
  }

  /** Moved up to {@code STREET} or {@code DISTRICT}. */
  public CaseRow level(String level) {
    row.set("level", level);
    if (!"RESOLVED".equals(row.get("state"))) {
      row.set("state", "ESCALATED");
    }
    return this;
  }

  public CaseRow visit(long visitId) {
    row.set("visit_id", visitId);
    return this;
  }

  public long save() {
    return row.setIfAbsent("created_at", Insert.NOW)
        .setIfAbsent("updated_at", Insert.NOW)
        .setIfAbsent("pool", "STAFF")
        .setIfAbsent("priority", 50)
        .setIfAbsent("reason", "test")
        .setIfAbsent("deadline", new Insert.Sql("now() + interval '1 hour'"))
        .save(jdbc);
  }
}
