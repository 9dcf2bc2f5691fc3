package org.tanfang.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tanfang.escalation.EscalationNotFoundException;
import org.tanfang.escalation.EscalationQueries;
import org.tanfang.escalation.EscalationQueries.AnswerRow;
import org.tanfang.escalation.EscalationQueries.CallRow;
import org.tanfang.escalation.EscalationQueries.CaseRow;
import org.tanfang.escalation.EscalationQueries.HistoryRow;
import org.tanfang.escalation.Escalations;
import org.tanfang.registry.ElderNotFoundException;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.PersonNames;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.security.Callers;
import org.tanfang.security.Disclosure;

/**
 * What the desk shows to whom: the queue with elders' names masked, and one case whose elder
 * profile opens only to the user who claimed it and to supervisors and administrators. Every view
 * of an unmasked profile is written to the audit log.
 */
@Component
class DeskCases {
  private final EscalationQueries queries;
  private final ElderService elders;
  private final Callers callers;
  private final Clock clock;
  private final org.tanfang.security.AuditLog audit;

  DeskCases(
      EscalationQueries queries,
      ElderService elders,
      Callers callers,
      org.tanfang.security.AuditLog audit,
      Clock clock) {
    this.audit = audit;
    this.queries = queries;
    this.elders = elders;
    this.callers = callers;
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

  /** The queue of cases of elders inside the user's scope, names masked. */
  List<CaseRow> queue(EscalationQueries.Filter filter, int limit, Authentication auth) {
    return queries.queue(filter, limit, callers.of(auth).scope()).stream()
        .map(
            c ->
                c.withElderName(PersonNames.mask(c.elderName()))
                    .withCallerNumber(PhoneNumbers.mask(c.callerNumber())))
        .toList();
  }

  /**
   * One case as this user may see it: the elder disclosed as {@link
   * org.tanfang.security.ElderAccess} decides (a full view is audit-logged); a case of an elder
   * outside the user's scope is not found.
   */
  CaseView view(long id, Authentication auth) {
    var detail = queries.detail(id);
    CaseRow c = detail.escalation();
    boolean mine = auth.getName().equals(c.claimedBy());
    if (c.unidentified()) {
      return unidentified(detail, mine, auth);
    }
    ElderService.Viewed viewed;
    try {
      viewed = elders.view(c.elderId(), callers.of(auth), "escalation " + id);
    } catch (ElderNotFoundException outOfScope) {
      throw new EscalationNotFoundException(id);
    }
    Disclosure d = viewed.disclosure();
    DeskElder elder = DeskElder.of(viewed.elder(), LocalDate.now(clock), d.full(), d.idNumber());
    return new CaseView(
        c.withElderName(elder.name()),
        d.full(),
        mine,
        elder,
        detail.visitOutcome(),
        detail.calls(),
        detail.otherAnswers(),
        detail.history());
  }

  /**
   * An unidentified caller's case (no elder, no region): city-wide accounts only, as on the calls
   * page. The number the call came from is personal data like an elder's phone: in full to the user
   * who claimed the case and to supervisors and administrators (audit-logged), else masked.
   */
  private CaseView unidentified(
      EscalationQueries.CaseDetail detail, boolean mine, Authentication auth) {
    CaseRow c = detail.escalation();
    var caller = callers.of(auth);
    if (!caller.scope().isCity()) {
      throw new EscalationNotFoundException(c.id());
    }
    boolean full = mine || supervisor(auth);
    if (full && c.callerNumber() != null) {
      audit.record("VIEW", "escalation", c.id(), "caller number");
    }
    return new CaseView(
        full ? c : c.withCallerNumber(PhoneNumbers.mask(c.callerNumber())),
        full,
        mine,
        null,
        detail.visitOutcome(),
        detail.calls(),
        detail.otherAnswers(),
        detail.history());
  }
}
