package org.tanfang.dialer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tanfang.shared.CallLog;
import org.tanfang.visits.Attempts;

/**
 * The {@link Dialer} over Asterisk's Manager Interface: one {@link PbxLine} per PBX, each call an
 * async Originate into the check-in context (family notifications: the family context) with the
 * attempt id as a channel variable.
 */
@Component
class AmiDialer implements Dialer, SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AmiDialer.class);

  private final List<PbxLine> lines;
  private final CallAttempts attempts;
  private final CallTracker tracker;
  private final ApplicationEventPublisher events;
  private final DialerProperties props;
  private final Clock clock;
  private final StaffCallTracker staffCalls;
  private final Reconciler reconciler;
  private volatile ScheduledExecutorService timer;
  private volatile boolean stopping;

  private final ObjectProvider<EarlyMediaListening> listening;
  private final StormWatch storms;
  private final java.util.Map<String, Counter> originates;
  private final ObjectProvider<NodeAgi> agi;
  private final AmiEventQueue queue;
  private final DialledCalls dialled;

  /** Per PBX, the bounded pool its Originates are sent from (while started). */
  private final Map<String, ExecutorService> senders = new ConcurrentHashMap<>();

  AmiDialer(
      DialerProperties props,
      ObjectProvider<SimulatedPbx> simulated,
      CallAttempts attempts,
      CallTracker tracker,
      ApplicationEventPublisher events,
      Clock clock,
      List<AmiEventHandler> handlers,
      StaffCallTracker staffCalls,
      Reconciler reconciler,
      ObjectProvider<EarlyMediaListening> listening,
      StormWatch storms,
      MeterRegistry registry,
      ObjectProvider<NodeAgi> agi,
      AmiEventQueue queue,
      DialledCalls dialled) {
    this.dialled = dialled;
    this.props = props;
    this.queue = queue;
    this.agi = agi;
    this.storms = storms;
    this.listening = listening;
    this.reconciler = reconciler;
    this.staffCalls = staffCalls;
    this.attempts = attempts;
    this.tracker = tracker;
    this.events = events;
    this.clock = clock;
    List<PbxProperties> pbxs = props.configuredPbxs();
    if (pbxs.isEmpty() && simulated.getIfAvailable() != null) {
      pbxs = List.of(simulated.getObject().pbx());
    }
    if (pbxs.isEmpty()) {
      log.warn(
          "No PBX configured (TANFANG_AMI_HOST) and the simulator is off: no calls can be made");
    }
    AmiEventDispatch dispatch = new AmiEventDispatch(handlers, queue);
    this.lines =
        pbxs.stream()
            .map(p -> new PbxLine(p, dispatch::accept, this::loggedIn, this::lost))
            .toList();
    this.originates =
        lines.stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    PbxLine::name,
                    l ->
                        Counter.builder("tanfang.originates")
                            .description("Originate actions sent (rate: originates per second)")
                            .tag("pbx", l.name())
                            .register(registry)));
  }

  /** The PBX lines (metrics show each one's channels, {@link DialerMetrics}). */
  List<PbxLine> lines() {
    return lines;
  }

  /**
   * The line for a call a person asked for (click-to-call): the connected PBX with the most free
   * channels, even with none free; the call then counts as busy while it lasts.
   */
  Optional<PbxLine> personLine() {
    return lines.stream().filter(PbxLine::connected).max(Comparator.comparingInt(this::free));
  }

  /** A graceful stop began ({@link CallDrain}): no new call is dialled from now on. */
  void stopDialling() {
    stopping = true;
  }

  /** Dialling again: the context was started again after a stop (tests pause unused contexts). */
  void resumeDialling() {
    stopping = false;
  }

  /**
   * Free channels over the connected PBXs: one statement counts the busy channels of every PBX
   * (over all nodes), whatever the number of PBXs.
   */
  @Override
  public int freeChannels() {
    return freeChannels(1);
  }

  /**
   * This node's share of them when {@code pacingNodes} nodes pace ({@link #share}), in the same one
   * statement (which also counts this node's own calls per PBX).
   */
  @Override
  public int freeChannels(int pacingNodes) {
    if (stopping) {
      return 0;
    }
    CallAttempts.Busy busy = busy(pacingNodes);
    return ready().stream().mapToInt(l -> share(l, busy, pacingNodes)).sum();
  }

  private List<PbxLine> ready() {
    return lines.stream().filter(PbxLine::connected).filter(PbxLine::reconciled).toList();
  }

  /** The busy channels; with other nodes pacing, this node's own calls per PBX as well. */
  private CallAttempts.Busy busy(int pacingNodes) {
    return pacingNodes <= 1
        ? new CallAttempts.Busy(attempts.busyByPbx(), Map.of())
        : attempts.busyByPbx(props.node());
  }

  /**
   * The free channels of {@code line} this node may fill when {@code nodes} nodes pace: its part of
   * the PBX (channel limit ÷ nodes, rounded up) less its own calls there, never more than are free.
   * The parts are not reserved: a node that stops pacing drops out of the count (its row in {@code
   * pacing_node}), and the others' parts grow at their next pass.
   */
  private int share(PbxLine line, CallAttempts.Busy busy, int nodes) {
    int free = free(line, busy.all());
    if (nodes <= 1) {
      return free;
    }
    int part = (line.pbx().channelLimit() + nodes - 1) / nodes;
    return Math.max(0, Math.min(free, part - busy.node().getOrDefault(line.name(), 0)));
  }

  /** One call of this node: counted, claimed and sent on this thread. */
  @Override
  public DialResult dial(long attemptId) {
    Map<Long, DialResult> results = new HashMap<>();
    List<Placed> placed = place(List.of(attemptId), results, 1);
    for (Placed p : placed) {
      return send(p) ? DialResult.QUEUED : DialResult.FAILED;
    }
    return results.getOrDefault(attemptId, DialResult.NOT_DIALABLE);
  }

  /**
   * A pacing pass: one count of the busy channels and one claim statement for the whole pass, under
   * {@link CallAttempts#CHANNEL_LOCK} (so nodes pacing at once never overfill a PBX); then the
   * Originates go out on each PBX's own bounded sender pool, in parallel over PBXs, and this
   * returns without waiting for them. A send that fails ends its attempt as FAILED.
   */
  @Override
  public Map<Long, DialResult> dialAll(List<Long> attemptIds) {
    return dialAll(attemptIds, 1);
  }

  /** {@link #dialAll(List)} within this node's share of each PBX ({@link #share}). */
  @Override
  public Map<Long, DialResult> dialAll(List<Long> attemptIds, int pacingNodes) {
    Map<Long, DialResult> results = new HashMap<>();
    for (Placed p : place(attemptIds, results, pacingNodes)) {
      results.put(p.call().id(), DialResult.QUEUED);
      ExecutorService sender = senders.get(p.line().name());
      if (sender == null) {
        send(p); // not started (a test driving the dialer by hand): on this thread
      } else {
        sender.execute(() -> send(p));
      }
    }
    return results;
  }

  /** A claimed attempt with the line and channel it is dialled on. */
  private record Placed(PbxLine line, CallAttempts.Claimed call, String channelId) {}

  /**
   * Gives each attempt a channel on the connected PBX with the most free channels (of this node's
   * share, when {@code nodes} nodes pace), and claims them all in one statement. Attempts left
   * without a channel are NO_FREE_CHANNEL in {@code results}, those another node took NOT_DIALABLE.
   */
  private List<Placed> place(List<Long> ids, Map<Long, DialResult> results, int nodes) {
    if (stopping || ids.isEmpty()) {
      ids.forEach(id -> results.put(id, DialResult.NO_FREE_CHANNEL));
      return List.of();
    }
    List<PbxLine> connected = ready();
    return attempts.underChannelLock(
        () -> {
          CallAttempts.Busy busy = busy(nodes);
          Map<String, Integer> free = new HashMap<>();
          for (PbxLine l : connected) {
            free.put(l.name(), share(l, busy, nodes));
          }
          Map<String, PbxLine> byName = new HashMap<>();
          connected.forEach(l -> byName.put(l.name(), l));
          List<Attempts.ChannelClaim> claims = new ArrayList<>();
          for (long id : ids) {
            PbxLine line =
                connected.stream()
                    .filter(l -> free.get(l.name()) > 0)
                    .max(Comparator.comparingInt(l -> free.get(l.name())))
                    .orElse(null);
            if (line == null) {
              results.put(id, DialResult.NO_FREE_CHANNEL);
              continue;
            }
            free.merge(line.name(), -1, Integer::sum);
            claims.add(new Attempts.ChannelClaim(id, line.name(), newChannelId(id)));
          }
          Map<Long, Attempts.ChannelClaim> claimOf = new HashMap<>();
          claims.forEach(c -> claimOf.put(c.id(), c));
          List<Placed> placed = new ArrayList<>();
          for (CallAttempts.Claimed call :
              attempts.claimAll(claims, props.node(), clock.instant())) {
            Attempts.ChannelClaim c = claimOf.get(call.id());
            placed.add(new Placed(byName.get(c.pbx()), call, c.channelId()));
          }
          for (Attempts.ChannelClaim c : claims) {
            results.putIfAbsent(c.id(), DialResult.NOT_DIALABLE);
          }
          placed.forEach(p -> results.remove(p.call().id()));
          return placed;
        });
  }

  /** Tells the call's start and sends its Originate; false (attempt ended FAILED) when not sent. */
  private boolean send(Placed p) {
    try (var scope = CallLog.of(p.call().id(), p.call().visitId())) {
      return sendLogged(p);
    }
  }

  private boolean sendLogged(Placed p) {
    var call = p.call();
    PbxLine line = p.line();
    try {
      events.publishEvent(new AttemptDialing(call.id(), call.visitId(), call.phone(), line.name()));
      // The script of the answered call starts from this, not from a read of the same rows.
      dialled.dialling(
          new DialledCalls.Dialled(call.id(), call.visitId(), call.elderId(), call.dialect()));
      line.originate(
          originate(line.pbx(), call, p.channelId(), earlyMedia(call), nodeAgi()),
          response -> {
            if (response instanceof ManagerError error) {
              // On the AMI thread: the attempt is ended from its lane of the event queue.
              log.warn("Originate of attempt {} refused: {}", call.id(), error.getMessage());
              queue.submit(
                  AmiEventQueue.attemptLane(call.id()),
                  () -> tracker.finish(call.id(), AttemptResult.FAILED, null, EndedBy.DIAL));
            }
          });
      originates.get(line.name()).increment();
      return true;
    } catch (Exception e) {
      log.warn("Originate of attempt {} via {} failed: {}", call.id(), line.name(), e.toString());
      tracker.finish(call.id(), AttemptResult.FAILED, null, EndedBy.DIAL);
      return false;
    }
  }

  /** This node's FastAGI address for the dialplan ({@link ChannelVariables#NODE_AGI}); "" unset. */
  private String nodeAgi() {
    NodeAgi agi = this.agi.getIfAvailable();
    return agi == null ? "" : agi.url();
  }

  private int free(PbxLine line, Map<String, Integer> busy) {
    if (storms.degraded(line.name())) {
      return 0; // storm mode: pacing to this PBX stops until probes get through
    }
    return Math.max(0, line.pbx().channelLimit() - busy.getOrDefault(line.name(), 0));
  }

  /** Free channels of one line now (one count). */
  private int free(PbxLine line) {
    return free(line, attempts.busyByPbx());
  }

  /** A probe call on a degraded PBX: rings the test number, runs nothing when answered. */
  void probe(String pbx, String number, String channelPrefix) {
    lines.stream()
        .filter(l -> l.name().equals(pbx) && l.connected())
        .findFirst()
        .ifPresent(
            line -> {
              OriginateAction a = new OriginateAction();
              a.setChannel(line.pbx().channelFor(number));
              a.setApplication("Hangup");
              a.setTimeout(Math.min(15000L, line.pbx().ringTimeout().toMillis()));
              a.setCallerId(line.pbx().callerId());
              a.setAsync(true);
              byte[] random = new byte[4];
              ThreadLocalRandom.current().nextBytes(random);
              a.setChannelId(channelPrefix + HexFormat.of().formatHex(random));
              try {
                line.originate(a, response -> {});
              } catch (Exception e) {
                log.warn("Storm probe via {} not sent: {}", pbx, e.toString());
              }
            });
  }

  /** EarlyMedia only for check-ins whose line is listened to before the greeting. */
  private boolean earlyMedia(CallAttempts.Claimed call) {
    EarlyMediaListening l = listening.getIfAvailable();
    return props.earlyMedia()
        && !PbxProperties.FAMILY_NOTICE.equals(call.purpose())
        && l != null
        && l.listensBeforeGreeting(call.dialect());
  }

  private static OriginateAction originate(
      PbxProperties pbx,
      CallAttempts.Claimed call,
      String channelId,
      boolean earlyMedia,
      String nodeAgi) {
    OriginateAction a = new OriginateAction();
    if (earlyMedia) {
      a.setEarlyMedia(true);
    }
    a.setChannel(pbx.channelFor(call.phone()));
    a.setContext(pbx.contextFor(call.purpose()));
    a.setExten(pbx.exten());
    a.setPriority(1);
    a.setTimeout(pbx.ringTimeout().toMillis());
    a.setCallerId(pbx.callerId());
    a.setAsync(true);
    // Without ChannelId a failed call's Uniqueid comes back null and cannot be matched.
    a.setChannelId(channelId);
    a.setVariable(ChannelVariables.ATTEMPT_ID, String.valueOf(call.id()));
    a.setVariable(ChannelVariables.VISIT_ID, String.valueOf(call.visitId()));
    if (!nodeAgi.isEmpty()) {
      // The answered call's FastAGI comes back to this node (dialplans/: [tanfang-agi]).
      a.setVariable(ChannelVariables.NODE_AGI, nodeAgi);
    }
    return a;
  }

  /** Unique across nodes and databases sharing a PBX: the attempt id alone may repeat. */
  private static String newChannelId(long attemptId) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return CallTracker.CHANNEL_PREFIX + attemptId + "-" + HexFormat.of().formatHex(random);
  }

  /**
   * After every (re)login: the PBX may have restarted meanwhile (killed: no Hangup ever comes), so
   * calls of this PBX whose channel it no longer carries are ended now, not after
   * max-call-duration. Off the event thread; only calls dialled before this login (later ones are
   * on this session).
   */
  private void loggedIn(PbxLine line) {
    var loginAt = clock.instant();
    ScheduledExecutorService t = timer;
    if (t != null) {
      // Nothing is dialled on the line until the reconcile has hung up what a killed run left up
      // there, so an elder cut off by the kill is never rung while that call still lives.
      line.reconciled(false);
      t.execute(
          () -> {
            // Reconcile first: the calls lost with the connection end inside its storm.
            try {
              reconciler.reconcile(line, loginAt);
            } finally {
              line.reconciled(true);
              // The storm changes in the PBX's lane: after a lost connection's storm that may
              // still wait there for the database, and tried again while the database fails.
              queue.submit(AmiEventDispatch.pbxLane(line), () -> storms.amiBack(line.name()));
              registrationsAtLogin(line);
            }
          });
    } else {
      queue.submit(AmiEventDispatch.pbxLane(line), () -> storms.amiBack(line.name()));
    }
  }

  /** A registration lost while the AMI was down opens its storm now, not at the next REGISTER. */
  private void registrationsAtLogin(PbxLine line) {
    java.util.List<OutboundRegistrationDetailEvent> listed;
    try {
      listed = line.outboundRegistrations();
    } catch (Exception e) {
      log.warn("Outbound registrations of {} not read at login: {}", line.name(), e.toString());
      return;
    }
    queue.submit(AmiEventDispatch.pbxLane(line), () -> storms.registrationsAtLogin(line, listed));
  }

  /** A logged-in AMI connection dropped: the PBX is in a storm until the reconnect. */
  private void lost(PbxLine line) {
    Instant lostAt = clock.instant();
    if (!stopping) {
      queue.submit(
          AmiEventDispatch.pbxLane(line),
          () -> storms.amiLost(line.name(), line.pbx().trunk(), lostAt));
    }
  }

  /** The trunk calls to {@code pbx} leave by (its channel template), null when unknown. */
  String trunkOf(String pbx) {
    return lines.stream()
        .filter(l -> l.name().equals(pbx))
        .findFirst()
        .map(l -> l.pbx().trunk())
        .orElse(null);
  }

  /**
   * Ends attempts whose events were lost (connection drop, node restart). Runs every {@code
   * tanfang.telephony.sweep-interval}; tests turn the timer off and call this themselves.
   */
  void sweep() {
    try {
      Duration longestRing =
          lines.stream()
              .map(l -> l.pbx().ringTimeout())
              .max(Comparator.naturalOrder())
              .orElse(Duration.ZERO);
      var now = clock.instant();
      for (long id : attempts.dialingSince(now.minus(longestRing).minus(props.lostAfter()))) {
        if (queue.waiting(AmiEventQueue.attemptLane(id)) > 0) {
          // Its events are here, waiting in its lane (the queue is behind): late, not lost. Ended
          // FAILED they would count as the network's failures and open a storm (3,000-channel
          // load benchmark: 514 such attempts opened one and stopped the round).
          continue;
        }
        log.warn("Attempt {} got no outcome from Asterisk: ended as FAILED", id);
        tracker.finish(id, AttemptResult.FAILED, null, EndedBy.SWEEP);
      }
      // Past twice max-call-duration a conversation that is still "live" is stuck, not writing:
      // its channel is freed all the same (a stuck thread must not hold a channel for ever).
      Set<Long> stuck =
          new HashSet<>(attempts.inCallSince(now.minus(props.maxCallDuration().multipliedBy(2))));
      for (long id : attempts.inCallSince(now.minus(props.maxCallDuration()))) {
        if (queue.waiting(AmiEventQueue.attemptLane(id)) > 0) {
          continue; // its Hangup may be waiting in its lane
        }
        if (tracker.conversationLive(id)) {
          if (!stuck.contains(id)) {
            // Its conversation still runs on this node or still hands over what it learnt (the
            // hand-off far behind): not a lost Hangup. Ended now, the visit would close before
            // its outcome is written and go back for a retry; its Hangup ends it after the
            // writes, or, if that was lost, the first sweep after the conversation.
            continue;
          }
          log.warn(
              "Attempt {}: its conversation is still live after twice max-call-duration: ended",
              id);
        } else {
          log.warn("Attempt {} never reported its hang-up: ended", id);
        }
        tracker.finish(id, AttemptResult.ANSWERED, null, EndedBy.SWEEP);
      }
      staffCalls.sweep(
          now.minus(longestRing.multipliedBy(2)).minus(props.lostAfter()),
          now.minus(props.maxCallDuration()));
    } catch (RuntimeException e) {
      log.error("Sweeping stale attempts failed", e);
    }
  }

  @Override
  public synchronized void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tanfang-dialer");
              t.setDaemon(true);
              return t;
            });
    for (PbxLine line : lines) {
      senders.put(line.name(), sender(line));
    }
    long every = props.reconnectInterval().toMillis();
    timer.scheduleWithFixedDelay(
        () -> lines.forEach(PbxLine::connectIfIdle), 0, every, TimeUnit.MILLISECONDS);
    long sweepEvery = props.sweepInterval().toMillis();
    if (sweepEvery > 0) {
      timer.scheduleWithFixedDelay(this::sweep, sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * {@code dial-threads} threads sending this PBX's Originates; the queue holds one pass for the
   * PBX's channels, and a pass larger than that sends the rest on the pacing thread (back-pressure,
   * nothing dropped).
   */
  private ExecutorService sender(PbxLine line) {
    int threads = Math.max(1, props.dialThreads());
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(Math.max(16, line.pbx().channelLimit())),
        r -> {
          Thread t = new Thread(r, "tanfang-dial-" + line.name() + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.CallerRunsPolicy());
  }

  @Override
  public synchronized void stop() {
    senders.values().forEach(ExecutorService::shutdown);
    for (ExecutorService s : senders.values()) {
      try {
        s.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    senders.clear();
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    lines.forEach(PbxLine::close);
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }

  /**
   * Stops after {@link CallDrain} (the AMI stays connected while live calls finish, so their
   * Hangups arrive) and before FastAGI; starts after FastAGI, so answered calls find the script.
   */
  @Override
  public int getPhase() {
    return CallDrain.PHASE - 40;
  }
}
