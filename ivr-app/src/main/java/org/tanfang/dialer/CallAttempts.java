package org.tanfang.dialer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/**
 * The dialer's reads of {@code call_attempt}; its state changes go to the owner of the visit tables
 * ({@link Attempts}, {@link Visits}), whose updates are conditional, so two nodes or a late event
 * cannot undo each other.
 */
@Repository
class CallAttempts {
  /** An attempt this node just claimed for dialling; purpose is its visit's. */
  record Claimed(
      long id, long visitId, long elderId, String phone, String purpose, String dialect) {}

  /** An attempt found by its channel id. */
  /**
   * An attempt as the AMI event handlers see it; {@code node} is the node that claimed it ({@code
   * claimed_by}): the one that dialled it and runs its conversation.
   */
  record Tracked(
      long id,
      long visitId,
      long elderId,
      String status,
      Integer hangupCause,
      String result,
      String node) {

    /**
     * Whether {@code self} follows this attempt's AMI events: every node connected to a PBX hears
     * every call's events, and only the node that claimed the attempt (dialled it and runs its
     * conversation) acts on them. Another node ending it at the Hangup would close the visit before
     * the conversation's outcome is written (two-node load benchmark: 720 visits left PLANNED with
     * a COMPLETED outcome). An attempt claimed by no node is followed by all; a dead node's calls
     * are ended by its start-up reconcile or the sweep.
     */
    boolean followedBy(String self) {
      return node == null || node.equals(self);
    }
  }

  /**
   * The PostgreSQL advisory lock (transaction-scoped) under which a node counts the busy channels
   * and gives channels to attempts: two nodes never both fill the same free channels.
   */
  static final long CHANNEL_LOCK = 0x74616e6667L; // "tanfg"

  private final JdbcTemplate jdbc;
  private final Attempts attempts;
  private final Visits visits;
  private final TransactionTemplate tx;

  CallAttempts(
      JdbcTemplate jdbc,
      Attempts attempts,
      Visits visits,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.attempts = attempts;
    this.visits = visits;
    this.tx = new TransactionTemplate(transactions);
  }

