package org.tanfang.dialer;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A graceful stop (SIGTERM, context close) lets this node's calls end before anything they need is
 * closed. Spring stops lifecycles from the highest phase down, and beans are destroyed (the
 * database pool, the embedded PostgreSQL) only after every phase stopped:
 *
 * <ol>
 *   <li>Quartz ({@code DEFAULT_PHASE}): no pacing pass starts any more;
 *   <li>this drain ({@link #PHASE}): the dialer refuses new calls (a pass still running gets no
 *       channel and releases what it claimed), then waits until no conversation runs and no call
 *       this node dialled is ringing or up, at most {@code tanfang.telephony.drain-timeout}; then
 *       asks the remaining conversations to say goodbye at their next question and waits {@code
 *       wrap-up-timeout} more for their outcomes;
 *   <li>the AMI dialer ({@code PHASE - 40}), still connected meanwhile so Hangups arrive;
 *   <li>FastAGI ({@code DEFAULT_PHASE - 100});
 *   <li>the web server (Spring Boot's own phases, lower still), then the database.
 * </ol>
 */
@Component
class CallDrain implements SmartLifecycle {
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 10;
  private static final Logger log = LoggerFactory.getLogger(CallDrain.class);
  private static final long POLL_MS = 200;

  private final AmiDialer dialer;
  private final LiveConversations conversations;
  private final CallAttempts attempts;
  private final DialerProperties props;
  private volatile boolean running;

  CallDrain(
      AmiDialer dialer,
      LiveConversations conversations,
      CallAttempts attempts,
      DialerProperties props) {
    this.dialer = dialer;
    this.conversations = conversations;
    this.attempts = attempts;
    this.props = props;
  }

  /**
   * Also after a stop without close: Spring's test context cache pauses (stops) a context while
   * another runs and starts it again, and a stopped context may be started by hand.
   */
  @Override
  public void start() {
    dialer.resumeDialling();
    conversations.resume();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    dialer.stopDialling();
    if (idle()) {
      return;
    }
    log.info(
        "Stopping: no new calls; waiting up to {} for {} conversation(s) and {} call(s) of node"
            + " {}",
        props.drainTimeout(),
        conversations.count(),
        busy(),
        props.node());
    if (waitFor(this::idle, props.drainTimeout())) {
      log.info("Stopping: every call of this node ended");
      return;
    }
    conversations.wrapUp();
    log.warn(
        "Stopping: {} conversation(s) still running after {}: asked to say goodbye",
        conversations.count(),
        props.drainTimeout());
    if (waitFor(() -> conversations.count() == 0, props.wrapUpTimeout())) {
      log.info("Stopping: every conversation wrote its outcome");
    } else {
      log.warn(
          "Stopping with {} conversation(s) still running after {} more",
          conversations.count(),
          props.wrapUpTimeout());
    }
  }

  private boolean idle() {
    return conversations.count() == 0 && busy() == 0;
  }

  private int busy() {
    try {
      return attempts.busyOnNode(props.node());
    } catch (RuntimeException e) {
      log.warn("Stopping: cannot count this node's calls: {}", e.toString());
      return 0;
    }
  }

  private static boolean waitFor(BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
