package org.tanfang.dialer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.tanfang.shared.CallLog;

/**
 * Follows each originated call through the AMI events that concern it and writes its outcome. The
 * channel id is ours ({@code tf-…}, set by ChannelId on the Originate), so OriginateResponse and
 * Hangup of both failed and answered calls carry it as Uniqueid.
 */
@Component
class CallTracker implements AmiEventHandler {
  private static final Logger log = LoggerFactory.getLogger(CallTracker.class);
  static final String CHANNEL_PREFIX = "tf-";

  private final CallAttempts attempts;
  private final DialledCalls dialled;
  private final LiveConversations conversations;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final AmiEventQueue queue;
  private final String node;
  private final PendingCauses causes = new PendingCauses(CAUSE_WAIT);
  private final java.util.Set<String> channels = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.Map<AttemptResult, Counter> results =
      new java.util.EnumMap<>(AttemptResult.class);
  private final MeterRegistry registry;

  /** How long a failed originate waits for the Hangup with its cause. */
  static final java.time.Duration CAUSE_WAIT = java.time.Duration.ofSeconds(3);

  CallTracker(
      CallAttempts attempts,
      LiveConversations conversations,
      ApplicationEventPublisher events,
      Clock clock,
      MeterRegistry registry,
      AmiEventQueue queue,
      DialerProperties props,
      DialledCalls dialled) {
    this.dialled = dialled;
    this.queue = queue;
    this.node = props.node();
    this.attempts = attempts;
    this.conversations = conversations;
    this.events = events;
    this.clock = clock;
    this.registry = registry;
    for (AttemptResult r : AttemptResult.values()) {
      results.put(
          r,
          Counter.builder("tanfang.call.results")
              .description("Call attempts ended, by result (answer and failure shares)")
              .tag("result", r.name())
              .register(registry));
    }
  }

