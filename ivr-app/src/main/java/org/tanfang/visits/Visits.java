package org.tanfang.visits;

import static org.tanfang.visits.VisitStatus.CANCELLED;
import static org.tanfang.visits.VisitStatus.DONE;
import static org.tanfang.visits.VisitStatus.IN_PROGRESS;
import static org.tanfang.visits.VisitStatus.UNREACHABLE;
import static org.tanfang.visits.VisitStatus.sqlFrom;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only writer of {@code visit}: the named moves of {@link VisitStatus}'s table and the columns
 * a call or a person fills in. Bulk planning is {@link VisitPlans}; attempts are {@link Attempts};
 * answers are {@link VisitAnswers}. Callers own their transactions.
 */
@Service
public class Visits {
  /** Visits created by staff test calls and the dev-mode demo caller: closed by the dialer. */
  private static final String SELF_CLOSING = "('test-call', 'demo-caller', 'inbound')";

  /** recorded_by of the one-off visit an elder's call into the line opens (self-closing). */
  public static final String INBOUND = "inbound";

  private final JdbcTemplate jdbc;
  private final Attempts attempts;

  Visits(JdbcTemplate jdbc, Attempts attempts) {
    this.jdbc = jdbc;
    this.attempts = attempts;
  }

  /** The visit as a call left it. */
  public record AfterCall(String outcome, boolean valid) {}

  /** A one-off phone visit placed by staff or the demo caller, planned now. */
  public long openOneOff(long elderId, String purpose, String recordedBy, Instant now) {
    return jdbc.queryForObject(
        """
        insert into visit (elder_id, kind, purpose, status, planned_at, recorded_by, created_at,
                           updated_at)
        values (?, 'PHONE', ?, 'PLANNED', ?, ?, ?, ?) returning id
        """,
        Long.class,
        elderId,
        purpose,
        ts(now),
        recordedBy,
        ts(now),
        ts(now));
  }

  /**
   * The visit an elder's call into the line counts for: the elder's planned routine phone visit of
   * the latest cycle when no call of it is being dialled or is up (its scheduled attempts are
   * cancelled, so the dialer does not call the elder meanwhile); else a one-off phone visit
   * recorded by {@link #INBOUND}, which closes itself.
   */
  @Transactional
  public long forInboundCall(long elderId, Instant now) {
    var planned =
        jdbc.queryForList(
            """
            select v.id from visit v
            where v.elder_id = ? and v.kind = 'PHONE' and v.purpose = 'ROUTINE'
              and v.status = 'PLANNED' and v.cycle_start is not null
              and not exists (select 1 from call_attempt a where a.visit_id = v.id
                              and a.status in ('DIALING', 'IN_CALL'))
            order by v.cycle_start desc limit 1 for update
            """,
            Long.class,
            elderId);
    if (!planned.isEmpty()) {
      attempts.cancelScheduled(planned.get(0), now);
      return planned.get(0);
    }
    return openOneOff(elderId, "ROUTINE", INBOUND, now);
  }

  /** The case's family-notification visit (never valid); empty when the case already has one. */
  public Optional<Long> openFamilyNotice(
      long elderId, long escalationId, String recordedBy, String notes, Instant now) {
    return jdbc
        .queryForList(
            """
            insert into visit (elder_id, kind, purpose, status, valid, planned_at, recorded_by,
                               notes, escalation_id, created_at, updated_at)
            values (?, 'PHONE', 'FAMILY_NOTICE', 'PLANNED', false, ?, ?, ?, ?, ?, ?)
            on conflict (escalation_id) where purpose = 'FAMILY_NOTICE' do nothing
            returning id
            """,
            Long.class,
            elderId,
            ts(now),
            recordedBy,
            notes,
            escalationId,
            ts(now),
            ts(now))
        .stream()
        .findFirst();
  }

  /**
   * A one-off visit whose call could not be placed after all (no free channel at the dial): its
   * attempts never dialled and the visit are deleted, so nothing half-written is left. Does nothing
   * to a visit that has moved on or has an attempt that was dialled.
   */
  public void withdrawUnplaced(long visitId) {
    attempts.withdrawUndialled(visitId);
    jdbc.update(
        "delete from visit v where v.id = ? and v.status = 'PLANNED' and v.recorded_by in "
            + SELF_CLOSING
            + " and not exists (select 1 from call_attempt a where a.visit_id = v.id)",
        visitId);
  }

