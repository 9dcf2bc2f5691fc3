package org.tanfang.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.system.ConditionalOnSimulator;

/**
 * Dev-mode traffic until the scheduler places real visits: every few seconds, one call to a random
 * active, consenting, self-sufficient elder, so the calls page fills with every kind of outcome.
 * The scheduler replaces it: delete this class or set {@code tanfang.demo.caller.enabled=false}.
 */
@Component
@ConditionalOnSimulator(switchProperty = "tanfang.demo.caller.enabled")
class DemoCaller implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(DemoCaller.class);

  private final JdbcTemplate jdbc;
  private final Dialer dialer;
  private final TestCalls calls;
  private final Duration interval;
  private ScheduledExecutorService timer;

  DemoCaller(
      JdbcTemplate jdbc,
      Dialer dialer,
      TestCalls calls,
      @Value("${tanfang.demo.caller.interval:5s}") Duration interval) {
    this.jdbc = jdbc;
    this.dialer = dialer;
    this.calls = calls;
    this.interval = interval;
  }

  void callSomeone() {
    try {
      if (dialer.freeChannels() == 0) {
        return;
      }
      List<Long> ids =
          jdbc.queryForList(
              "select id from elder where status = 'ACTIVE' and consent and self_care"
                  + " order by random() limit 1",
              Long.class);
      if (!ids.isEmpty()) {
        var placed = calls.place(ids.get(0), TestCalls.Origin.DEMO);
        log.debug("Demo call to elder {}: {}", ids.get(0), placed);
      }
    } catch (TestCalls.NoLineException e) {
      log.debug("Demo call skipped: no free line");
    } catch (RuntimeException e) {
      log.warn("Demo call failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tanfang-demo-caller");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::callSomeone, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "Demo caller on: one call every {} (tanfang.demo.caller.enabled=false stops it)", interval);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
