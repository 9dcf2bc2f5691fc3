package org.tanfang.dialer;

import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Follows calls through the staff queue ([tanfang-staff]): the caller channel's Uniqueid is the
 * attempt's channel id (the Originate's ChannelId), so app_queue's AgentConnect and
 * QueueCallerAbandon name the attempt. "Nobody answered" is not taken from here: the dialplan runs
 * the transfer-unanswered script after Queue() times out, which works even if events are lost.
 */
@Component
class QueueTracker implements AmiEventHandler {
  private static final Logger log = LoggerFactory.getLogger(QueueTracker.class);

  private final CallAttempts attempts;
  private final ApplicationEventPublisher events;

  QueueTracker(CallAttempts attempts, ApplicationEventPublisher events) {
    this.attempts = attempts;
    this.events = events;
  }

  @Override
  public void onEvent(PbxLine line, ManagerEvent event) {
    if (event instanceof AgentConnectEvent e) {
      attempt(e.getUniqueId())
          .ifPresent(
              a -> {
                log.info(
                    "Attempt {}: transfer answered by {} ({}) after {} s",
                    a.id(),
                    e.getMemberName(),
                    e.getInterface(),
                    e.getHoldTime());
                events.publishEvent(
                    new TransferAnswered(
                        a.id(),
                        a.visitId(),
                        a.elderId(),
                        e.getQueue(),
                        e.getMemberName(),
                        e.getInterface(),
                        e.getHoldTime()));
              });
    } else if (event instanceof QueueCallerAbandonEvent e) {
      attempt(e.getUniqueId())
          .ifPresent(
              a -> {
                log.info("Attempt {}: the elder hung up in the staff queue", a.id());
                events.publishEvent(
                    new TransferAbandoned(
                        a.id(), a.visitId(), a.elderId(), e.getQueue(), e.getHoldTime()));
              });
    }
  }

  private java.util.Optional<CallAttempts.Tracked> attempt(String uniqueId) {
    if (uniqueId == null || !uniqueId.startsWith(CallTracker.CHANNEL_PREFIX)) {
      return java.util.Optional.empty(); // an elder calling in, or not our call
    }
    return attempts.byChannel(uniqueId);
  }
}
