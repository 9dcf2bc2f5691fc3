package org.tanfang.escalation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.escalation.CaseLog.Change;
import org.tanfang.escalation.CaseLog.Row;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;
import org.tanfang.shared.Text;
import org.tanfang.shared.TextRules;

/**
 * The transitions of a case: open (or merge), claim, note, reassign, resolve, move up a level. Each
 * is one {@link CaseLog#change} (lock, update, history row, then the desk is told). What the
 * application itself reports onto a case (transfer answered, family status, a call placed) is
 * {@link CaseSignals}; deadlines passing, {@link OverdueCases}.
 *
 * <p>Opening merges: a second trigger of the same type for an elder with an open case adds to that
 * case (its history, {@code merged_count}, the latest visit and call, the earlier deadline, the
 * higher priority) and returns its id.
 */
@Service
public class Escalations {
  /** The actor of changes made by the application itself. */
  public static final String SYSTEM = CaseLog.SYSTEM;

  private final JdbcTemplate jdbc;
  private final CaseLog cases;
  private final Deadlines deadlines;
  private final ResolutionVisit resolutionVisit;
  private final UserAccounts accounts;
  private final EscalationProperties props;
  private final Clock clock;

  Escalations(
      JdbcTemplate jdbc,
      CaseLog cases,
      Deadlines deadlines,
      ResolutionVisit resolutionVisit,
      UserAccounts accounts,
      EscalationProperties props,
      Clock clock) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.deadlines = deadlines;
    this.resolutionVisit = resolutionVisit;
    this.accounts = accounts;
    this.props = props;
    this.clock = clock;
  }

  /** A person acting on the desk. */
  public record Actor(String username, boolean supervisor) {}

  /** Opens a case, or merges into the open one of that type for the elder. Returns its id. */
  public long open(NewEscalation n) {
    Instant now = clock.instant();
    Instant deadline = n.deadline() != null ? n.deadline() : deadlines.forNew(n.type(), now);
    int priority = props.priorityOf(n.type());
    String reason = CaseLog.cut(cases.stored(n.reason()), 300);
    return cases.change(
        () -> {
          List<Long> inserted =
              jdbc.queryForList(
                  """
                  insert into escalation (elder_id, type, state, pool, priority, deadline, visit_id,
                                          attempt_id, reason, reason_key, reason_args, needs,
                                          created_at, updated_at)
                  values (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  on conflict (elder_id, type) where state <> 'RESOLVED' do nothing
                  returning id
                  """,
                  Long.class,
                  n.elderId(),
                  n.type().name(),
                  n.type().pool().name(),
                  priority,
                  ts(deadline),
                  n.visitId(),
                  n.attemptId(),
                  reason,
                  n.reason().key(),
                  CaseLog.cut(n.reason().storedArgs(), 1000),
                  CaseLog.cut(n.needs(), 100),
                  ts(now),
                  ts(now));
          if (!inserted.isEmpty()) {
            long id = inserted.get(0);
            cases.history(id, SYSTEM, CaseAction.OPENED, n.reason(), now);
            return new Change(id, CaseAction.OPENED);
          }
          long id =
              jdbc.queryForObject(
                  "select id from escalation where elder_id = ? and type = ? and state <> 'RESOLVED'"
                      + " for update",
                  Long.class,
                  n.elderId(),
                  n.type().name());
          jdbc.update(
              """
              update escalation set merged_count = merged_count + 1,
                     visit_id = coalesce(?, visit_id), attempt_id = coalesce(?, attempt_id),
                     needs = coalesce(?, needs), deadline = least(deadline, ?),
                     priority = greatest(priority, ?), updated_at = ?
              where id = ?
              """,
              n.visitId(),
              n.attemptId(),
              CaseLog.cut(n.needs(), 100),
              ts(deadline),
              priority,
              ts(now),
              id);
          cases.history(id, SYSTEM, CaseAction.MERGED, n.reason(), now);
          return new Change(id, CaseAction.MERGED);
        });
  }

  /**
   * A DISTRESS case for a caller into the line who pressed 9 before being identified: no elder, the
   * number the call came from ({@code callerNumber}, null when withheld). A case of its own per
   * call (nothing to merge into: nobody knows whose it is).
   */
  public long openUnidentified(String callerNumber, Text reason) {
    Instant now = clock.instant();
    EscalationType type = EscalationType.DISTRESS;
    return cases.change(
        () -> {
          long id =
              jdbc.queryForObject(
                  """
                  insert into escalation (elder_id, caller_number, type, state, pool, priority,
                                          deadline, reason, reason_key, reason_args, created_at,
                                          updated_at)
                  values (null, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?)
                  returning id
                  """,
                  Long.class,
                  CaseLog.cut(callerNumber, 32),
                  type.name(),
                  type.pool().name(),
                  props.priorityOf(type),
                  ts(deadlines.forNew(type, now)),
                  CaseLog.cut(cases.stored(reason), 300),
                  reason.key(),
                  CaseLog.cut(reason.storedArgs(), 1000),
                  ts(now),
                  ts(now));
          cases.history(id, SYSTEM, CaseAction.OPENED, reason, now);
          return new Change(id, CaseAction.OPENED);
        });
  }

  /** Takes the case: the claimer's name shows on the desk and the elder's data opens to them. */
  public void claim(long id, Actor actor) {
    Instant now = clock.instant();
    cases.change(
        () -> {
          Row row = cases.lock(id);
          if (row.state() == EscalationState.CLAIMED && actor.username().equals(row.claimedBy())) {
            return null;
          }
          if (row.state() == EscalationState.CLAIMED) {
            throw new EscalationConflictException("escalation.claimedByOther", row.claimedBy());
          }
          if (row.state() == EscalationState.REASSIGNED
              && !actor.username().equals(row.assignedTo())
              && !actor.supervisor()) {
            throw new EscalationConflictException("escalation.assignedToOther", row.assignedTo());
          }
          jdbc.update(
              "update escalation set state = 'CLAIMED', claimed_by = ?, claimed_at = ?,"
                  + " assigned_to = ?, updated_at = ? where id = ?",
              actor.username(),
              ts(now),
              actor.username(),
              ts(now),
              id);
          cases.history(id, actor.username(), CaseAction.CLAIMED, null, now);
          return new Change(id, CaseAction.CLAIMED);
        });
  }

  /** Adds a note to the history. */
  public void note(long id, Actor actor, String text) {
    String note = text == null ? "" : text.strip();
    if (note.isEmpty()) {
      throw invalid(FieldProblem.of("text", "required"));
    }
    var bad = TextRules.check("text", note, 1000, true);
    if (bad.isPresent()) {
      throw invalid(bad.get());
    }
    Instant now = clock.instant();
    cases.change(
        () -> {
          cases.lock(id);
          cases.touch(id, now);
          cases.history(id, actor.username(), CaseAction.NOTE, Text.of("case.note", note), now);
          return new Change(id, CaseAction.NOTE);
        });
  }

  /** Hands the case to another user (who then claims it); the reason goes into the history. */
  public void reassign(long id, Actor actor, String toUser, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (toUser == null || toUser.isBlank()) {
      throw invalid(FieldProblem.of("assignee", "required"));
    }
    if (!accounts.enabled(toUser)) {
      throw invalid(FieldProblem.of("assignee", "escalation.unknownUser", toUser));
    }
    var badReason = TextRules.check("reason", why, 1000, true);
    if (badReason.isPresent()) {
      throw invalid(badReason.get());
    }
    Instant now = clock.instant();
    cases.change(
        () -> {
          Row row = cases.lock(id);
          if (row.state() == EscalationState.CLAIMED
              && !actor.username().equals(row.claimedBy())
              && !actor.supervisor()) {
            throw new EscalationConflictException("escalation.claimedByOther", row.claimedBy());
          }
          jdbc.update(
              "update escalation set state = 'REASSIGNED', assigned_to = ?, claimed_by = null,"
                  + " claimed_at = null, updated_at = ? where id = ?",
              toUser,
              ts(now),
              id);
          Text detail =
              why.isEmpty()
                  ? Text.of("case.reassigned", toUser)
                  : Text.of("case.reassignedBecause", toUser, why);
          cases.history(id, actor.username(), CaseAction.REASSIGNED, detail, now);
          return new Change(id, CaseAction.REASSIGNED);
        });
  }

  /** What is wrong with a resolution, without touching any case (empty when it would do). */
  public static List<FieldProblem> problems(Resolution resolution) {
    return ResolutionCheck.problems(resolution);
  }

  /**
   * Closes the case with its outcome and writes the visit record ({@link ResolutionVisit}); an
   * unidentified caller's case has no elder, so no visit record: the outcome and notes say it.
   *
   * @return the id of the visit record written, null for an unidentified caller's case
   */
  public Long resolve(long id, Actor actor, Resolution resolution) {
    if (resolution != null
        && resolution.outcome() != null
        && resolution.outcome().visitWithElder()
        && unidentified(id)) {
      // Said before the six areas are asked for: they could not be recorded for anyone.
      throw new EscalationConflictException("escalation.unidentifiedNoVisit");
    }
    List<FieldProblem> problems = ResolutionCheck.problems(resolution);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Resolution of escalation " + id, problems);
    }
    Instant now = clock.instant();
    Long[] visit = new Long[1];
    cases.change(
        () -> {
          Row row = cases.lock(id);
          if (row.state() == EscalationState.RESOLVED) {
            throw new EscalationConflictException("escalation.alreadyResolved");
          }
          if (!actor.supervisor() && !actor.username().equals(row.claimedBy())) {
            throw new EscalationConflictException("escalation.claimFirst");
          }
          if (row.elderId() == null && resolution.outcome().visitWithElder()) {
            // No elder to record the visit for: the findings would be lost.
            throw new EscalationConflictException("escalation.unidentifiedNoVisit");
          }
          visit[0] =
              row.elderId() == null
                  ? null
                  : resolutionVisit.write(row, actor.username(), resolution, now);
          jdbc.update(
              "update escalation set state = 'RESOLVED', outcome = ?, resolution_visit_id = ?,"
                  + " resolved_by = ?, resolved_at = ?, updated_at = ? where id = ?",
              resolution.outcome().name(),
              visit[0],
              actor.username(),
              ts(now),
              ts(now),
              id);
          String notes = resolution.notes() == null ? "" : resolution.notes().strip();
          String outcome = Text.label("escalation.outcome." + resolution.outcome().name());
          Text detail =
              notes.isEmpty()
                  ? Text.of("case.resolved", outcome)
                  : Text.of("case.resolvedWithNotes", outcome, notes);
          cases.history(id, actor.username(), CaseAction.RESOLVED, detail, now);
          return new Change(id, CaseAction.RESOLVED);
        });
    return visit[0];
  }

  private boolean unidentified(long id) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from escalation where id = ? and elder_id is null", Integer.class, id);
    return n != null && n > 0;
  }

  /** The end of a cycle's last day, local time: a home-visit task's deadline. */
  public Instant endOf(LocalDate lastDay) {
    return deadlines.endOf(lastDay);
  }

  private static InvalidInputException invalid(FieldProblem p) {
    return new InvalidInputException("Escalation request", List.of(p));
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
