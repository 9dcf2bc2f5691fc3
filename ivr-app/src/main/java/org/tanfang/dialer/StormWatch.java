package org.tanfang.dialer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.visits.Attempts;

/**
 * Storm mode: watches the share of network failures (FAILED, CONGESTION) among each PBX's recent
 * attempts. Above the threshold the PBX is <b>degraded</b>: the dialer gives it no channels (pacing
 * stops), every attempt that failed in the storm is marked the network's failure ({@code
 * call_attempt.network_failure}: the scheduler reschedules it without counting it, so it is never a
 * reason for UNREACHABLE or a family call), and a probe call to the test number is placed every
 * {@code probe-interval}; {@code probe-successes} probes in a row that get through end the storm,
 * or a supervisor ends it. Runs before the scheduler hears of an ended attempt ({@link Order}), so
 * a failure inside a storm is marked before it is judged.
 */
@Component
public class StormWatch implements AmiEventHandler {
  private static final Logger log = LoggerFactory.getLogger(StormWatch.class);
  static final String PROBE_PREFIX = "tfprobe-";
  private static final Set<AttemptResult> NETWORK =
      Set.of(AttemptResult.FAILED, AttemptResult.CONGESTION);

  private record Seen(long attemptId, boolean failed, Instant at) {}

  private final StormProperties props;
  private final Storms storms;
  private final Attempts attempts;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ObjectProvider<AmiDialer> dialer;
  private final Map<String, Deque<Seen>> windows = new HashMap<>();
  private final Map<String, Long> open = new ConcurrentHashMap<>();
  private final Map<String, Integer> probesOk = new ConcurrentHashMap<>();
  private ScheduledExecutorService prober;
  private ScheduledFuture<?> probing;

  StormWatch(
      StormProperties props,
      Storms storms,
      Attempts attempts,
      JdbcTemplate jdbc,
      Clock clock,
      ObjectProvider<AmiDialer> dialer) {
    this.props = props;
    this.storms = storms;
    this.attempts = attempts;
    this.jdbc = jdbc;
    this.clock = clock;
    this.dialer = dialer;
  }

  /** Whether calls to this PBX are held back. */
  public boolean degraded(String pbx) {
    return open.containsKey(pbx);
  }

  /** An ended attempt: counted in its PBX's window, or held back when its PBX is degraded. */
  @EventListener
  @Order(Ordered.HIGHEST_PRECEDENCE)
  void ended(AttemptEnded e) {
    List<String> pbx =
        jdbc.queryForList("select pbx from call_attempt where id = ?", String.class, e.attemptId());
    if (pbx.isEmpty() || pbx.get(0) == null) {
      return;
    }
    boolean failed = NETWORK.contains(e.result());
    synchronized (this) {
      String name = pbx.get(0);
      Long storm = open.get(name);
      if (storm != null) {
        if (failed) {
          holdBack(storm, List.of(e.attemptId()));
        }
        return;
      }
      Deque<Seen> window = windows.computeIfAbsent(name, k -> new ArrayDeque<>());
      Instant now = clock.instant();
      window.addLast(new Seen(e.attemptId(), failed, now));
      while (window.size() > props.window()
          || now.minus(props.windowTime()).isAfter(window.peekFirst().at())) {
        window.removeFirst();
      }
      long failures = window.stream().filter(Seen::failed).count();
      if (window.size() >= props.minCalls()
          && failures >= Math.ceil(props.threshold() * window.size())) {
        start(name, failures + "/" + window.size() + " failed", window);
      }
    }
  }

  private void start(String pbx, String reason, Deque<Seen> window) {
    long id = storms.start(pbx, reason, clock.instant());
    open.put(pbx, id);
    probesOk.remove(pbx);
    log.warn("Storm on {} ({}): calls to it are held back until probes get through", pbx, reason);
    holdBack(id, window.stream().filter(Seen::failed).map(Seen::attemptId).toList());
    window.clear();
    startProbing();
  }

  private void holdBack(long storm, List<Long> ids) {
    int n = attempts.networkFailure(ids);
    if (n > 0) {
      storms.heldBack(storm, n);
    }
  }

  /** A supervisor (or a probe) ends the storm; false when it was not open. */
  public synchronized boolean end(long stormId, String by) {
    var storm = storms.byId(stormId).filter(Storms.Storm::open);
    if (storm.isEmpty() || !storms.end(stormId, by, clock.instant())) {
      return false;
    }
    open.remove(storm.get().pbx());
    windows.remove(storm.get().pbx());
    log.info("Storm {} on {} ended by {}: calls resume", stormId, storm.get().pbx(), by);
    return true;
  }

  private synchronized void startProbing() {
    if (props.probeNumber().isBlank() || probing != null) {
      return;
    }
    if (prober == null) {
      prober =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "storm-probe");
                t.setDaemon(true);
                return t;
              });
    }
    long ms = Math.max(100, props.probeInterval().toMillis());
    probing = prober.scheduleWithFixedDelay(this::probeAll, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Dials the test number on every degraded PBX; stops once none is. */
  void probeAll() {
    try {
      if (open.isEmpty()) {
        synchronized (this) {
          if (probing != null) {
            probing.cancel(false);
            probing = null;
          }
        }
        return;
      }
      AmiDialer d = dialer.getIfAvailable();
      for (var storm : Map.copyOf(open).entrySet()) {
        if (d != null) {
          d.probe(storm.getKey(), props.probeNumber(), PROBE_PREFIX + storm.getValue() + "-");
        }
      }
    } catch (RuntimeException e) {
      log.warn("Storm probe failed to start", e);
    }
  }

  /**
   * The probe's outcome: answered, rang out or busy means the network carries calls again. On a
   * PJSIP trunk Asterisk reports a busy probe as Reason 0 like any refusal (asterisk-sim README,
   * "PJSIP trunk"), so the probe number should answer or ring.
   */
  @Override
  public void onEvent(PbxLine line, ManagerEvent event) {
    if (!(event instanceof OriginateResponseEvent e)
        || e.getUniqueId() == null
        || !e.getUniqueId().startsWith(PROBE_PREFIX)) {
      return;
    }
    Integer reason = e.getReason();
    boolean through =
        "Success".equalsIgnoreCase(e.getResponse())
            || (reason != null
                && (reason == OutcomeMapping.REASON_RINGING
                    || reason == OutcomeMapping.REASON_BUSY));
    Long storm = open.get(line.name());
    if (storm == null) {
      return;
    }
    if (!through) {
      probesOk.remove(line.name());
      return;
    }
    int ok = probesOk.merge(line.name(), 1, Integer::sum);
    if (ok >= props.probeSuccesses()) {
      end(storm, "probe");
    }
  }

  /** Forgets the windows and reloads the open storms (tests start from a clean slate with it). */
  public synchronized void reload() {
    windows.clear();
    probesOk.clear();
    open.clear();
    storms.open().forEach(s -> open.put(s.pbx(), s.id()));
    if (!open.isEmpty()) {
      startProbing();
    }
  }

  @jakarta.annotation.PostConstruct
  void load() {
    try {
      reload();
    } catch (RuntimeException e) {
      log.warn("Open storms could not be read at start: {}", e.toString());
    }
  }

  @jakarta.annotation.PreDestroy
  synchronized void stop() {
    if (prober != null) {
      prober.shutdownNow();
    }
  }
}
