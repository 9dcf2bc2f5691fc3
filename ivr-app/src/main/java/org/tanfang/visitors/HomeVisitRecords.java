package org.tanfang.visitors;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.escalation.EscalationNotFoundException;
import org.tanfang.escalation.EscalationState;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.Outcome;
import org.tanfang.escalation.Resolution;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * A visitor records a home visit on one of their tasks: the whole form is checked first (every bad
 * field reported together, nothing written), then the case is claimed and resolved as
 * HOME_VISIT_DONE with the six areas (the escalation feature writes the valid visit through {@code
 * org.tanfang.visits}, so it counts for the elder's cycle), and the rest of the form goes to {@code
 * home_visit_report}.
 */
@Service
public class HomeVisitRecords {
  private final JdbcTemplate jdbc;
  private final Escalations escalations;
  private final Clock clock;

  HomeVisitRecords(JdbcTemplate jdbc, Escalations escalations, Clock clock) {
    this.jdbc = jdbc;
    this.escalations = escalations;
    this.clock = clock;
  }

  /** The case's elder, if the case is an open task of this visitor. */
  public java.util.Optional<Long> elderOfTask(VisitorWork.Me me, long caseId) {
    return jdbc
        .queryForList(
            "select e.elder_id from escalation e join elder el on el.id = e.elder_id"
                + " where e.id = ? and "
                + VisitorWork.MY_CASES,
            Long.class,
            caseId,
            me.phone(),
            me.username(),
            me.username())
        .stream()
        .findFirst();
  }

  /** Records the visit; returns the id of the visit written. */
  public long record(VisitorWork.Me me, long caseId, HomeVisitForm form) {
    if (elderOfTask(me, caseId).isEmpty()) {
      throw new EscalationNotFoundException(caseId);
    }
    Resolution resolution =
        new Resolution(Outcome.HOME_VISIT_DONE, form.areas(), trim(form.notes(), 1000));
    // Everything is checked before the case is touched: claim and resolve commit on their own.
    List<FieldProblem> problems = new ArrayList<>(Escalations.problems(resolution));
    problems.addAll(check(form));
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Home visit of case " + caseId, problems);
    }
    Escalations.Actor actor = new Escalations.Actor(me.username(), false);
    String state =
        jdbc.queryForObject("select state from escalation where id = ?", String.class, caseId);
    if (!EscalationState.CLAIMED.name().equals(state)) {
      escalations.claim(caseId, actor);
    }
    long visitId = escalations.resolve(caseId, actor, resolution);
    jdbc.update(
        """
        insert into home_visit_report (visit_id, escalation_id, services, hazards, hazards_removed,
                                       wish, recorded_by, recorded_at)
        values (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        visitId,
        caseId,
        trim(form.services(), 500),
        trim(form.hazards(), 500),
        form.hazardsRemoved(),
        form.wish(),
        me.username(),
        Timestamp.from(clock.instant()));
    return visitId;
  }

  private static List<FieldProblem> check(HomeVisitForm f) {
    List<FieldProblem> problems = new ArrayList<>();
    boolean hazards = f.hazards() != null && !f.hazards().isBlank();
    if (f.hazardsRemoved() == null || !HomeVisitForm.HAZARD_STATES.contains(f.hazardsRemoved())) {
      problems.add(FieldProblem.of("hazardsRemoved", "required"));
    } else if (hazards && "NONE".equals(f.hazardsRemoved())) {
      problems.add(FieldProblem.of("hazardsRemoved", "visit.hazardsNamed"));
    } else if (!hazards && !"NONE".equals(f.hazardsRemoved())) {
      problems.add(FieldProblem.of("hazards", "visit.hazardsMissing"));
    }
    if (f.wish() == null || !HomeVisitForm.WISHES.contains(f.wish())) {
      problems.add(FieldProblem.of("wish", "required"));
    }
    tooLong(problems, "services", f.services(), 500);
    tooLong(problems, "hazards", f.hazards(), 500);
    tooLong(problems, "notes", f.notes(), 1000);
    return problems;
  }

  private static void tooLong(List<FieldProblem> problems, String field, String value, int max) {
    if (value != null && value.strip().length() > max) {
      problems.add(FieldProblem.of(field, "text.tooLong", max));
    }
  }

  private static String trim(String s, int max) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = s.strip();
    return t.length() <= max ? t : t.substring(0, max);
  }
}
