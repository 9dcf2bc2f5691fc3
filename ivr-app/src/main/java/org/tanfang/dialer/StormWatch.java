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
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.RegistryEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tanfang.dialer.StormWrites.Change;
import org.tanfang.visits.Attempts;

/**
 * Storm mode: watches the share of network failures (FAILED, CONGESTION) among each PBX's recent
 * attempts. Above the threshold the PBX is <b>degraded</b>: the dialer gives it no channels (pacing
 * stops), every attempt that failed in the storm is marked the network's failure ({@code
 * call_attempt.network_failure}: the scheduler reschedules it without counting it, so it is never a
 * reason for UNREACHABLE or a family call), and a probe call to the test number is placed every
 * {@code probe-interval}; {@code probe-successes} probes in a row that get through end the storm,
 * or a supervisor ends it. A lost AMI connection opens a storm too ({@link #amiLost}), which the
 * reconnect ends ({@link #amiBack}). Runs before the scheduler hears of an ended attempt ({@link
 * Order}), so a failure inside a storm is marked before it is judged.
 *
 * <p>The storm itself is the open {@code pbx_storm} row, read on every question: every node sharing
 * the database obeys the same storm, whichever node opened or ended it. Only the sliding window of
 * recent attempts and the count of probes in a row are this node's own.
 */
@Component
public class StormWatch implements AmiEventHandler {
  private static final Logger log = LoggerFactory.getLogger(StormWatch.class);
  static final String PROBE_PREFIX = "tfprobe-";

  /** {@code pbx_storm.reason} of a storm a lost AMI connection opened. */
  static final String AMI_LOST_REASON = "AMI connection lost";

  /** {@code pbx_storm.ended_by} when the AMI reconnect ended the storm. */
  static final String ENDED_BY_RECONNECT = "reconnect";

  /** {@code pbx_storm.ended_by} when the trunk registered again. */
  static final String ENDED_BY_REGISTRATION = "registration";

  private static final Set<AttemptResult> NETWORK =
      Set.of(AttemptResult.FAILED, AttemptResult.CONGESTION);

  private record Seen(long attemptId, boolean failed, Instant at) {}

  private final StormProperties props;
  private final Storms storms;
  private final Attempts attempts;
  private final Clock clock;
  private final ObjectProvider<AmiDialer> dialer;
  private final StormWrites writes;
  private final Map<String, Deque<Seen>> windows = new HashMap<>();
  private final Map<Long, Integer> probesOk = new ConcurrentHashMap<>();
  private ScheduledExecutorService prober;

  StormWatch(
      StormProperties props,
      Storms storms,
      Attempts attempts,
      Clock clock,
      ObjectProvider<AmiDialer> dialer,
      StormWrites writes) {
    this.writes = writes;
    this.props = props;
    this.storms = storms;
    this.attempts = attempts;
    this.clock = clock;
    this.dialer = dialer;
  }

  /** Whether calls to this PBX are held back: a storm is open on it in the database. */
  public boolean degraded(String pbx) {
    return storms.openOn(pbx).isPresent();
  }

  /**
   * An ended attempt: counted in its PBX's window, or held back when its PBX is degraded. Never
   * throws: it runs first among the listeners of {@link AttemptEnded}, and a failure here would
   * keep the scheduler's retry decision from running. A storm write the database fails goes to the
   * PBX's lane ({@link StormWrites#nowOrInLane}); a read it fails leaves the attempt out of the
   * window (counted, {@code change} WINDOW, and logged).
   */
  @EventListener
  @Order(Ordered.HIGHEST_PRECEDENCE)
  void ended(AttemptEnded e) {
    try {
      watch(e);
    } catch (RuntimeException ex) {
      writes.failed("attempt " + e.attemptId(), Change.WINDOW, ex);
    }
  }