  /**
   * Runs {@code work} in one transaction holding {@link #CHANNEL_LOCK}: counting the busy channels
   * and claiming them is atomic over all nodes (the lock is held for a few statements, not for the
   * calls).
   */
  <T> T underChannelLock(java.util.function.Supplier<T> work) {
    return tx.execute(
        status -> {
          jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, CHANNEL_LOCK);
          return work.get();
        });
  }

  /**
   * Runs {@code work} in one transaction: an AMI event's writes, so one the database fails midway
   * is applied again whole ({@link AmiEventQueue}).
   */
  <T> T inTransaction(java.util.function.Supplier<T> work) {
    return tx.execute(status -> work.get());
  }

  /**
   * Busy channels per PBX over all nodes (call attempts and staff call-backs), one statement. An
   * attempt the PBX hung up ({@code hung_up_at}) holds no channel, even while it waits for its
   * conversation's writes before it ends.
   */
  java.util.Map<String, Integer> busyByPbx() {
    java.util.Map<String, Integer> busy = new java.util.HashMap<>();
    jdbc.query(
        "select pbx, sum(n)::int as n from ("
            + " select pbx, count(*) as n from call_attempt"
            + " where status in ('DIALING', 'IN_CALL') and hung_up_at is null"
            + " and pbx is not null group by pbx"
            + " union all select pbx, coalesce(sum(channels), 0) from staff_call"
            + " where status in ('DIALING', 'IN_CALL') and pbx is not null group by pbx) b"
            + " group by pbx",
        rs -> {
          busy.put(rs.getString("pbx"), rs.getInt("n"));
        });
    return busy;
  }

  /** Busy channels per PBX over all nodes, and those of them that are one node's call attempts. */
  record Busy(java.util.Map<String, Integer> all, java.util.Map<String, Integer> node) {}

  /** {@link #busyByPbx()} with {@code node}'s own call attempts per PBX, in the same statement. */
  Busy busyByPbx(String node) {
    java.util.Map<String, Integer> all = new java.util.HashMap<>();
    java.util.Map<String, Integer> own = new java.util.HashMap<>();
    jdbc.query(
        "select pbx, sum(n)::int as n, sum(own)::int as own from ("
            + " select pbx, count(*) as n, count(*) filter (where claimed_by = ?) as own"
            + " from call_attempt where status in ('DIALING', 'IN_CALL') and pbx is not null"
            + " group by pbx"
            + " union all select pbx, coalesce(sum(channels), 0), 0 from staff_call"
            + " where status in ('DIALING', 'IN_CALL') and pbx is not null group by pbx) b"
            + " group by pbx",
        rs -> {
          all.put(rs.getString("pbx"), rs.getInt("n"));
          own.put(rs.getString("pbx"), rs.getInt("own"));
        },
        node);
    return new Busy(all, own);
  }

  /** {@link #claim} for a pass: the attempts claimed, with what the Originate needs. */
  List<Claimed> claimAll(List<Attempts.ChannelClaim> claims, String node, Instant now) {
    List<Long> ids = attempts.claimChannels(claims, node, now);
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "select a.id, a.visit_id, v.elder_id, a.phone, v.purpose, e.dialect"
            + " from call_attempt a join visit v on v.id = a.visit_id"
            + " join elder e on e.id = v.elder_id where a.id = any (?)",
        (rs, i) ->
            new Claimed(
                rs.getLong("id"),
                rs.getLong("visit_id"),
                rs.getLong("elder_id"),
                rs.getString("phone"),
                rs.getString("purpose"),
                rs.getString("dialect")),
        (Object) ids.toArray(Long[]::new));
  }

  /**
   * SCHEDULED → DIALING, or takes over an attempt the scheduler's pacer has already claimed
   * (DIALING without a channel yet); empty when the attempt is missing or taken.
   */
  Optional<Claimed> claim(long id, String pbx, String channelId, String node, Instant now) {
    if (!attempts.claimChannel(id, pbx, channelId, node, now)) {
      return Optional.empty();
    }
    return Optional.of(
        jdbc.queryForObject(
            "select a.id, a.visit_id, v.elder_id, a.phone, v.purpose, e.dialect"
                + " from call_attempt a join visit v on v.id = a.visit_id"
                + " join elder e on e.id = v.elder_id where a.id = ?",
            (rs, i) ->
                new Claimed(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("phone"),
                    rs.getString("purpose"),
                    rs.getString("dialect")),
            id));
  }

  /** Channels this PBX carries now, over all nodes: call attempts and staff call-backs. */
  int busy(String pbx) {
    Integer n =
        jdbc.queryForObject(
            "select (select count(*) from call_attempt where pbx = ?"
                + " and status in ('DIALING', 'IN_CALL') and hung_up_at is null)"
                + " + (select coalesce(sum(channels), 0) from staff_call where pbx = ?"
                + " and status in ('DIALING', 'IN_CALL'))",
            Integer.class,
            pbx,
            pbx);
    return n == null ? 0 : n;
  }

  /** Attempts this node dialled that are still ringing or in a call. */
  int busyOnNode(String node) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from call_attempt where claimed_by = ? and channel_id is not null"
                + " and status in ('DIALING', 'IN_CALL')",
            Integer.class,
            node);
    return n == null ? 0 : n;
  }

  Optional<Tracked> byChannel(String channelId) {
    return jdbc
        .query(
            "select a.id, a.visit_id, v.elder_id, a.status, a.hangup_cause, a.result,"
                + " a.claimed_by"
                + " from call_attempt a"
                + " join visit v on v.id = a.visit_id where a.channel_id = ?",
            (rs, i) ->
                new Tracked(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("status"),
                    (Integer) rs.getObject("hangup_cause"),
                    rs.getString("result"),
                    rs.getString("claimed_by")),
            channelId)
        .stream()
        .findFirst();
  }

  Optional<Tracked> byId(long id) {
    return jdbc
        .query(
            "select a.id, a.visit_id, v.elder_id, a.status, a.hangup_cause, a.result,"
                + " a.claimed_by"
                + " from call_attempt a"
                + " join visit v on v.id = a.visit_id where a.id = ?",
            (rs, i) ->
                new Tracked(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("status"),
                    (Integer) rs.getObject("hangup_cause"),
                    rs.getString("result"),
                    rs.getString("claimed_by")),
            id)
        .stream()
        .findFirst();
  }

  /** An attempt just ended, with what its {@link AttemptEnded} carries. */
  record Ended(
      long id,
      long visitId,
      long elderId,
      String result,
      Integer hangupCause,
      String pbx,
      boolean planned) {}

  /**
   * The attempt just ended, in one read: its visit, result and cause, its PBX (for the storm's
   * window) and whether its visit is the scheduler's ({@link #PLANNED}), so the listeners of {@link
   * AttemptEnded} need not read them again one by one.
   */
  Ended ended(long id) {
    return jdbc.queryForObject(
        "select a.id, a.visit_id, v.elder_id, a.result, a.hangup_cause, a.pbx, "
            + PLANNED
            + " as planned from call_attempt a join visit v on v.id = a.visit_id where a.id = ?",
        (rs, i) ->
            new Ended(
                rs.getLong("id"),
                rs.getLong("visit_id"),
                rs.getLong("elder_id"),
                rs.getString("result"),
                (Integer) rs.getObject("hangup_cause"),
                rs.getString("pbx"),
                rs.getBoolean("planned")),
        id);
  }

  /**
   * Whether the attempt's visit is one the scheduler planned (not a staff or demo call, nor a
   * case's family notification, which the escalation feature follows itself; a weather alert's call
   * to a contact is the scheduler's), on {@code call_attempt a} joined with {@code visit v}.
   */
  private static final String PLANNED =
      "(v.recorded_by is null"
          + " and (v.purpose <> 'FAMILY_NOTICE' or v.special_round_id is not null))";

  /** Gives a pacer-claimed attempt back (no channel was free after all): due again at once. */
  void release(long id) {
    attempts.release(id);
  }

  /** DIALING → IN_CALL/ANSWERED, and the visit is in progress (one statement). */
  void answered(Tracked a, int reason, Instant now) {
    visits.answered(a.visitId(), a.id(), reason, now);
  }

  void hangupCause(long id, int cause, String text) {
    attempts.hangupCause(id, cause, text);
  }

  /**
   * The PBX hung the call up: its channel is free, whatever the attempt's state; {@code cause}
   * (null: keep the one known) is recorded in the same statement.
   */
  void hungUp(long id, Integer cause, String text, Instant now) {
    attempts.hungUp(id, cause, text, now);
  }

  /** DIALING/IN_CALL → ENDED; false when the attempt was already ended (idempotent). */
  boolean end(long id, AttemptResult result, Integer reason, Instant now) {
    return attempts.end(id, result.name(), reason, now);
  }

  /** After the attempt: see {@link Visits#afterAttempt}. */
  Visits.AfterCall closeVisit(long visitId, boolean answered, Instant now) {
    return visits.afterAttempt(visitId, answered, now);
  }

  /** A call of a PBX that is dialling or up, with its channel id. */
  record Live(long id, String channelId, String status, Integer hangupCause) {}

  /** DIALING/IN_CALL attempts of {@code pbx} dialled at or before {@code before}. */
  /** The channel ids among {@code live} whose attempt has ended with {@code reason}. */
  List<String> endedButLive(java.util.Collection<String> live, String reason) {
    if (live.isEmpty()) {
      return List.of();
    }
    return jdbc.queryForList(
        "select channel_id from call_attempt where channel_id = any (?) and status = 'ENDED'"
            + " and hangup_cause_text = ?",
        String.class,
        live.toArray(String[]::new),
        reason);
  }

  List<Live> liveOn(String pbx, Instant before) {
    return jdbc.query(
        "select id, channel_id, status, hangup_cause from call_attempt where pbx = ?"
            + " and status in ('DIALING', 'IN_CALL') and channel_id is not null and dialed_at <= ?",
        (rs, i) ->
            new Live(
                rs.getLong("id"),
                rs.getString("channel_id"),
                rs.getString("status"),
                (Integer) rs.getObject("hangup_cause")),
        pbx,
        ts(before));
  }

  /** A dialled attempt still DIALING or IN_CALL and the node that claimed it. */
  record Claim(long id, String node, String status, Integer hangupCause, boolean inbound) {}

  /**
   * Every dialled attempt (it has a channel) and every call into the line still DIALING or IN_CALL,
   * with its node; {@code inbound} for the latter.
   */
  List<Claim> liveClaims() {
    return jdbc.query(
        "select id, claimed_by, status, hangup_cause, direction from call_attempt"
            + " where status in ('DIALING', 'IN_CALL')"
            + " and (channel_id is not null or direction = 'IN') and claimed_by is not null",
        (rs, i) ->
            new Claim(
                rs.getLong("id"),
                rs.getString("claimed_by"),
                rs.getString("status"),
                (Integer) rs.getObject("hangup_cause"),
                "IN".equals(rs.getString("direction"))));
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
