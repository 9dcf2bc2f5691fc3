package org.tanfang.dialer;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/**
 * The attempt of an elder's call into the line: opened IN_CALL when the call flow identified the
 * caller, ended like an answered call once the conversation is over (the visit closes, the
 * scheduler hears {@link AttemptEnded}). Nothing here dials. The attempt is claimed by this node
 * ({@code claimed_by}), so if the node dies mid-call the next start-up ends it ({@link
 * StartupReconciler}).
 */
@Component
public class InboundAttempts {
  private final Attempts attempts;
  private final Visits visits;
  private final CallTracker tracker;
  private final Clock clock;
  private final String node;

  InboundAttempts(
      Attempts attempts, Visits visits, CallTracker tracker, DialerProperties props, Clock clock) {
    this.attempts = attempts;
    this.visits = visits;
    this.tracker = tracker;
    this.node = props.node();
    this.clock = clock;
  }

  /**
   * This node's name ({@code tanfang.telephony.node}): kept on the calls into the line it serves.
   */
  public String node() {
    return node;
  }

  /** The visit the call counts for (see {@link Visits#forInboundCall}) and its attempt. */
  public record Opened(long visitId, long attemptId) {}

  @Transactional
  public Opened open(long elderId, String phone) {
    var now = clock.instant();
    long visitId = visits.forInboundCall(elderId, now);
    long attemptId = attempts.addInbound(visitId, phone, node, now);
    visits.inProgress(visitId, now);
    return new Opened(visitId, attemptId);
  }

  /**
   * The conversation is over: ANSWERED, the visit closed, {@link AttemptEnded} published; from the
   * attempt's lane of the AMI event queue, so a database failure delays it instead of losing it.
   */
  public void end(long attemptId) {
    tracker.finishLater(attemptId, AttemptResult.ANSWERED);
  }
}
