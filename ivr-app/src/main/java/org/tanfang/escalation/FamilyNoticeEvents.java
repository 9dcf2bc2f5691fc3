package org.tanfang.escalation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tanfang.callflow.ContactAnswered;
import org.tanfang.dialer.AttemptDialing;
import org.tanfang.dialer.AttemptEnded;

/**
 * Hands the events the family notification follows to {@link FamilyNotice}, one step at a time on
 * its own worker thread, never on the AMI or AGI threads that report them. No timer: the sweep of
 * lost steps is a Quartz job ({@link EscalationJobs}).
 */
@Component
class FamilyNoticeEvents implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(FamilyNoticeEvents.class);

  private final FamilyNotice notice;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "tanfang-family-notice");
            t.setDaemon(true);
            return t;
          });

  FamilyNoticeEvents(FamilyNotice notice) {
    this.notice = notice;
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }

  @EventListener
  void changed(EscalationChanged e) {
    if (e.type() != EscalationType.UNREACHABLE) {
      return;
    }
    if (notice.enabled() && e.action() == CaseAction.OPENED) {
      later(() -> notice.start(e.escalationId()));
    } else if (e.action() == CaseAction.RESOLVED) {
      later(() -> notice.stop(e.escalationId()));
    }
  }

  @EventListener
  void dialing(AttemptDialing e) {
    later(() -> notice.firstCallStarted(e.attemptId()));
  }

  @EventListener
  void answered(ContactAnswered e) {
    later(() -> notice.contactAnswered(e));
  }

  @EventListener
  void ended(AttemptEnded e) {
    if (e.planned()) {
      // The scheduler's call (a routine visit, a weather alert's call to a contact), not a case's
      // family notification: nothing to advance, and no read of it per call of a round.
      return;
    }
    later(() -> notice.advance(e.visitId()));
  }

  private void later(Runnable work) {
    try {
      worker.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException ex) {
              log.error("Family notification step failed", ex);
            }
          });
    } catch (RejectedExecutionException e) {
      // Shutting down: the sweep (on this node's next start, or another node) takes it up.
      log.debug("Family notification step dropped at shutdown");
    }
  }
}
