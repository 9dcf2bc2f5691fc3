package org.tanfang.visits;

import static org.tanfang.visits.AttemptStatus.CANCELLED;
import static org.tanfang.visits.AttemptStatus.DIALING;
import static org.tanfang.visits.AttemptStatus.ENDED;
import static org.tanfang.visits.AttemptStatus.IN_CALL;
import static org.tanfang.visits.AttemptStatus.SCHEDULED;
import static org.tanfang.visits.AttemptStatus.sqlFrom;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The only writer of {@code call_attempt}: every named move of {@link AttemptStatus}'s table, each
 * one conditional update guarded by the states the move may start from. Callers own their
 * transactions.
 */
@Service
public class Attempts {
  private final JdbcTemplate jdbc;

  Attempts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What a new attempt dials and when. */
  public record NewAttempt(
      long visitId, int attemptNo, String phone, int phoneIndex, int priority, Instant due) {}

  /** Adds a SCHEDULED attempt; returns its id. */
  public long add(NewAttempt a, Instant now) {
    return jdbc.queryForObject(
        """
        insert into call_attempt (visit_id, attempt_no, phone, phone_index, priority, due_at, status,
                                  created_at)
        values (?, ?, ?, ?, ?, ?, 'SCHEDULED', ?) returning id
        """,
        Long.class,
        a.visitId(),
        a.attemptNo(),
        a.phone(),
        a.phoneIndex(),
        a.priority(),
        ts(a.due()),
        ts(now));
  }

  /**
   * An elder's call into the line, identified as this visit's elder: an attempt nobody dials,
   * already IN_CALL (direction IN), numbered after the visit's other attempts.
   */
  public long addInbound(long visitId, String phone, String node, Instant now) {
    return jdbc.queryForObject(
        """
        insert into call_attempt (visit_id, attempt_no, phone, phone_index, priority, due_at, status,
                                  direction, claimed_by, dialed_at, answered_at, created_at)
        values (?, (select coalesce(max(attempt_no), 0) + 1 from call_attempt where visit_id = ?),
                ?, 0, 0, ?, 'IN_CALL', 'IN', ?, ?, ?, ?) returning id
        """,
        Long.class,
        visitId,
        visitId,
        phone,
        ts(now),
        node,
        ts(now),
        ts(now),
        ts(now));
  }

  /**
   * The pacer's claim: up to {@code limit} due attempts, highest priority first, SCHEDULED →
   * DIALING in one statement ({@code for update skip locked}), so two nodes never take the same.
   */
  public List<Long> claimDue(String node, Instant now, int limit) {
    return jdbc.queryForList(
        // The due rows are picked once (a materialized CTE): in "where id in (select … limit ?
        // for update skip locked)" the planner may rescan the subquery per row, and each rescan
        // skips the rows just locked and returns others — PacingTest saw 13 claimed for 4 free
        // channels. The ids come back in claiming order.
        """
        with due as materialized (
            select id from call_attempt
             where status = 'SCHEDULED' and due_at <= ?
             order by priority desc, due_at, id
             limit ? for update skip locked),
        claimed as (
            update call_attempt a set status = 'DIALING', claimed_by = ?, dialed_at = ?
              from due where a.id = due.id
            returning a.id, a.priority, a.due_at)
        select id from claimed order by priority desc, due_at, id
        """,
        Long.class,
        ts(now),
        limit,
        node,
        ts(now));
  }

  /**
   * The dialer's claim with the channel it opens: SCHEDULED → DIALING, or taking over an attempt
   * the pacer claimed (DIALING without a channel yet). False when missing or taken.
   */
  public boolean claimChannel(long id, String pbx, String channelId, String node, Instant now) {
    return jdbc.update(
            "update call_attempt set status = 'DIALING', pbx = ?, channel_id = ?, claimed_by = ?,"
                + " dialed_at = ? where id = ?"
                + " and (status = 'SCHEDULED' or (status = 'DIALING' and channel_id is null))",
            pbx,
            channelId,
            node,
            ts(now),
            id)
        == 1;
  }