  /** PLANNED → IN_PROGRESS: a call for the visit is placed or answered. */
  public void inProgress(long visitId, Instant now) {
    jdbc.update(
        "update visit set status = 'IN_PROGRESS', started_at = coalesce(started_at, ?),"
            + " updated_at = ? where id = ? and status in "
            + sqlFrom(IN_PROGRESS),
        ts(now),
        ts(now),
        visitId);
  }

  /**
   * The call attempt answered ({@link Attempts#answered}) and its visit in progress ({@link
   * #inProgress}), in one statement: one round trip for an AMI OriginateResponse instead of three.
   */
  public void answered(long visitId, long attemptId, int reason, Instant now) {
    jdbc.update(
        "with a as (update call_attempt set status = 'IN_CALL', result = 'ANSWERED',"
            + " originate_reason = ?, answered_at = ? where id = ? and status in "
            + AttemptStatus.sqlFrom(AttemptStatus.IN_CALL)
            + " returning id)"
            + " update visit set status = 'IN_PROGRESS', started_at = coalesce(started_at, ?),"
            + " updated_at = ? where id = ? and status in "
            + sqlFrom(IN_PROGRESS),
        reason,
        ts(now),
        attemptId,
        ts(now),
        ts(now),
        visitId);
  }

  /** {@link #inProgress} for a pacing pass's visits, one statement. */
  public void inProgress(java.util.Collection<Long> visitIds, Instant now) {
    if (visitIds.isEmpty()) {
      return;
    }
    jdbc.update(
        "update visit set status = 'IN_PROGRESS', started_at = coalesce(started_at, ?),"
            + " updated_at = ? where id = any (?) and status in "
            + sqlFrom(IN_PROGRESS),
        ts(now),
        ts(now),
        visitIds.toArray(Long[]::new));
  }

  /** The conversation began with that script (the visit is in progress from now). */
  public void conversationStarted(long visitId, String scriptId, Instant now) {
    jdbc.update(
        "update visit set script_id = ?, started_at = coalesce(started_at, ?), updated_at = ?,"
            + " status = case when status = 'PLANNED' then 'IN_PROGRESS' else status end"
            + " where id = ?",
        scriptId,
        ts(now),
        ts(now),
        visitId);
  }

  /** The conversation's outcome and whether it counts as a visit. */
  public void conversationEnded(long visitId, String outcome, boolean valid, Instant now) {
    jdbc.update(
        "update visit set outcome = ?, valid = ?, ended_at = ?, updated_at = ? where id = ?",
        outcome,
        valid,
        ts(now),
        ts(now),
        visitId);
  }

  /** A conversation's start, for {@link #conversationsStarted}. */
  public record Started(long visitId, String scriptId, Instant at) {}

  /** {@link #conversationStarted} for several, in one round trip (a JDBC batch, in order). */
  public void conversationsStarted(java.util.List<Started> started) {
    jdbc.batchUpdate(
        "update visit set script_id = ?, started_at = coalesce(started_at, ?), updated_at = ?,"
            + " status = case when status = 'PLANNED' then 'IN_PROGRESS' else status end"
            + " where id = ?",
        started.stream()
            .map(s -> new Object[] {s.scriptId(), ts(s.at()), ts(s.at()), s.visitId()})
            .toList());
  }

  /** A conversation's outcome, for {@link #conversationsEnded}. */
  public record Ended(long visitId, String outcome, boolean valid, Instant at) {}

  /** {@link #conversationEnded} for several, in one round trip (in order). */
  public void conversationsEnded(java.util.List<Ended> ended) {
    jdbc.batchUpdate(
        "update visit set outcome = ?, valid = ?, ended_at = ?, updated_at = ? where id = ?",
        ended.stream()
            .map(e -> new Object[] {e.outcome(), e.valid(), ts(e.at()), ts(e.at()), e.visitId()})
            .toList());
  }

