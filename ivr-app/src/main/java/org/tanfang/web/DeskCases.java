package org.tanfang.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tanfang.escalation.EscalationQueries;
import org.tanfang.escalation.EscalationQueries.AnswerRow;
import org.tanfang.escalation.EscalationQueries.CallRow;
import org.tanfang.escalation.EscalationQueries.CaseRow;
import org.tanfang.escalation.EscalationQueries.HistoryRow;
import org.tanfang.escalation.Escalations;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.PersonNames;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Roles;

/**
 * What the desk shows to whom: the queue with elders' names masked, and one case whose elder
 * profile opens only to the user who claimed it and to supervisors and administrators. Every view
 * of an unmasked profile is written to the audit log.
 */
@Component
class DeskCases {
  private final EscalationQueries queries;
  private final ElderService elders;
  private final AuditLog audit;
  private final Clock clock;

  DeskCases(EscalationQueries queries, ElderService elders, AuditLog audit, Clock clock) {
    this.queries = queries;
    this.elders = elders;
    this.audit = audit;
    this.clock = clock;
  }

  /** One case as one user may see it. */
  record CaseView(
      CaseRow escalation,
      boolean profileOpen,
      boolean claimedByMe,
      DeskElder elder,
      String visitOutcome,
      List<CallRow> calls,
      List<AnswerRow> otherAnswers,
      List<HistoryRow> history) {}

  static boolean supervisor(Authentication auth) {
    return auth.getAuthorities().stream()
        .anyMatch(
            a ->
                a.getAuthority().equals("ROLE_SUPERVISOR")
                    || a.getAuthority().equals("ROLE_ADMIN"));
  }

  static Escalations.Actor actor(Authentication auth) {
    return new Escalations.Actor(auth.getName(), supervisor(auth));
  }

  List<CaseRow> queue(EscalationQueries.Filter filter, int limit) {
    return queries.queue(filter, limit).stream()
        .map(c -> c.withElderName(PersonNames.mask(c.elderName())))
        .toList();
  }

  CaseView view(long id, Authentication auth) {
    var detail = queries.detail(id);
    CaseRow c = detail.escalation();
    boolean mine = auth.getName().equals(c.claimedBy());
    boolean open = mine || supervisor(auth);
    DeskElder elder =
        DeskElder.of(
            elders.get(c.elderId()), LocalDate.now(clock), open, Roles.canSeeIdNumbers(auth));
    if (open) {
      audit.record("VIEW", "elder", c.elderId(), "escalation " + id);
    }
    return new CaseView(
        c.withElderName(elder.name()),
        open,
        mine,
        elder,
        detail.visitOutcome(),
        detail.calls(),
        detail.otherAnswers(),
        detail.history());
  }
}
