package org.tanfang.dialer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Failed originates waiting for the Hangup that carries their Q.850 cause: each is decided once,
 * when the cause arrives or when the wait is over, whichever comes first.
 */
final class PendingCauses implements AutoCloseable {
  private record Pending(long attemptId, Integer reason, BiConsumer<Long, Integer> decide) {}

  private final Duration wait;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tanfang-hangup-cause");
            t.setDaemon(true);
            return t;
          });

  PendingCauses(Duration wait) {
    this.wait = wait;
  }

  void await(String channelId, long attemptId, Integer reason, BiConsumer<Long, Integer> decide) {
    pending.put(channelId, new Pending(attemptId, reason, decide));
    timer.schedule(() -> arrived(channelId), wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The cause of {@code channelId} is known (or will not come): decide now if it waits. */
  void arrived(String channelId) {
    Pending p = pending.remove(channelId);
    if (p != null) {
      p.decide().accept(p.attemptId(), p.reason());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
