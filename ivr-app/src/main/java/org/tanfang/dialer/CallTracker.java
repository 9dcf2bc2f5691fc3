package org.tanfang.dialer;

import java.time.Clock;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

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
  private final LiveConversations conversations;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  CallTracker(
      CallAttempts attempts,
      LiveConversations conversations,
      ApplicationEventPublisher events,
      Clock clock) {
    this.attempts = attempts;
    this.conversations = conversations;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void onEvent(PbxLine line, ManagerEvent event) {
    try {
      if (event instanceof OriginateResponseEvent e) {
        originateResponse(e);
      } else if (event instanceof HangupEvent e) {
        hangup(e);
      }
    } catch (RuntimeException e) {
      log.error("Could not record {} from {}", event.getClass().getSimpleName(), line.name(), e);
    }
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
    boolean success = "Success".equalsIgnoreCase(e.getResponse());
    Integer reason = e.getReason();
    if (success) {
      attempts.answered(attempt, reason == null ? OutcomeMapping.REASON_ANSWER : reason, now());
      if (attempt.hangupCause() != null) {
        // The Hangup overtook the answer report: the call is already over.
        endAnswered(attempt.id());
      }
      return;
    }
    AttemptResult result = OutcomeMapping.map(false, reason, attempt.hangupCause());
    finish(attempt.id(), result, reason);
  }

  private void hangup(HangupEvent e) {
    String channelId = e.getUniqueId();
    if (channelId == null || !channelId.startsWith(CHANNEL_PREFIX)) {
      return;
    }
    var found = attempts.byChannel(channelId);
    if (found.isEmpty()) {
      return;
    }
    var attempt = found.get();
    if (e.getCause() != null) {
      attempts.hangupCause(attempt.id(), e.getCause(), e.getCauseTxt());
    }
    if ("IN_CALL".equals(attempt.status())) {
      endAnswered(attempt.id());
    }
    // Still DIALING: the OriginateResponse that follows decides, with this cause at hand.
  }

  private void endAnswered(long attemptId) {
    if (!conversations.runWhenFinished(
        attemptId, () -> finish(attemptId, AttemptResult.ANSWERED, null))) {
      finish(attemptId, AttemptResult.ANSWERED, null);
    }
  }

  /** Ends the attempt once (later calls do nothing), closes the visit and tells the scheduler. */
  void finish(long attemptId, AttemptResult result, Integer reason) {
    if (!attempts.end(attemptId, result, reason, now())) {
      return;
    }
    var attempt = attempts.byId(attemptId).orElseThrow();
    var visit = attempts.closeVisit(attempt.visitId(), result == AttemptResult.ANSWERED, now());
    log.info("Attempt {} ended: {} (cause {})", attemptId, result, attempt.hangupCause());
    events.publishEvent(
        new AttemptEnded(
            attemptId,
            attempt.visitId(),
            attempt.elderId(),
            result,
            attempt.hangupCause(),
            visit.outcome(),
            visit.valid()));
  }

  private java.time.Instant now() {
    return clock.instant();
  }
}