  /**
   * The attempt an AMI event is about, from our channel id {@code tf-<attempt>-<random>} (with
   * {@code ;1}/{@code ;2} on Local channels); null for any other channel.
   */
  static Long attemptOf(ManagerEvent event) {
    String id = null;
    if (event instanceof OriginateResponseEvent e) {
      id = e.getUniqueId();
    } else if (event instanceof org.asteriskjava.manager.event.AbstractChannelEvent e) {
      id = e.getUniqueId(); // Newchannel, Hangup and the other channel events
    } else if (event instanceof org.asteriskjava.manager.event.AgentConnectEvent e) {
      id = e.getUniqueId();
    } else if (event instanceof org.asteriskjava.manager.event.QueueCallerAbandonEvent e) {
      id = e.getUniqueId();
    }
    if (id == null || !id.startsWith(CHANNEL_PREFIX)) {
      return null;
    }
    int end = id.indexOf('-', CHANNEL_PREFIX.length());
    try {
      return Long.parseLong(id.substring(CHANNEL_PREFIX.length(), end < 0 ? id.length() : end));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public boolean follows(ManagerEvent event) {
    return (event instanceof NewChannelEvent
            || event instanceof OriginateResponseEvent
            || event instanceof HangupEvent)
        && attemptOf(event) != null;
  }

  /** On a worker of the {@link AmiEventQueue}; throws when the database fails (tried again). */
  @Override
  public void onEvent(PbxLine line, ManagerEvent event) {
    if (event instanceof NewChannelEvent e) {
      newChannel(e.getUniqueId());
    } else if (event instanceof OriginateResponseEvent e) {
      originateResponse(e);
    } else if (event instanceof HangupEvent e) {
      hangup(e);
    }
  }

  /** {@code step} after what is queued for the attempt (its lane of the event queue). */
  private void later(long attemptId, Runnable step) {
    queue.submit(AmiEventQueue.attemptLane(attemptId), step);
  }

  private void originateResponse(OriginateResponseEvent e) {
    String channelId = e.getUniqueId();
    if (channelId == null || !channelId.startsWith(CHANNEL_PREFIX)) {
      return;
    }
    var found = attempts.byChannel(channelId);
    if (found.isEmpty()) {
      log.warn("OriginateResponse for unknown channel {}", channelId);
      return;
    }
    var attempt = found.get();
    if (!ours(attempt)) {
      return;
    }
    CallLog.visit(attempt.visitId());
    boolean success = "Success".equalsIgnoreCase(e.getResponse());
    Integer reason = e.getReason();
    if (success) {
      int answer = reason == null ? OutcomeMapping.REASON_ANSWER : reason;
      attempts.answered(attempt, answer, now());
      if (attempt.hangupCause() != null) {
        // The Hangup overtook the answer report: the call is already over.
        endAnswered(attempt.id(), EndedBy.ORIGINATE);
      }
      return;
    }
    // A leg Asterisk created that has not hung up yet will bring a cause (on a Local channel the
    // real one is on ;2, the ;1 Hangup says 0: busy 17 and congestion 34 come that way).
    boolean legUp = channels.remove(channelId) | channels.remove(channelId + ";2");
    if (legUp && !causeKnown(attempt.hangupCause())) {
      // A channel exists and no leg has hung up yet: Asterisk 22 sends OriginateResponse before
      // the Hangup carrying the cause as often as after it — Reason 0 (trace 09a), where the
      // cause decides the result, and Reason 3 (02, 09b's first and third call), where it does
      // not but is still the attempt's hang-up cause. Ended at once, the attempt was reported
      // (AttemptEnded) with no cause, and the Hangup wrote it a moment after the end: a reader in
      // between (TraceReplayTest 09b once, on a loaded machine) saw NO_ANSWER with none. Decide
      // once the cause is in, or after a short bound: in the attempt's lane, after the Hangup
      // that brought it (the ;2 leg's, on a Local channel whose ;1 said 0: 04-congestion).
      queue.expect();
      causes.await(
          channelId,
          attempt.id(),
          reason,
          (id, why) -> {
            later(id, () -> decide(id, why));
            queue.arrived();
          });
      return;
    }
    finish(
        attempt.id(),
        OutcomeMapping.map(false, reason, attempt.hangupCause()),
        reason,
        EndedBy.ORIGINATE);
  }

  private boolean ours(CallAttempts.Tracked attempt) {
    return attempt.followedBy(node);
  }

  /**
   * Our channels' legs Asterisk created (Newchannel; both halves of a Local pair) and that have not
   * hung up: only those will bring a Hangup with a cause. Read (and forgotten) by a failed
   * originate's response.
   */
  private void newChannel(String uniqueId) {
    if (uniqueId != null && uniqueId.startsWith(CHANNEL_PREFIX)) {
      channels.add(uniqueId);
    }
  }

  private static boolean causeKnown(Integer cause) {
    return cause != null && cause != 0;
  }

  /** A failed originate's outcome, now that its cause is known (or the wait is over). */
  private void decide(long attemptId, Integer reason) {
    Integer cause = attempts.byId(attemptId).map(CallAttempts.Tracked::hangupCause).orElse(null);
    finish(attemptId, OutcomeMapping.map(false, reason, cause), reason, EndedBy.ORIGINATE);
  }

  /**
   * Local channels report the real cause on the {@code ;2} leg and 0 on {@code ;1} (busy 17,
   * congestion 34); a PJSIP channel has one leg. The attempt keeps the first cause other than 0.
   */
  private void hangup(HangupEvent e) {
    String uniqueId = e.getUniqueId();
    if (uniqueId == null || !uniqueId.startsWith(CHANNEL_PREFIX)) {
      return;
    }
    boolean otherLeg = uniqueId.endsWith(";2");
    String channelId = otherLeg ? uniqueId.substring(0, uniqueId.length() - 2) : uniqueId;
    channels.remove(uniqueId);
    var found = attempts.byChannel(channelId);
    if (found.isEmpty()) {
      return;
    }
    var attempt = found.get();
    if (!ours(attempt)) {
      return;
    }
    CallLog.visit(attempt.visitId());
    Integer cause = e.getCause();
    boolean newCause =
        cause != null
            && (attempt.hangupCause() == null || (attempt.hangupCause() == 0 && cause != 0));
    if (otherLeg) {
      if (newCause) {
        attempts.hangupCause(attempt.id(), cause, e.getCauseTxt());
      }
    } else {
      // The channel is free now, though an answered attempt ends only once its conversation's
      // writes are in: pacing may dial on it at once (one statement with the cause).
      attempts.hungUp(attempt.id(), newCause ? cause : null, e.getCauseTxt(), now());
      try {
        events.publishEvent(new ChannelFreed(attempt.id()));
      } catch (RuntimeException ex) {
        log.warn("A listener of the freed channel of attempt {} failed", attempt.id(), ex);
      }
    }
    boolean localChannel = e.getChannel() != null && e.getChannel().startsWith("Local/");
    if (causeKnown(cause) || otherLeg || !localChannel) {
      causes.arrived(channelId);
    }
    if (otherLeg) {
      return;
    }
    if ("IN_CALL".equals(attempt.status())) {
      endAnswered(attempt.id(), EndedBy.HANGUP);
    }
    // Still DIALING: the OriginateResponse that follows decides, with this cause at hand.
  }

  /**
   * Ends an answered attempt: at once, or, while its conversation runs on this node or is still
   * handing over its writes ({@link LiveConversations}), once they are in — whichever path found
   * the call over (its Hangup, the reconcile at a login). Ended before them, the visit is closed
   * while its outcome is not yet written, so it goes back to the scheduler and the elder who
   * answered is called again.
   */
  void endAnswered(long attemptId, EndedBy by) {
    // A conversation still writing: the end waits for it, then goes to the attempt's lane (so it
    // too waits for the database, instead of running on the hand-off's writer).
    if (conversations.runWhenFinished(
        attemptId,
        () ->
            later(
                attemptId,
                () -> finish(attemptId, AttemptResult.ANSWERED, null, EndedBy.AFTER_WRITES)))) {
      waited(by);
      return;
    }
    finish(attemptId, AttemptResult.ANSWERED, null, by);
  }

  /** Whether the attempt's conversation runs on this node or still hands over its writes. */
  boolean conversationLive(long attemptId) {
    return conversations.live(attemptId);
  }

  /** An end that waits for its conversation's writes, counted by the path that asked for it. */
  private void waited(EndedBy by) {
    Counter.builder("tanfang.call.ends.waited")
        .description("Answered attempts whose end waited for their conversation's writes, by path")
        .tag("by", by.name())
        .register(registry)
        .increment();
    log.debug("End of an answered attempt ({}) waits for its conversation's writes", by);
  }

  /**
   * {@link #finish} from the attempt's lane of the AMI event queue: after its queued events, and
   * tried again while the database fails (an inbound call's end, handed over by the call flow).
   */
  void finishLater(long attemptId, AttemptResult result) {
    later(attemptId, () -> finish(attemptId, result, null, EndedBy.INBOUND));
  }

  /** Ends the attempt once (later calls do nothing), closes the visit and tells the scheduler. */
  void finish(long attemptId, AttemptResult result, Integer reason, EndedBy by) {
    try (var scope = CallLog.of(attemptId, null)) {
      end(attemptId, result, reason, by);
    }
  }

  private void end(long attemptId, AttemptResult result, Integer reason, EndedBy by) {
    // Ended: an answer that comes after this (none should) reads the database.
    dialled.ended(attemptId);
    // One transaction: ended and its visit closed together, or neither (tried again whole).
    AttemptEnded ended =
        attempts.inTransaction(
            () -> {
              if (!attempts.end(attemptId, result, reason, now())) {
                return null;
              }
              var attempt = attempts.ended(attemptId);
              // What the line said (a carrier announcement, a voicemail box) outranks the
              // channel's report.
              AttemptResult r =
                  attempt.result() == null ? result : AttemptResult.valueOf(attempt.result());
              var visit =
                  attempts.closeVisit(attempt.visitId(), r == AttemptResult.ANSWERED, now());
              return new AttemptEnded(
                  attemptId,
                  attempt.visitId(),
                  attempt.elderId(),
                  r,
                  attempt.hangupCause(),
                  visit.outcome(),
                  visit.valid(),
                  attempt.pbx(),
                  attempt.planned());
            });
    if (ended == null) {
      return;
    }
    CallLog.visit(ended.visitId());
    // An answered call whose visit is not valid goes back to the scheduler (a retry): said with
    // the path that ended it.
    boolean reopened =
        ended.planned() && ended.result() == AttemptResult.ANSWERED && !ended.visitValid();
    log.info(
        "Attempt {} ended: {} (cause {}) by {}{}",
        attemptId,
        ended.result(),
        ended.hangupCause(),
        by,
        reopened
            ? ", answered but its visit "
                + ended.visitId()
                + " is not valid (outcome "
                + ended.conversationOutcome()
                + ")"
            : "");
    results.get(ended.result()).increment();
    Counter.builder("tanfang.call.ends")
        .description(
            "Call attempts ended, by the path that ended them; reopened: answered, visit not valid")
        .tag("by", by.name())
        .tag("reopened", Boolean.toString(reopened))
        .register(registry)
        .increment();
    try {
      queue.publish(events, ended);
    } catch (RuntimeException e) {
      // Written: the end is not applied again for a listener's failure.
      log.error("A listener of {} failed", ended, e);
    }
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    causes.close();
  }

  private java.time.Instant now() {
    return clock.instant();
  }
}
