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

  @EventListener
  public void on(AttemptEnded event) {
    ended.add(event);
  }

  @EventListener
  public void on(DistressEvent event) {
    distress.add(event);
  }

  public void clear() {
    ended.clear();
    distress.clear();
  }

  public Optional<AttemptEnded> ended(long attemptId) {
    return ended.stream().filter(e -> e.attemptId() == attemptId).findFirst();
  }

  public List<DistressEvent> distressFor(long visitId) {
    return distress.stream().filter(e -> e.visitId() == visitId).toList();
  }
}
