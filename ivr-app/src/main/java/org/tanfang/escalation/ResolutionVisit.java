package org.tanfang.escalation;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.tanfang.visits.PersonVisits;

/**
 * The visit record a resolution writes (through the visits feature): a valid visit with the six
 * areas when a person spoke with the elder (it counts for the cycle), otherwise a record of what
 * was done. A home-visit task resolved by the visit itself completes the planned home visit.
 */
@Component
class ResolutionVisit {
  private final PersonVisits visits;

  ResolutionVisit(PersonVisits visits) {
    this.visits = visits;
  }

  /** Returns the id of the visit record. */
  long write(CaseLog.Row row, String username, Resolution r, Instant now) {
    String notes = r.notes() == null ? null : CaseLog.cut(r.notes().strip(), 1000);
    boolean withElder = r.outcome().visitWithElder();
    PersonVisits.Record record =
        new PersonVisits.Record(
            row.elderId(),
            r.outcome().visitKind(),
            withElder,
            row.visitId(),
            username,
            notes,
            row.id(),
            withElder ? findings(r) : List.of());
    if (row.type() == EscalationType.HOME_VISIT
        && r.outcome() == Outcome.HOME_VISIT_DONE
        && row.visitId() != null
        && visits.completeHomeVisit(row.visitId(), record, now)) {
      return row.visitId();
    }
    return visits.record(record, now);
  }

  private static List<PersonVisits.Finding> findings(Resolution r) {
    return ResolutionCheck.SIX_AREAS.stream()
        .map(
            area -> {
              AreaFinding f = r.areas().get(area);
              String intent =
                  switch (f.status()) {
                    case FINE -> "FINE";
                    case CONCERN -> area.equals("HEALTH") ? "UNWELL" : "NEEDS";
                    case NOT_CHECKED -> "UNCLEAR";
                  };
              String note = f.note() == null || f.note().isBlank() ? null : f.note().strip();
              return new PersonVisits.Finding(
                  area,
                  intent,
                  intent.equals("NEEDS") ? CaseLog.cut(note, 100) : null,
                  CaseLog.cut(note, 1000));
            })
        .toList();
  }
}