  /**
   * After an attempt ended: a valid visit is DONE; test and demo visits close (DONE if answered,
   * else UNREACHABLE); any other open visit goes back to PLANNED for the scheduler to retry or give
   * up.
   */
  public AfterCall afterAttempt(long visitId, boolean answered, Instant now) {
    // One round trip: the row as updated, or as it is when it was closed already (the second
    // branch reads the statement's snapshot, which is the row only when the update left it).
    return jdbc.queryForObject(
        "with u as (update visit set status = case when valid then 'DONE'"
            + " when recorded_by in "
            + SELF_CLOSING
            + " then (case when ? then 'DONE' else 'UNREACHABLE' end)"
            + " else 'PLANNED' end,"
            + " ended_at = case when ? or recorded_by in "
            + SELF_CLOSING
            + " then ? else ended_at end,"
            + " updated_at = ? where id = ? and status in "
            + VisitStatus.in(java.util.EnumSet.of(VisitStatus.PLANNED, IN_PROGRESS))
            + " returning outcome, valid)"
            + " select outcome, valid from u"
            + " union all select outcome, valid from visit where id = ?"
            + " and not exists (select 1 from u)",
        (rs, i) -> new AfterCall(rs.getString("outcome"), rs.getBoolean("valid")),
        answered,
        answered,
        ts(now),
        ts(now),
        visitId,
        visitId);
  }

  /** A valid visit: DONE, and attempts still scheduled are cancelled. */
  public void done(long visitId, Instant now) {
    end(visitId, DONE, null, now);
  }

  /**
   * Robocalls had their chance: UNREACHABLE, handed to a person ({@code escalated_at}), scheduled
   * attempts cancelled.
   */
  public void unreachable(long visitId, String reason, Instant now) {
    attempts.cancelScheduled(visitId, now);
    jdbc.update(
        "update visit set status = 'UNREACHABLE', escalated_at = ?,"
            + " ended_at = coalesce(ended_at, ?), notes = ?, updated_at = ?"
            + " where id = ? and status in "
            + sqlFrom(UNREACHABLE),
        ts(now),
        ts(now),
        cut(reason, 1000),
        ts(now),
        visitId);
  }

  /** A home-visit task handed to a person without a change of state. */
  public void escalated(long visitId, Instant now) {
    jdbc.update(
        "update visit set escalated_at = ?, updated_at = ? where id = ?",
        ts(now),
        ts(now),
        visitId);
  }

  /** Closes an open visit in {@code to} (DONE, UNREACHABLE or CANCELLED) with optional notes. */
  public void end(long visitId, VisitStatus to, String notes, Instant now) {
    if (to.open()) {
      throw new IllegalArgumentException("Not an end state: " + to);
    }
    attempts.cancelScheduled(visitId, now);
    jdbc.update(
        "update visit set status = ?, ended_at = coalesce(ended_at, ?),"
            + " notes = coalesce(?, notes), updated_at = ? where id = ? and status in "
            + sqlFrom(to),
        to.name(),
        ts(now),
        cut(notes, 1000),
        ts(now),
        visitId);
  }

  /**
   * The case was resolved: its family notification stops. Calls not yet placed are cancelled; a
   * call under way finishes and the step after it sees the case resolved.
   */
  public void cancelFamilyNotice(long escalationId, String notes, Instant now) {
    attempts.cancelScheduledOfFamilyNotice(escalationId, now);
    jdbc.update(
        "update visit v set status = 'CANCELLED', notes = ?, ended_at = coalesce(ended_at, ?),"
            + " updated_at = ? where escalation_id = ? and purpose = 'FAMILY_NOTICE'"
            + " and status in "
            + sqlFrom(CANCELLED)
            + " and not exists (select 1 from call_attempt a where a.visit_id = v.id"
            + " and a.status in "
            + Attempts.liveStates()
            + ")",
        notes,
        ts(now),
        ts(now),
        escalationId);
  }

  /** Paused and deceased elders get nothing: their open visits and attempts are cancelled. */
  public int cancelForInactiveElders(Instant now) {
    attempts.cancelScheduledOfInactiveElders(now);
    return jdbc.update(
        "update visit v set status = 'CANCELLED', updated_at = ? from elder e"
            + " where e.id = v.elder_id and e.status <> 'ACTIVE' and v.status in "
            + sqlFrom(CANCELLED)
            + " and not exists (select 1 from call_attempt a where a.visit_id = v.id"
            + " and a.status in "
            + Attempts.liveStates()
            + ")",
        ts(now));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
