package org.tanfang.escalation;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tanfang.callflow.TransferUnanswered;
import org.tanfang.dialer.TransferAbandoned;
import org.tanfang.dialer.TransferAnswered;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;

/**
 * What happened to a distress call in the staff queue, on its DISTRESS case: who answered (the
 * queue member, shown as the user whose phone it is), or nobody in time (the dialplan's
 * transfer-unanswered script: urgent call-back, higher priority), or the elder hung up while
 * waiting (history, and urgent call-back too).
 */
@Component
class LiveTransfer {
  private static final Logger log = LoggerFactory.getLogger(LiveTransfer.class);

  private final Escalations escalations;
  private final CaseSignals signals;
  private final UserAccounts accounts;
  private final EscalationProperties props;

  LiveTransfer(
      Escalations escalations,
      CaseSignals signals,
      UserAccounts accounts,
      EscalationProperties props) {
    this.escalations = escalations;
    this.signals = signals;
    this.accounts = accounts;
    this.props = props;
  }

  @EventListener
  void answered(TransferAnswered e) {
    distressCase(e.attemptId(), e.elderId(), e.visitId())
        .ifPresent(id -> signals.transferAnswered(id, who(e)));
  }

  @EventListener
  void unanswered(TransferUnanswered e) {
    if (e.attemptId() == null) {
      log.warn("Staff queue unanswered ({}) for a call without an attempt", e.queueStatus());
      return;
    }
    distressCase(e.attemptId(), e.elderId(), e.visitId())
        .ifPresent(
            id ->
                signals.transferUnanswered(
                    id,
                    CaseAction.queue(e.queueStatus()),
                    Text.of("case.queueResult", e.queueStatus())));
  }

  /**
   * app_queue sends QueueCallerAbandon also when Queue() times out, with the caller still on the
   * line (trace 06b: HoldTime 30 with a 30 s timeout, the transfer-unanswered script 1 ms later): a
   * hold as long as the queue's timeout is that timeout, not the elder hanging up.
   */
  @EventListener
  void abandoned(TransferAbandoned e) {
    boolean timedOut =
        e.holdSeconds() != null && e.holdSeconds() >= props.transferTimeout().toSeconds();
    distressCase(e.attemptId(), e.elderId(), e.visitId())
        .ifPresent(
            id -> {
              if (timedOut) {
                signals.transferUnanswered(
                    id, CaseAction.QUEUE_TIMEOUT, Text.of("case.queueResult", "TIMEOUT"));
              } else {
                signals.transferUnanswered(
                    id,
                    CaseAction.ABANDONED,
                    e.holdSeconds() == null
                        ? Text.of("case.abandoned")
                        : Text.of("case.abandonedAfter", e.holdSeconds()));
              }
            });
  }

  /** The call's open DISTRESS case; opened now if the keypress could not open it. */
  private Optional<Long> distressCase(Long attemptId, Long elderId, Long visitId) {
    try {
      Optional<Long> open = signals.openDistressFor(attemptId);
      if (open.isPresent() || elderId == null) {
        return open;
      }
      return Optional.of(
          escalations.open(
              NewEscalation.of(
                  elderId,
                  EscalationType.DISTRESS,
                  visitId,
                  attemptId,
                  Text.of("reason.distressTransferred"))));
    } catch (RuntimeException ex) {
      log.error("Could not find the DISTRESS case of attempt {}", attemptId, ex);
      return Optional.empty();
    }
  }

  /** The user whose phone the member is (username), else the member's name from queues.conf. */
  private String who(TransferAnswered e) {
    String member = e.memberName() != null ? e.memberName() : e.memberInterface();
    return accounts.usernameByPhone(e.memberName(), e.memberInterface()).orElse(member);
  }
}
