package org.tanfang.testsupport;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.tanfang.callflow.DistressEvent;
import org.tanfang.dialer.AttemptEnded;

/**
 * Collects the telephony events published on any thread (AMI and AGI threads, which Spring's
 * thread-bound {@code ApplicationEvents} would miss).
 */
@TestComponent
public class TelephonyEvents {
  private final List<AttemptEnded> ended = new CopyOnWriteArrayList<>();
  private final List<DistressEvent> distress = new CopyOnWriteArrayList<>();

  @org.springframework.beans.factory.annotation.Autowired
  private io.micrometer.core.instrument.MeterRegistry meters;

  @EventListener
  public void on(AttemptEnded event) {
    ended.add(event);
  }

  @EventListener
  public void on(DistressEvent event) {
    distress.add(event);
  }

  /** The context's collector, for {@link Rows#clean} (tests share one context). */
  private static volatile TelephonyEvents current;

  @jakarta.annotation.PostConstruct
  void register() {
    current = this;
  }

  @jakarta.annotation.PreDestroy
  void unregister() {
    if (current == this) {
      current = null;
    }
  }

  /** Waits until {@link #writesSettled()} in the running context (none: at once). */
  static void awaitWritesSettled() {
    TelephonyEvents events = current;
    if (events != null) {
      org.awaitility.Awaitility.await("the hand-off and the AMI event queue to be done")
          .atMost(java.time.Duration.ofSeconds(60))
          .until(events::writesSettled);
    }
  }

  public void clear() {
    ended.clear();
    distress.clear();
  }

  public Optional<AttemptEnded> ended(long attemptId) {
    return ended.stream().filter(e -> e.attemptId() == attemptId).findFirst();
  }

  /** How many times the attempt was reported ended (once, always). */
  public long endedCount(long attemptId) {
    return ended.stream().filter(e -> e.attemptId() == attemptId).count();
  }

  /**
   * Whether every write of the calls so far is done: nothing waits in the conversations' hand-off
   * (queue, journal, the writer's hands) nor in the AMI event queue. A clean-up before that would
   * let a late write land in the next test's rows (ids start again at 1).
   */
  public boolean writesSettled() {
    return gauge("tanfang_handoff_backlog") == 0 && gauge("tanfang.ami.events.waiting") == 0;
  }

  private double gauge(String name) {
    var g = meters.find(name).gauge();
    return g == null ? 0 : g.value();
  }

  public List<DistressEvent> distressFor(long visitId) {
    return distress.stream().filter(e -> e.visitId() == visitId).toList();
  }
}
