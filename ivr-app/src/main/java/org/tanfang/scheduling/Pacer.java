package org.tanfang.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.scheduler.dispatch.CallDispatcher;
import org.tanfang.scheduler.window.CallWindow;
import org.tanfang.scheduler.window.CallWindows;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/**
 * One pacing pass: claims due attempts, as many as the dialer's free channels (one count for the
 * pass; {@code pacing-batch} caps it), highest priority first, and hands them to the dialer in one
 * go ({@link CallDispatcher#dialAll}: it claims their channels at once and sends the Originates off
 * this thread, in parallel over PBXs). Claiming is one statement ({@code for update skip locked}),
 * committed before any dial, so two nodes never take the same attempt and a crash after the claim
 * never dials it twice (the attempt stays DIALING for the dialer's recovery to decide).
 *
 * <p>With several nodes pacing, a pass claims only this node's share: each pass stamps the node in
 * {@link PacingNodes} and learns how many nodes pace now, and the dialer gives this node at most
 * its part of each PBX's channels (the channel limit ÷ the pacing nodes, less this node's calls on
 * that PBX). So both nodes of two fill the channels in parallel, and neither takes the other's part
 * because its pass happened to come first.
 *
 * <p>A claimed attempt whose time is outside its elder's call windows (the pacer ran late, or a
 * window was changed) goes back to SCHEDULED at the next allowed instant; one whose visit is no
 * longer open is cancelled. A case's family notification calls (purpose FAMILY_NOTICE, to an
 * elder's emergency contacts) keep the family calling hours instead of the elder's windows; an
 * alert's calls to the contacts keep the round's rules, as its calls to the elders do.
 */
public class Pacer {
  private static final Logger log = LoggerFactory.getLogger(Pacer.class);

  private static final String CLAIMED =
      """
      select a.id, a.visit_id, a.priority, a.due_at, v.status as visit_status, v.purpose, e.id as elder_id,
             e.district, e.call_window_start, e.call_window_end, r.urgency
      from call_attempt a join visit v on v.id = a.visit_id join elder e on e.id = v.elder_id
      left join special_round r on r.id = v.special_round_id
      where a.id = any (?)
      order by a.priority desc, a.due_at, a.id
      """;

  private final JdbcTemplate jdbc;
  private final Visits visits;
  private final Attempts attempts;
  private final Clock clock;
  private final CallDispatcher dispatcher;
  private final AttemptOutcomes outcomes;
  private final Windows windows;
  private final String nodeId;
  private final int batch;
  private final org.tanfang.shared.DatabaseState database;
  private final PacingNodes nodes;

  /** A pacer that does not know the database's state (it finds out by its claim failing). */
  public Pacer(
      JdbcTemplate jdbc,
      Visits visits,
      Attempts attempts,
      Clock clock,
      CallDispatcher dispatcher,
      AttemptOutcomes outcomes,
      Windows windows,
      String nodeId,
      int batch) {
    this(
        jdbc,
        visits,
        attempts,
        clock,
        dispatcher,
        outcomes,
        windows,
        nodeId,
        batch,
        new org.tanfang.shared.DatabaseState());
  }

  /**
   * {@code database}: while it is unreachable (the hand-off says so) a pass claims and dials
   * nothing.
   */
  public Pacer(
      JdbcTemplate jdbc,
      Visits visits,
      Attempts attempts,
      Clock clock,
      CallDispatcher dispatcher,
      AttemptOutcomes outcomes,
      Windows windows,
      String nodeId,
      int batch,
      org.tanfang.shared.DatabaseState database) {
    this(
        jdbc,
        visits,
        attempts,
        clock,
        dispatcher,
        outcomes,
        windows,
        nodeId,
        batch,
        database,
        null);
  }

  /**
   * {@code nodes}: the nodes pacing now; each pass claims this node's share of the channels (the
   * dialer divides each PBX's channels by their number). Null: this pacer is taken to be alone.
   */
  public Pacer(
      JdbcTemplate jdbc,
      Visits visits,
      Attempts attempts,
      Clock clock,
      CallDispatcher dispatcher,
      AttemptOutcomes outcomes,
      Windows windows,
      String nodeId,
      int batch,
      org.tanfang.shared.DatabaseState database,
      PacingNodes nodes) {
    this.nodes = nodes;
    this.database = database;
    this.jdbc = jdbc;
    this.visits = visits;
    this.attempts = attempts;
    this.clock = clock;
    this.dispatcher = dispatcher;
    this.outcomes = outcomes;
    this.windows = windows;
    this.nodeId = nodeId;
    this.batch = batch;
  }