  /** The channel a dialer opens for one claimed attempt, on one PBX. */
  public record ChannelClaim(long id, String pbx, String channelId) {}

  /**
   * {@link #claimChannel} for a whole pacing pass in one statement: each attempt SCHEDULED →
   * DIALING or taken over from the pacer's claim, with its PBX and channel. Returns the ids
   * claimed; the others were missing or taken.
   */
  public List<Long> claimChannels(List<ChannelClaim> claims, String node, Instant now) {
    if (claims.isEmpty()) {
      return List.of();
    }
    return jdbc.queryForList(
        """
        update call_attempt a set status = 'DIALING', pbx = c.pbx, channel_id = c.channel_id,
               claimed_by = ?, dialed_at = ?
        from unnest(?::bigint[], ?::text[], ?::text[]) as c(id, pbx, channel_id)
        where a.id = c.id
          and (a.status = 'SCHEDULED' or (a.status = 'DIALING' and a.channel_id is null))
        returning a.id
        """,
        Long.class,
        node,
        ts(now),
        claims.stream().map(ChannelClaim::id).toArray(Long[]::new),
        claims.stream().map(ChannelClaim::pbx).toArray(String[]::new),
        claims.stream().map(ChannelClaim::channelId).toArray(String[]::new));
  }

  /** A claim given back before any dial (no free channel after all): due again at once. */
  public void release(long id) {
    jdbc.update(
        "update call_attempt set status = 'SCHEDULED', claimed_by = null"
            + " where id = ? and status = 'DIALING' and channel_id is null",
        id);
  }

  /** A claimed attempt outside its call windows waits for the next allowed instant. */
  public void reschedule(long id, Instant at) {
    jdbc.update(
        "update call_attempt set status = 'SCHEDULED', claimed_by = null, due_at = ?"
            + " where id = ? and status in "
            + sqlFrom(SCHEDULED),
        ts(at),
        id);
  }

  /** A scheduled attempt not yet claimed gets another due time (an elder's call window changed). */
  public void moveDue(long id, Instant at) {
    jdbc.update(
        "update call_attempt set due_at = ? where id = ? and status = 'SCHEDULED'", ts(at), id);
  }

  /** DIALING → IN_CALL: the callee answered. */
  public boolean answered(long id, int reason, Instant now) {
    return jdbc.update(
            "update call_attempt set status = 'IN_CALL', result = 'ANSWERED', originate_reason = ?,"
                + " answered_at = ? where id = ? and status in "
                + sqlFrom(IN_CALL),
            reason,
            ts(now),
            id)
        == 1;
  }

  /** The hang-up cause as the PBX reported it (no state change). */
  public void hangupCause(long id, int cause, String text) {
    jdbc.update(
        "update call_attempt set hangup_cause = ?, hangup_cause_text = ? where id = ?",
        cause,
        text == null || text.length() <= 80 ? text : text.substring(0, 80),
        id);
  }

  /**
   * The PBX hung the call up (its main channel): the attempt keeps its state until it ends, but no
   * longer holds a channel ({@code hung_up_at}). The first hang-up counts; an ended attempt is
   * left.
   */
  public void hungUp(long id, Integer cause, String text, Instant now) {
    if (cause == null) {
      jdbc.update(
          "update call_attempt set hung_up_at = ? where id = ? and hung_up_at is null"
              + " and status in ('DIALING', 'IN_CALL')",
          ts(now),
          id);
      return;
    }
    // With the hang-up cause ({@link #hangupCause}) in the same statement: one round trip.
    jdbc.update(
        "update call_attempt set hangup_cause = ?, hangup_cause_text = ?,"
            + " hung_up_at = case when hung_up_at is null and status in ('DIALING', 'IN_CALL')"
            + " then ? else hung_up_at end where id = ?",
        cause,
        text == null || text.length() <= 80 ? text : text.substring(0, 80),
        ts(now),
        id);
  }

