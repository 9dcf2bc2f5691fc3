package org.tanfang.dialer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dialer's reads and writes of {@code call_attempt} (and the visit columns a call changes).
 * Every state change is a conditional update, so two nodes or a late event cannot undo each other.
 */
@Repository
class CallAttempts {
  /** Visits created by staff test calls and the dev-mode demo caller: closed by the dialer. */
  static final String SELF_CLOSING = "('test-call', 'demo-caller')";

  /** An attempt this node just claimed for dialling; purpose is its visit's. */
  record Claimed(long id, long visitId, long elderId, String phone, String purpose) {}

  /** An attempt found by its channel id. */
  record Tracked(long id, long visitId, long elderId, String status, Integer hangupCause) {}

  /** The visit as the call left it. */
  record VisitState(String outcome, boolean valid) {}

  private final JdbcTemplate jdbc;

  CallAttempts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * SCHEDULED → DIALING, or takes over an attempt the scheduler's pacer has already claimed
   * (DIALING without a channel yet); empty when the attempt is missing or taken.
   */
  Optional<Claimed> claim(long id, String pbx, String channelId, String node, Instant now) {
    int n =
        jdbc.update(
            "update call_attempt set status = 'DIALING', pbx = ?, channel_id = ?, claimed_by = ?,"
                + " dialed_at = ? where id = ?"
                + " and (status = 'SCHEDULED' or (status = 'DIALING' and channel_id is null))",
            pbx,
            channelId,
            node,
            ts(now),
            id);
    if (n == 0) {
      return Optional.empty();
    }
    return Optional.of(
        jdbc.queryForObject(
            "select a.id, a.visit_id, v.elder_id, a.phone, v.purpose from call_attempt a"
                + " join visit v on v.id = a.visit_id where a.id = ?",
            (rs, i) ->
                new Claimed(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("phone"),
                    rs.getString("purpose")),
            id));
  }

  /** Channels this PBX carries now, over all nodes: call attempts and staff call-backs. */
  int busy(String pbx) {
    Integer n =
        jdbc.queryForObject(
            "select (select count(*) from call_attempt where pbx = ?"
                + " and status in ('DIALING', 'IN_CALL'))"
                + " + (select coalesce(sum(channels), 0) from staff_call where pbx = ?"
                + " and status in ('DIALING', 'IN_CALL'))",
            Integer.class,
            pbx,
            pbx);
    return n == null ? 0 : n;
  }

  Optional<Tracked> byChannel(String channelId) {
    return jdbc
        .query(
            "select a.id, a.visit_id, v.elder_id, a.status, a.hangup_cause from call_attempt a"
                + " join visit v on v.id = a.visit_id where a.channel_id = ?",
            (rs, i) ->
                new Tracked(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("status"),
                    (Integer) rs.getObject("hangup_cause")),
            channelId)
        .stream()
        .findFirst();
  }

  Optional<Tracked> byId(long id) {
    return jdbc
        .query(
            "select a.id, a.visit_id, v.elder_id, a.status, a.hangup_cause from call_attempt a"
                + " join visit v on v.id = a.visit_id where a.id = ?",
            (rs, i) ->
                new Tracked(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("status"),
                    (Integer) rs.getObject("hangup_cause")),
            id)
        .stream()
        .findFirst();
  }

  /**
   * Whether the attempt belongs to a visit the scheduler planned (not a staff or demo call, nor a
   * family notification, which the escalation feature follows itself).
   */
  boolean planned(long id) {
    Boolean planned =
        jdbc.queryForObject(
            "select v.recorded_by is null and v.purpose <> 'FAMILY_NOTICE' from call_attempt a"
                + " join visit v on v.id = a.visit_id where a.id = ?",
            Boolean.class,
            id);
    return Boolean.TRUE.equals(planned);
  }

  /** Gives a pacer-claimed attempt back (no channel was free after all): due again at once. */
  void release(long id) {
    jdbc.update(
        "update call_attempt set status = 'SCHEDULED', claimed_by = null"
            + " where id = ? and status = 'DIALING' and channel_id is null",
        id);
  }

  /** DIALING → IN_CALL/ANSWERED, and the visit is in progress. */
  boolean answered(Tracked a, int reason, Instant now) {
    int n =
        jdbc.update(
            "update call_attempt set status = 'IN_CALL', result = 'ANSWERED', originate_reason = ?,"
                + " answered_at = ? where id = ? and status = 'DIALING'",
            reason,
            ts(now),
            a.id());
    jdbc.update(
        "update visit set status = 'IN_PROGRESS', started_at = coalesce(started_at, ?),"
            + " updated_at = ? where id = ? and status = 'PLANNED'",
        ts(now),
        ts(now),
        a.visitId());
    return n == 1;
  }

  void hangupCause(long id, int cause, String text) {
    jdbc.update(
        "update call_attempt set hangup_cause = ?, hangup_cause_text = ? where id = ?",
        cause,
        text == null || text.length() <= 80 ? text : text.substring(0, 80),
        id);
  }

  /** DIALING/IN_CALL → ENDED; false when the attempt was already ended (idempotent). */
  boolean end(long id, AttemptResult result, Integer reason, Instant now) {
    return jdbc.update(
            "update call_attempt set status = 'ENDED', result = ?,"
                + " originate_reason = coalesce(originate_reason, ?), ended_at = ?"
                + " where id = ? and status in ('DIALING', 'IN_CALL')",
            result.name(),
            reason,
            ts(now),
            id)
        == 1;
  }

  /**
   * After the attempt: a valid visit is DONE; test and demo visits are closed (DONE if answered,
   * else UNREACHABLE); any other visit goes back to PLANNED for the scheduler to retry or give up.
   */
  VisitState closeVisit(long visitId, boolean answered, Instant now) {
    jdbc.update(
        "update visit set status = case when valid then 'DONE'"
            + " when recorded_by in "
            + SELF_CLOSING
            + " then (case when ? then 'DONE' else 'UNREACHABLE' end)"
            + " else 'PLANNED' end,"
            + " ended_at = case when ? or recorded_by in "
            + SELF_CLOSING
            + " then ? else ended_at end,"
            + " updated_at = ? where id = ? and status in ('PLANNED', 'IN_PROGRESS')",
        answered,
        answered,
        ts(now),
        ts(now),
        visitId);
    return jdbc.queryForObject(
        "select outcome, valid from visit where id = ?",
        (rs, i) -> new VisitState(rs.getString("outcome"), rs.getBoolean("valid")),
        visitId);
  }

  List<Long> dialingSince(Instant before) {
    return jdbc.queryForList(
        "select id from call_attempt where status = 'DIALING' and dialed_at < ?",
        Long.class,
        ts(before));
  }

  List<Long> inCallSince(Instant before) {
    return jdbc.queryForList(
        "select id from call_attempt where status = 'IN_CALL' and answered_at < ?",
        Long.class,
        ts(before));
  }

  static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