  /** Returns the ids handed to the dialer, in claiming order. */
  public List<Long> pace() {
    if (!database.reachable()) {
      // No call without its attempt row; and no pass waiting for a pool connection meanwhile.
      log.info("Pacing skipped: the database is unreachable (health: handoff)");
      return List.of();
    }
    int pacing = nodes == null ? 1 : nodes.beat();
    int free = Math.min(batch, dispatcher.freeChannels(pacing));
    if (free <= 0) {
      return List.of();
    }
    Instant now = clock.instant();
    // dialed_at is set at the claim, so an attempt claimed by a node that died before dialling is
    // ended by the dialer's sweep (as FAILED) and retried, never left DIALING for ever.
    List<Long> claimed = attempts.claimDue(nodeId, now, free);
    if (claimed.isEmpty()) {
      return List.of();
    }
    List<Long> dialled = new ArrayList<>();
    List<Long> visitIds = new ArrayList<>();
    for (Claimed attempt : details(claimed)) {
      if (!attempt.visitOpen()) {
        attempts.cancel(attempt.id(), now);
      } else if (attempt.windows() != null && !attempt.windows().allows(now)) {
        attempts.reschedule(attempt.id(), attempt.windows().nextAllowed(now));
      } else {
        dialled.add(attempt.id());
        visitIds.add(attempt.visitId());
      }
    }
    if (dialled.isEmpty()) {
      return dialled;
    }
    visits.inProgress(visitIds, clock.instant());
    try {
      dispatcher.dialAll(dialled, pacing);
    } catch (RuntimeException e) {
      // The dialer claims a pass's channels in one transaction: when that fails nothing was sent.
      log.error("Dialer refused {} attempts: {}", dialled.size(), e.toString());
      for (long id : dialled) {
        attempts.end(id, "FAILED", null, clock.instant());
        outcomes.attemptEnded(id);
      }
    }
    return dialled;
  }

  /** This node stops pacing (a graceful stop): the other nodes take its share at once. */
  public void leave() {
    if (nodes != null) {
      try {
        nodes.leave();
      } catch (RuntimeException e) {
        log.warn("Pacing node {} not removed ({}); its row lapses by itself", nodeId, e.toString());
      }
    }
  }

  /** {@code windows} null: any time (an urgent alert confirmed for the night). */
  private record Claimed(long id, long visitId, boolean visitOpen, CallWindows windows) {}

  /**
   * A case's family calls and urgent alerts keep the city's calling hours, an urgent alert
   * confirmed for the night none; everything else the elder's windows, an alert's calls to the
   * elders' contacts included (timed like the elders' own calls). {@code urgency} is null for a
   * visit of no round.
   */
  private CallWindows windowsOf(
      String purpose, String urgency, java.sql.ResultSet rs, List<CallWindow> own)
      throws java.sql.SQLException {
    if ("URGENT_NIGHT".equals(urgency)) {
      return null;
    }
    if (("FAMILY_NOTICE".equals(purpose) && urgency == null) || "URGENT".equals(urgency)) {
      return windows.family();
    }
    return windows.forElder(rs.getLong("elder_id"), rs.getString("district"), own);
  }

  private List<Claimed> details(List<Long> ids) {
    return jdbc.query(
        CLAIMED,
        (rs, n) -> {
          LocalTime start = rs.getObject("call_window_start", LocalTime.class);
          LocalTime end = rs.getObject("call_window_end", LocalTime.class);
          List<CallWindow> own =
              start != null && end != null && end.isAfter(start)
                  ? List.of(new CallWindow(start, end))
                  : List.of();
          String status = rs.getString("visit_status");
          return new Claimed(
              rs.getLong("id"),
              rs.getLong("visit_id"),
              status.equals("PLANNED") || status.equals("IN_PROGRESS"),
              windowsOf(rs.getString("purpose"), rs.getString("urgency"), rs, own));
        },
        (Object) ids.toArray(Long[]::new));
  }
}
