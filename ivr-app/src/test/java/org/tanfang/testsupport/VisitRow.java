package org.tanfang.testsupport;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A visit written straight into its table: a phone visit, created now, the other columns the
 * schema's defaults (purpose ROUTINE, status PLANNED, not valid) unless the test sets them.
 */
public final class VisitRow {
  private final JdbcTemplate jdbc;
  private final Insert row = new Insert("visit");

  VisitRow(JdbcTemplate jdbc, long elderId) {
    this.jdbc = jdbc;
    row.set("elder_id", elderId).set("kind", "PHONE");
  }

  /** {@code PHONE} or {@code HOME}. */
  public VisitRow kind(String kind) {
    row.set("kind", kind);
    return this;
  }

  public VisitRow home() {
    return kind("HOME");
  }

  public VisitRow purpose(String purpose) {
    row.set("purpose", purpose);
    return this;
  }

  public VisitRow status(String status) {
    row.set("status", status);
    return this;
  }

  /** The cycle the visit belongs to, e.g. March 2026. */
  public VisitRow cycle(LocalDate start, LocalDate end) {
    row.set("cycle_start", start).set("cycle_end", end);
    return this;
  }

  /** The cycle 2026-03-01 … 2026-03-31, the month the test clock starts in. */
  public VisitRow inMarch2026() {
    return cycle(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
  }

  public VisitRow outcome(String outcome) {
    row.set("outcome", outcome);
    return this;
  }

  public VisitRow valid(boolean valid) {
    row.set("valid", valid);
    return this;
  }

  public VisitRow plannedAt(Instant at) {
    row.set("planned_at", at);
    return this;
  }

  public VisitRow startedAt(Instant at) {
    row.set("started_at", at);
    return this;
  }

  public VisitRow endedAt(Instant at) {
    row.set("ended_at", at);
    return this;
  }

  public VisitRow recordedBy(String who) {
    row.set("recorded_by", who);
    return this;
  }

  /** Created (and updated) at this instant instead of the database's now(). */
  public VisitRow createdAt(Instant at) {
    row.set("created_at", at).set("updated_at", at);
    return this;
  }

  public long save() {
    return row.setIfAbsent("created_at", Insert.NOW)
        .setIfAbsent("updated_at", Insert.NOW)
        .save(jdbc);
  }
}
