package org.tanfang.escalation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.escalation.CaseLog.Change;
import org.tanfang.shared.Text;

/**
 * What the application itself reports onto a case without a person's decision: who answered the
 * live transfer, that nobody did, what the family said on the notification call, a call placed.
 * Each is one {@link CaseLog#change}.
 */
@Service
public class CaseSignals {
  private final JdbcTemplate jdbc;
  private final CaseLog cases;
  private final EscalationProperties props;
  private final Clock clock;

  CaseSignals(JdbcTemplate jdbc, CaseLog cases, EscalationProperties props, Clock clock) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.props = props;
    this.clock = clock;
  }

  /** What the family said on the notification call. */
  public enum FamilyStatus {
    CALLING,
    CONFIRMED_SAFE,
    VISIT_REQUESTED,
    NO_ANSWER;

    CaseAction action() {
      return CaseAction.valueOf("FAMILY_" + name());
    }
  }

  /** The open DISTRESS case raised by that call, if any. */
  public Optional<Long> openDistressFor(long attemptId) {
    return jdbc
        .queryForList(
            """
            select e.id from escalation e
            join visit v on v.elder_id = e.elder_id
            join call_attempt a on a.visit_id = v.id
            where a.id = ? and e.type = 'DISTRESS' and e.state <> 'RESOLVED'
            """,
            Long.class,
            attemptId)
        .stream()
        .findFirst();
  }

  /** The live transfer was answered in the staff queue by {@code member}. */
  public void transferAnswered(long id, String member) {
    Instant now = clock.instant();
    cases.change(
        () -> {
          cases.lock(id);
          jdbc.update(
              "update escalation set answered_by = ?, urgent_callback = false, updated_at = ?"
                  + " where id = ?",
              CaseLog.cut(member, 80),
              ts(now),
              id);
          cases.history(
              id, CaseLog.SYSTEM, CaseAction.ANSWERED, Text.of("case.answered", member), now);
          return new Change(id, CaseAction.ANSWERED);
        });
  }

  /** Nobody in the staff queue answered in time (queue result TIMEOUT). */
  public boolean transferUnanswered(long id) {
    return transferUnanswered(id, CaseAction.QUEUE_TIMEOUT, Text.of("case.queueResult", "TIMEOUT"));
  }

  /**
   * Nobody in the staff queue answered in time, or the elder hung up while waiting: {@code why}
   * (the queue result or the abandon, with {@code detail}) and NO_ANSWER are recorded and the case
   * marked for an urgent call-back, once per transfer: app_queue reports a timeout twice (its
   * QueueCallerAbandon and the dialplan's transfer-unanswered script), and only the first counts.
   * False when the case was already marked.
   */
  public boolean transferUnanswered(long id, CaseAction why, Text detail) {
    Instant now = clock.instant();
    return cases.change(
            () -> {
              cases.lock(id);
              int marked =
                  jdbc.update(
                      "update escalation set urgent_callback = true, priority = priority + ?,"
                          + " updated_at = ? where id = ? and not urgent_callback",
                      props.urgentPriorityBoost(),
                      ts(now),
                      id);
              if (marked == 0) {
                return null;
              }
              cases.history(id, CaseLog.SYSTEM, why, detail, now);
              cases.history(
                  id,
                  CaseLog.SYSTEM,
                  CaseAction.NO_ANSWER,
                  Text.of("case.transferUnanswered"),
                  now);
              return new Change(id, CaseAction.NO_ANSWER);
            })
        != -1;
  }

  /** What the family notification call learned (a person still closes the case). */
  public void familyStatus(long id, FamilyStatus status, Text detail) {
    Instant now = clock.instant();
    cases.change(
        () -> {
          cases.lock(id);
          jdbc.update(
              "update escalation set family_status = ?, updated_at = ?,"
                  + " priority = priority + ? where id = ?",
              status.name(),
              ts(now),
              status == FamilyStatus.VISIT_REQUESTED ? props.urgentPriorityBoost() : 0,
              id);
          cases.history(id, CaseLog.SYSTEM, status.action(), detail, now);
          return new Change(id, status.action());
        });
  }

  /** Appends a history row without changing the case (e.g. a click-to-call placed). */
  public void record(long id, String actor, CaseAction action, Text detail) {
    Instant now = clock.instant();
    cases.change(
        () -> {
          cases.lock(id);
          cases.touch(id, now);
          cases.history(id, actor, action, detail, now);
          return new Change(id, action);
        });
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
