package org.tanfang.scheduling;

import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.tanfang.registry.EldersChanged;

/**
 * Plans at once: when elders are created, changed, paused, resumed or imported, their current
 * cycles are planned or re-planned right after the registry's transaction commits, instead of at
 * the next daily run. The work runs on one worker thread, so a request (or an import of thousands)
 * is not held up and changes are planned in the order they were committed; an import is planned in
 * bulk, {@value #CHUNK} elders at a time. Idempotent like the daily run, which still catches
 * anything missed here (a node stopped between the commit and the plan).
 */
@Component
public class Replanning {
  private static final Logger log = LoggerFactory.getLogger(Replanning.class);
  static final int CHUNK = 5000;

  private final CyclePlanning planning;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "replan");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean enabled;

  Replanning(CyclePlanning planning, SchedulerProperties props) {
    this.planning = planning;
    this.enabled = props.planOnChange();
  }

  /** {@code tanfang.scheduler.plan-on-change}, switched at run time (tests turn it on and off). */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void eldersChanged(EldersChanged e) {
    request(e.elderIds(), e.cause());
  }

  /**
   * Re-plans these elders' current cycles on the worker (when plan-on-change is on): for changes
   * the registry does not see, such as the health rule turning the next visit into a home visit.
   */
  public void request(List<Long> elderIds, String cause) {
    if (!enabled || elderIds.isEmpty()) {
      return;
    }
    EldersChanged e = new EldersChanged(elderIds, cause);
    worker.execute(() -> replan(e));
  }

  private void replan(EldersChanged e) {
    List<Long> ids = e.elderIds();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      try {
        planning.replan(chunk);
      } catch (RuntimeException ex) {
        // The daily run plans them at the latest.
        log.error("Could not re-plan {} elders after {}", chunk.size(), e.cause(), ex);
      }
    }
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}