  private void watch(AttemptEnded e) {
    if (e.pbx() == null) {
      return;
    }
    boolean failed = NETWORK.contains(e.result());
    String name = e.pbx();
    var storm = storms.openOn(name);
    synchronized (this) {
      if (storm.isPresent()) {
        // Whichever node opened it: what this node saw before the storm is not counted again.
        windows.remove(name);
        if (failed) {
          long id = storm.get().id();
          writes.nowOrInLane(name, Change.HELD_BACK, () -> holdBack(id, List.of(e.attemptId())));
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
    List<Long> failedIds = window.stream().filter(Seen::failed).map(Seen::attemptId).toList();
    Instant at = clock.instant();
    String trunk = trunkOf(pbx);
    window.clear();
    writes.nowOrInLane(
        pbx,
        Change.STARTED,
        () -> {
          // One open storm per PBX: a retry finds the row it may have written already.
          long id = storms.start(pbx, trunk, Storms.Cause.FAILURES, reason, at);
          log.warn(
              "Storm on {} ({}): calls to it are held back until probes get through", pbx, reason);
          holdBack(id, failedIds);
        });
  }

  private String trunkOf(String pbx) {
    AmiDialer d = dialer.getIfAvailable();
    return d == null ? null : d.trunkOf(pbx);
  }

  /**
   * This node lost its AMI connection to {@code pbx} (not a logoff of its own): a storm opens, so
   * no node dials through the PBX and the calls that end meanwhile (the reconcile at the next
   * login, the sweep) are the network's failure, not the elders'.
   */
  public void amiLost(String pbx, String trunk) {
    amiLost(pbx, trunk, clock.instant());
  }

  /** {@link #amiLost(String, String)} as of {@code at} (when it was lost: the step may wait). */
  public void amiLost(String pbx, String trunk, Instant at) {
    try {
      long id = storms.start(pbx, trunk, Storms.Cause.AMI_LOST, AMI_LOST_REASON, at);
      log.warn("Storm {} on {}: {}; calls to it are held back", id, pbx, AMI_LOST_REASON);
    } catch (RuntimeException e) {
      throw writes.failed(pbx, Change.AMI_LOST, e);
    }
  }

  /**
   * Logged in to {@code pbx} again (after the reconcile of its calls): a storm the lost connection
   * opened ends; a storm of failing calls or of a lost registration is left to probes.
   */
  public void amiBack(String pbx) {
    try {
      storms
          .openOn(pbx)
          .filter(s -> s.cause() == Storms.Cause.AMI_LOST)
          .ifPresent(s -> end(s.id(), ENDED_BY_RECONNECT));
    } catch (RuntimeException e) {
      throw writes.failed(pbx, Change.AMI_BACK, e);
    }
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
    windows.remove(storm.get().pbx());
    probesOk.remove(stormId);
    log.info("Storm {} on {} ended by {}: calls resume", stormId, storm.get().pbx(), by);
    return true;
  }

  /** Dials the test number on every PBX with an open storm (read from the database). */
  void probeAll() {
    try {
      List<Storms.Storm> open = storms.open();
      if (open.isEmpty()) {
        probesOk.clear();
        return;
      }
      AmiDialer d = dialer.getIfAvailable();
      for (Storms.Storm storm : open) {
        if (d != null) {
          d.probe(storm.pbx(), props.probeNumber(), PROBE_PREFIX + storm.id() + "-");
        }
      }
    } catch (RuntimeException e) {
      log.warn("Storm probe failed to start: {}", e.toString());
    }
  }

  /**
   * The probe's outcome: answered, rang out or busy means the network carries calls again. On a
   * PJSIP trunk Asterisk reports a busy probe as Reason 0 like any refusal (asterisk-sim README,
   * "PJSIP trunk"), so the probe number should answer or ring.
   */
  @Override
  public boolean follows(ManagerEvent event) {
    return event instanceof RegistryEvent
        || (event instanceof OriginateResponseEvent e
            && e.getUniqueId() != null
            && e.getUniqueId().startsWith(PROBE_PREFIX));
  }

  @Override
  public void onEvent(PbxLine line, ManagerEvent event) {
    if (event instanceof RegistryEvent r) {
      registry(line, r);
      return;
    }
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
    Long storm = probedStorm(e.getUniqueId());
    if (storm == null || storms.openOn(line.name()).filter(s -> s.id() == storm).isEmpty()) {
      return;
    }
    if (!through) {
      probesOk.remove(storm);
      return;
    }
    int ok = probesOk.merge(storm, 1, Integer::sum);
    if (ok >= props.probeSuccesses()) {
      try {
        end(storm, "probe");
      } catch (RuntimeException ex) {
        probesOk.merge(storm, -1, Integer::sum); // this probe is counted again when retried
        throw writes.failed(line.name(), Change.PROBE_ENDED, ex);
      }
    }
  }

  /**
   * An outbound registration completed (AMI {@code Registry}, Asterisk 22: Status Registered,
   * Unregistered, Rejected or Failed): anything but Registered opens a storm on the PBX (its trunk
   * can no longer be reached through the carrier); Registered again ends such a storm ({@code
   * ended_by = registration}). A storm of failing calls or of a lost AMI connection is not ended by
   * it.
   */
  private void registry(PbxLine line, RegistryEvent r) {
    if (!props.watchRegistration()
        || !"PJSIP".equalsIgnoreCase(r.getChannelType())
        || r.getStatus() == null
        || !ofTheTrunk(r.getDomain())) {
      return;
    }
    if ("Registered".equalsIgnoreCase(r.getStatus())) {
      registered(line);
    } else {
      registrationLost(line, r.getStatus(), r.getCause(), r.getDomain());
    }
  }

  /**
   * At every AMI login ({@code PJSIPShowRegistrationsOutbound}, Asterisk 22): a registration lost
   * while the connection was down raises no Registry event this session will see, so the listing is
   * read as one. Any of the trunk's registrations not Registered opens a storm (reason {@code
   * registration <Status> at login}); all of them Registered ends a REGISTRATION_LOST storm; none
   * listed (no outbound registration, or an answer refused) changes nothing.
   */
  void registrationsAtLogin(PbxLine line, List<OutboundRegistrationDetailEvent> listed) {
    if (!props.watchRegistration()) {
      return;
    }
    List<OutboundRegistrationDetailEvent> trunk =
        listed.stream().filter(r -> r.getStatus() != null && ofTheTrunk(r.getServerUri())).toList();
    if (trunk.isEmpty()) {
      return;
    }
    trunk.stream()
        .filter(r -> !"Registered".equalsIgnoreCase(r.getStatus()))
        .findFirst()
        .ifPresentOrElse(
            r ->
                registrationLost(
                    line, r.getStatus() + " at login", r.getObjectName(), r.getServerUri()),
            () -> registered(line));
  }

  /** Whether a registrar (Registry Domain, or a ServerUri) is the trunk's (registration-domain). */
  private boolean ofTheTrunk(String registrar) {
    return props.registrationDomain().isBlank()
        || (registrar != null && registrar.contains(props.registrationDomain()));
  }

  private void registered(PbxLine line) {
    try {
      storms
          .openOn(line.name())
          .filter(s -> s.cause() == Storms.Cause.REGISTRATION_LOST)
          .ifPresent(s -> end(s.id(), ENDED_BY_REGISTRATION));
    } catch (RuntimeException e) {
      throw writes.failed(line.name(), Change.REGISTERED, e);
    }
  }

  private void registrationLost(PbxLine line, String status, String cause, String registrar) {
    try {
      String reason = "registration " + status;
      if (cause != null && !cause.isBlank()) {
        reason += ": " + cause;
      }
      reason = reason.length() > 80 ? reason.substring(0, 80) : reason;
      long id =
          storms.start(
              line.name(),
              line.pbx().trunk(),
              Storms.Cause.REGISTRATION_LOST,
              reason,
              clock.instant());
      log.warn(
          "Storm {} on {}: {} ({}); calls to it are held back", id, line.name(), reason, registrar);
    } catch (RuntimeException e) {
      throw writes.failed(line.name(), Change.REGISTRATION_LOST, e);
    }
  }

  /** The storm id in a probe's channel id {@code tfprobe-<storm>-<random>}. */
  private static Long probedStorm(String uniqueId) {
    String rest = uniqueId.substring(PROBE_PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Forgets the windows and the probes in a row (tests start from a clean slate with it). */
  public synchronized void reload() {
    windows.clear();
    probesOk.clear();
  }

  /** Probes run while the database holds an open storm, whichever node opened it. */
  @jakarta.annotation.PostConstruct
  synchronized void startProbing() {
    if (props.probeNumber().isBlank() || prober != null) {
      return;
    }
    prober =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "storm-probe");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(100, props.probeInterval().toMillis());
    prober.scheduleWithFixedDelay(this::probeAll, ms, ms, TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  synchronized void stop() {
    if (prober != null) {
      prober.shutdownNow();
      prober = null;
    }
  }
}
