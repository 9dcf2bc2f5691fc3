package org.tanfang.web;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.escalation.AreaFinding;
import org.tanfang.escalation.EscalationQueries;
import org.tanfang.escalation.EscalationQueries.CaseRow;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.Level;
import org.tanfang.escalation.Outcome;
import org.tanfang.escalation.Resolution;
import org.tanfang.security.AuditLog;

/**
 * The desk over the REST API (README "Escalation desk"): the queue with filters, one case, and
 * claim / note / reassign / resolve. Elders' names are masked in the list; a case's elder profile
 * opens to the user who claimed it and to supervisors and administrators.
 */
@RestController
@RequestMapping("/api/escalations")
class EscalationsApi {
  private final Escalations escalations;
  private final DeskCases desk;
  private final DeskProperties props;
  private final AuditLog audit;
  private final java.time.Clock clock;

  private final QueryChecks checks;

  EscalationsApi(
      Escalations escalations,
      DeskCases desk,
      DeskProperties props,
      AuditLog audit,
      java.time.Clock clock,
      QueryChecks checks) {
    this.checks = checks;
    this.clock = clock;
    this.escalations = escalations;
    this.desk = desk;
    this.props = props;
    this.audit = audit;
  }

  record NoteRequest(String text) {}

  record ReassignRequest(String to, String reason) {}

  record ResolveRequest(Outcome outcome, Map<String, AreaFinding> areas, String notes) {}

  record Resolved(long escalationId, Long visitId) {}

  /** Open cases by priority then deadline, or ({@code view=RESOLVED}) the latest resolved. */
  @GetMapping
  List<CaseRow> list(
      @RequestParam(required = false) EscalationType type,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) Level level,
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(defaultValue = "OPEN") EscalationQueries.View view,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String visitor,
      @RequestParam(defaultValue = "false") boolean overdue,
      @RequestParam(required = false) Integer limit,
      Authentication auth) {
    checks.check().size("limit", limit, props.queueSize()).district(district).done();
    int max = limit == null ? props.queueSize() : limit;
    audit.record("LIST", "escalation", null, "api");
    return desk.queue(
        new EscalationQueries.Filter(
            view,
            type,
            district,
            level,
            mine,
            auth.getName(),
            street,
            visitor,
            overdue ? clock.instant() : null),
        max,
        auth);
  }

  @GetMapping("/{id}")
  DeskCases.CaseView one(@PathVariable long id, Authentication auth) {
    return desk.view(id, auth);
  }

  @PostMapping("/{id}/claim")
  DeskCases.CaseView claim(@PathVariable long id, Authentication auth) {
    escalations.claim(id, DeskCases.actor(auth));
    return desk.view(id, auth);
  }

  @PostMapping("/{id}/notes")
  DeskCases.CaseView note(
      @PathVariable long id,
      @RequestBody(required = false) NoteRequest request,
      Authentication auth) {
    escalations.note(id, DeskCases.actor(auth), request == null ? null : request.text());
    return desk.view(id, auth);
  }

  @PostMapping("/{id}/reassign")
  DeskCases.CaseView reassign(
      @PathVariable long id,
      @RequestBody(required = false) ReassignRequest request,
      Authentication auth) {
    escalations.reassign(
        id,
        DeskCases.actor(auth),
        request == null ? null : request.to(),
        request == null ? null : request.reason());
    return desk.view(id, auth);
  }

  /**
   * Closes the case; the visit record written is returned (six areas for a visit with the elder).
   */
  @PostMapping("/{id}/resolve")
  Resolved resolve(
      @PathVariable long id,
      @RequestBody(required = false) ResolveRequest request,
      Authentication auth) {
    Resolution resolution =
        request == null
            ? null
            : new Resolution(request.outcome(), request.areas(), request.notes());
    Long visitId = escalations.resolve(id, DeskCases.actor(auth), resolution);
    return new Resolved(id, visitId);
  }
}
