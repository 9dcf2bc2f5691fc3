package org.tanfang.dialer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
  private final Timer answered;
  private final Timer abandoned;

  private final AmiEventQueue queue;
  private final String node;

  QueueTracker(
      CallAttempts attempts,
      ApplicationEventPublisher events,
      MeterRegistry registry,
      AmiEventQueue queue,
      DialerProperties props) {
    this.queue = queue;
    this.node = props.node();
    this.attempts = attempts;
    this.events = events;
    this.answered = queueWait(registry, "answered");
    this.abandoned = queueWait(registry, "abandoned");
  }

  /** How long an elder waited in the staff queue, by how the wait ended (app_queue's HoldTime). */
  private static Timer queueWait(MeterRegistry registry, String outcome) {
    return Timer.builder("tanfang.staff.queue.wait")
        .description(
            "Time an elder waited in the staff queue before staff answered or they hung up")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(java.time.Duration.ofSeconds(1))
        .maximumExpectedValue(java.time.Duration.ofMinutes(10))
        .register(registry);
  }

  private static void record(Timer timer, Number holdSeconds) {
    if (holdSeconds != null && holdSeconds.longValue() >= 0) {
      timer.record(java.time.Duration.ofSeconds(holdSeconds.longValue()));
    }
  }

  @Override
  public boolean follows(ManagerEvent event) {
    return event instanceof AgentConnectEvent || event instanceof QueueCallerAbandonEvent;
  }

  @Override
  public void onEvent(PbxLine line, ManagerEvent event) {
    if (event instanceof AgentConnectEvent e) {
      attempt(e.getUniqueId())
          .ifPresent(
              a -> {
                record(answered, e.getHoldTime());
                log.info(
                    "Attempt {}: transfer answered by {} ({}) after {} s",
                    a.id(),
                    e.getMemberName(),
                    e.getInterface(),
                    e.getHoldTime());
                queue.publish(
                    events,
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
                record(abandoned, e.getHoldTime());
                log.info("Attempt {}: the elder hung up in the staff queue", a.id());
                queue.publish(
                    events,
                    new TransferAbandoned(
                        a.id(), a.visitId(), a.elderId(), e.getQueue(), e.getHoldTime()));
              });
    }
  }

  private java.util.Optional<CallAttempts.Tracked> attempt(String uniqueId) {
    if (uniqueId == null || !uniqueId.startsWith(CallTracker.CHANNEL_PREFIX)) {
      return java.util.Optional.empty(); // an elder calling in, or not our call
    }
    // Only the node that dialled the call reports its transfer (CallAttempts.Tracked#followedBy).
    var found = attempts.byChannel(uniqueId).filter(a -> a.followedBy(node));
    found.ifPresent(a -> org.tanfang.shared.CallLog.visit(a.visitId()));
    return found;
  }
}