  /**
   * What the line said instead of the elder (a carrier announcement, a voicemail greeting), found
   * while the call is live: the attempt will end with {@code result} whatever the channel reports.
   * False when the attempt is no longer live (it ended meanwhile).
   */
  public boolean detected(long id, String result, Evidence evidence) {
    return jdbc.update(
            "update call_attempt set detected_result = ?, evidence_transcript = ?,"
                + " evidence_seconds = ?, evidence_source = ? where id = ? and status in "
                + sqlFrom(ENDED),
            result,
            evidence.transcriptClipped(),
            evidence.seconds(),
            evidence.source(),
            id)
        == 1;
  }

  /**
   * The evidence of a carrier result (README "Carrier announcements, voicemail and storms").
   *
   * @param transcript the recognised words, or null (decided by the cause alone)
   * @param seconds seconds of listening before the decision, or null
   * @param source SPEECH, CAUSE, SPEECH_CAUSE or ENERGY
   */
  public record Evidence(String transcript, Double seconds, String source) {
    String transcriptClipped() {
      return transcript == null || transcript.length() <= 300
          ? transcript
          : transcript.substring(0, 300);
    }
  }

  /**
   * DIALING/IN_CALL → ENDED with its result (the detected one when the call flow found one); false
   * when it had already ended (idempotent).
   */
  public boolean end(long id, String result, Integer reason, Instant now) {
    return jdbc.update(
            "update call_attempt set status = 'ENDED', result = coalesce(detected_result, ?),"
                + " originate_reason = coalesce(originate_reason, ?), ended_at = ?"
                + " where id = ? and status in "
                + sqlFrom(ENDED),
            result,
            reason,
            ts(now),
            id)
        == 1;
  }

  /**
   * Ended attempts whose failure was the network's (a storm on their PBX): not counted against the
   * elder's retries. Returns how many were newly marked.
   */
  public int networkFailure(List<Long> ids) {
    int n = 0;
    for (long id : ids) {
      n +=
          jdbc.update(
              "update call_attempt set network_failure = true"
                  + " where id = ? and status = 'ENDED' and not network_failure",
              id);
    }
    return n;
  }

  /** One attempt that will not be dialled (its visit closed meanwhile, or no channel). */
  public void cancel(long id, Instant now) {
    jdbc.update(
        "update call_attempt set status = 'CANCELLED', ended_at = ? where id = ? and status in "
            + sqlFrom(CANCELLED),
        ts(now),
        id);
  }

  /**
   * Deletes the visit's attempts never dialled, when none of them was ({@link
   * Visits#withdrawUnplaced}).
   */
  void withdrawUndialled(long visitId) {
    jdbc.update(
        "delete from call_attempt where visit_id = ? and status = 'SCHEDULED' and not exists"
            + " (select 1 from call_attempt o where o.visit_id = ? and o.status <> 'SCHEDULED')",
        visitId,
        visitId);
  }

  /** Every attempt of the visit still waiting to be dialled. */
  public void cancelScheduled(long visitId, Instant now) {
    jdbc.update(
        "update call_attempt set status = 'CANCELLED', ended_at = ?"
            + " where visit_id = ? and status = 'SCHEDULED'",
        ts(now),
        visitId);
  }

  /** Attempts waiting for elders who are no longer ACTIVE (paused, deceased). */
  int cancelScheduledOfInactiveElders(Instant now) {
    return jdbc.update(
        """
        update call_attempt a set status = 'CANCELLED', ended_at = ?
        from visit v join elder e on e.id = v.elder_id
        where a.visit_id = v.id and a.status = 'SCHEDULED' and e.status <> 'ACTIVE'
          and v.status in ('PLANNED', 'IN_PROGRESS')
        """,
        ts(now));
  }

  /** Attempts of the case's family notification not yet placed. */
  int cancelScheduledOfFamilyNotice(long escalationId, Instant now) {
    return jdbc.update(
        """
        update call_attempt set status = 'CANCELLED', ended_at = ?
        where status = 'SCHEDULED' and visit_id in
              (select id from visit where escalation_id = ? and purpose = 'FAMILY_NOTICE')
        """,
        ts(now),
        escalationId);
  }

  static String liveStates() {
    return AttemptStatus.in(java.util.EnumSet.of(DIALING, IN_CALL));
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
