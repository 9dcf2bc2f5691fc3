package org.tanfang.visits;

import static org.tanfang.visits.Visits.ts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Visits a person made or recorded (a case resolved on the desk): a planned home visit completed,
 * or a record of its own, valid with its answers when the person spoke with the elder.
 */
@Service
public class PersonVisits {
  private final JdbcTemplate jdbc;
  private final VisitAnswers answers;

  PersonVisits(JdbcTemplate jdbc, VisitAnswers answers) {
    this.jdbc = jdbc;
    this.answers = answers;
  }

  /** One area's finding, as a PERSON answer. */
  public record Finding(String area, String intent, String needs, String note) {}

  /**
   * What a person did: {@code kind} PHONE or HOME; {@code withElder} makes it a valid visit that
   * covers the cycle of {@code cycleOfVisit} (the case's triggering visit, may be null).
   */
  public record Record(
      long elderId,
      String kind,
      boolean withElder,
      Long cycleOfVisit,
      String recordedBy,
      String notes,
      long escalationId,
      List<Finding> findings) {}

  /** The planned home visit itself was made: DONE and valid. False when it is no longer open. */
  public boolean completeHomeVisit(long visitId, Record r, Instant now) {
    boolean done =
        jdbc.update(
                "update visit set status = 'DONE', valid = true, outcome = 'COMPLETED',"
                    + " started_at = coalesce(started_at, ?), ended_at = ?, recorded_by = ?,"
                    + " notes = ?, escalation_id = ?, updated_at = ?"
                    + " where id = ? and kind = 'HOME' and status in "
                    + VisitStatus.sqlFrom(VisitStatus.DONE),
                ts(now),
                ts(now),
                r.recordedBy(),
                r.notes(),
                r.escalationId(),
                ts(now),
                visitId)
            == 1;
    if (done) {
      addFindings(visitId, r, now);
    }
    return done;
  }

  /** A visit record of its own (purpose CALLBACK, DONE); returns its id. */
  public long record(Record r, Instant now) {
    Map<String, Object> cycle =
        r.cycleOfVisit() == null
            ? Map.of()
            : jdbc.queryForMap(
                "select cycle_start, cycle_end from visit where id = ?", r.cycleOfVisit());
    long id =
        jdbc.queryForObject(
            """
            insert into visit (elder_id, kind, purpose, cycle_start, cycle_end, status, outcome,
                               valid, started_at, ended_at, recorded_by, notes, escalation_id,
                               created_at, updated_at)
            values (?, ?, 'CALLBACK', ?, ?, 'DONE', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            returning id
            """,
            Long.class,
            r.elderId(),
            r.kind(),
            cycle.get("cycle_start"),
            cycle.get("cycle_end"),
            r.withElder() ? "COMPLETED" : null,
            r.withElder(),
            ts(now),
            ts(now),
            r.recordedBy(),
            r.notes(),
            r.escalationId(),
            ts(now),
            ts(now));
    addFindings(id, r, now);
    return id;
  }

  private void addFindings(long visitId, Record r, Instant now) {
    if (!r.withElder()) {
      return;
    }
    for (Finding f : r.findings()) {
      answers.add(
          visitId,
          null,
          new VisitAnswers.AnswerRow(
              "person-" + f.area().toLowerCase(java.util.Locale.ROOT),
              f.area(),
              "PERSON",
              null,
              f.intent(),
              f.needs(),
              null,
              f.note(),
              0,
              now));
    }
  }
}
