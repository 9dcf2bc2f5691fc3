package org.tanfang.dialer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Follows click-to-calls by their channel id ({@code tfcb-…}, the staff leg's Uniqueid):
 * OriginateResponse says whether the staff member picked up, the DialEnd of [tanfang-callback]'s
 * Dial() (whose caller is the staff leg) how the elder's phone answered, and the staff leg's Hangup
 * ends the call.
 */
@Component
class StaffCallTracker implements AmiEventHandler {
  static final String CHANNEL_PREFIX = "tfcb-";
  private static final Logger log = LoggerFactory.getLogger(StaffCallTracker.class);

  private final StaffCallRows rows;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final org.springframework.transaction.support.TransactionTemplate tx;
  private final AmiEventQueue queue;
  private final String node;

  StaffCallTracker(
      StaffCallRows rows,
      ApplicationEventPublisher events,
      Clock clock,
      org.springframework.transaction.PlatformTransactionManager transactions,
      AmiEventQueue queue,
      DialerProperties props) {
    this.queue = queue;
    this.node = props.node();
    this.rows = rows;
    this.events = events;
    this.clock = clock;
    this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
  }

  @Override
  public boolean follows(ManagerEvent event) {
    return (event instanceof OriginateResponseEvent e && ours(e.getUniqueId()))
        || (event instanceof DialEndEvent d && ours(d.getUniqueId()))
        || (event instanceof HangupEvent h && ours(h.getUniqueId()));
  }

  /**
   * On a worker of the {@link AmiEventQueue}; throws when the database fails (tried again). Only
   * the node that placed the call-back acts on its events ({@link StaffCallRows.Row#followedBy}).
   */
  @Override
  public void onEvent(PbxLine line, ManagerEvent event) {
    if (event instanceof OriginateResponseEvent e && ours(e.getUniqueId())) {
      placedHere(e.getUniqueId()).ifPresent(r -> originateResponse(r, e));
    } else if (event instanceof DialEndEvent e && ours(e.getUniqueId())) {
      placedHere(e.getUniqueId())
          .ifPresent(r -> rows.dialEnded(r.id(), e.getDialStatus(), result(e), clock.instant()));
    } else if (event instanceof HangupEvent e && ours(e.getUniqueId())) {
      placedHere(e.getUniqueId())
          .filter(r -> "IN_CALL".equals(r.status()))
          .ifPresent(r -> finish(r.id(), "CANCELLED"));
    }
  }

  /** The call-back of a channel, if this node placed it. */
  private java.util.Optional<StaffCallRows.Row> placedHere(String channelId) {
    return rows.byChannel(channelId).filter(r -> r.followedBy(node));
  }

  private void originateResponse(StaffCallRows.Row row, OriginateResponseEvent e) {
    if ("Success".equalsIgnoreCase(e.getResponse())) {
      rows.staffAnswered(row.id(), clock.instant());
      return;
    }
    Integer reason = e.getReason();
    finish(row.id(), reason != null && reason == 0 ? "FAILED" : "STAFF_NO_ANSWER");
  }

  private static String result(DialEndEvent e) {
    String status = e.getDialStatus() == null ? "" : e.getDialStatus();
    return switch (status) {
      case "ANSWER" -> "ANSWERED";
      case "BUSY" -> "BUSY";
      case "NOANSWER" -> "NO_ANSWER";
      case "CONGESTION" -> "CONGESTION";
      case "CHANUNAVAIL" -> "INVALID_NUMBER";
      case "CANCEL" -> "CANCELLED";
      default -> "FAILED";
    };
  }

  /** A reconcile ended the call-back: its PBX restarted or the node that placed it is gone. */
  static final String PBX_LOST = "PBX_LOST";

  /** Ends the call once and tells the escalation desk. */
  void finish(long id, String result) {
    Instant now = clock.instant();
    // Ended and read in one transaction: a failure between is tried again whole.
    StaffCallRows.Row row = tx.execute(s -> rows.end(id, result, now) ? rows.byId(id) : null);
    if (row == null) {
      return;
    }
    Long talk =
        row.elderAnsweredAt() == null
            ? null
            : Duration.between(row.elderAnsweredAt(), now).toSeconds();
    log.info("Call-back {} for escalation {} ended: {}", id, row.escalationId(), row.result());
    queue.publish(
        events,
        new StaffCallEnded(
            id, row.escalationId(), row.username(), row.phone(), row.result(), talk));
  }

  /** Ends call-backs whose events were lost. */
  void sweep(Instant dialingBefore, Instant inCallBefore) {
    for (long id : rows.stale(dialingBefore, inCallBefore)) {
      log.warn("Call-back {} got no end from Asterisk: ended", id);
      finish(id, "FAILED");
    }
  }

  private static boolean ours(String uniqueId) {
    return uniqueId != null && uniqueId.startsWith(CHANNEL_PREFIX);
  }
}
