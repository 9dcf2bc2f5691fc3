package org.tanfang.dialer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.scheduler.dispatch.CallDispatcher;

/**
 * Connects the scheduler to this dialer: the pacer's claimed attempts are dialled here, and every
 * ended attempt goes back to the scheduler, which decides on retries, alternates and escalation.
 */
@Component
class SchedulerBridge implements CallDispatcher {
  private static final Logger log = LoggerFactory.getLogger(SchedulerBridge.class);

  private final Dialer dialer;
  private final CallAttempts attempts;
  private final AttemptOutcomes outcomes;

  SchedulerBridge(Dialer dialer, CallAttempts attempts, AttemptOutcomes outcomes) {
    this.dialer = dialer;
    this.attempts = attempts;
    this.outcomes = outcomes;
  }

  @Override
  public int freeChannels() {
    return dialer.freeChannels();
  }

  @Override
  public int freeChannels(int pacingNodes) {
    return dialer.freeChannels(pacingNodes);
  }

  @Override
  public void dial(long attemptId) {
    DialResult result = dialer.dial(attemptId);
    switch (result) {
      case QUEUED, FAILED -> {} // the AttemptEnded event reports the outcome
      case NO_FREE_CHANNEL -> attempts.release(attemptId);
      case NOT_DIALABLE -> log.debug("Attempt {} was not dialable (taken or gone)", attemptId);
    }
  }

  /** A pass in one go: the dialer counts and claims once and sends off this thread. */
  @Override
  public void dialAll(java.util.List<Long> attemptIds) {
    dialAll(attemptIds, 1);
  }

  /** A pass within this node's share of each PBX's channels. */
  @Override
  public void dialAll(java.util.List<Long> attemptIds, int pacingNodes) {
    dialer
        .dialAll(attemptIds, pacingNodes)
        .forEach(
            (id, result) -> {
              if (result == DialResult.NO_FREE_CHANNEL) {
                attempts.release(id);
              } else if (result == DialResult.NOT_DIALABLE) {
                log.debug("Attempt {} was not dialable (taken or gone)", id);
              }
            });
  }

  /** Staff test calls and demo calls close their own visits; only planned visits go back. */
  @EventListener
  void attemptEnded(AttemptEnded ended) {
    if (ended.planned()) {
      outcomes.attemptEnded(ended.attemptId());
    }
  }
}
