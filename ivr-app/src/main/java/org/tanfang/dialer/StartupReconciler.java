package org.tanfang.dialer;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start-up, ends the calls a node that is gone left behind: every dialled attempt still DIALING
 * or IN_CALL, and every call-back, claimed by a node with no live Quartz scheduler — this node's
 * own name (it crashed or was killed before; its calls died with it or will be reported by nobody)
 * or a node whose check-in in {@code qrtz_scheduler_state} has lapsed. Without this they would stay
 * open until the sweep's max-call-duration (1 h), holding a channel of their PBX each.
 *
 * <p>A node is alive while a Quartz instance of its name ({@code <node>#<random>}, see {@link
 * InstanceIds}) checked in within its interval plus Quartz's own 7.5 s grace (ClusterManager's
 * failed-instance rule); this node's own new instance does not count. Two live nodes with the same
 * {@code tanfang.telephony.node} are a misconfiguration: then nothing of that name is ended and a
 * warning says why. A recent check-in of this node's own name may also be its previous run, killed
 * moments ago: start-up then waits until that check-in either advances (a live twin) or lapses (the
 * killed run), at most the check-in interval plus the grace. Check-ins (the nodes' own clocks, in
 * ms) are compared with the database's clock, which every node of the cluster shares; the
 * application clock, which tests move, is not the one Quartz writes.
 *
 * <p>Attempts end as the PBX reconcile ends them ({@link Reconciler}): IN_CALL → ANSWERED, DIALING
 * → FAILED, hang-up cause 0 with {@link #REASON} (the calls pages show it in zh-CN and en) unless a
 * cause had come; call-backs end PBX_LOST (the case shows why). A call into the line is an IN_CALL
 * attempt of the node that answered it ({@link #REASON_INBOUND}); its {@code inbound_call} row, and
 * that of an unidentified caller, end LOST through {@link NodeCalls}. A dialled attempt so ended is
 * dialled again at once (scheduling.AttemptOutcomeHandler): the elder was cut off by the node, not
 * by choice.
 *
 * <p>It runs as the first lifecycle phase ({@link #PHASE}), before the web server, FastAGI, AMI and
 * Quartz start: a pacing pass of the new run claims under the same node name, and ending those
 * fresh calls as leftovers would cut them off and dial their elders twice.
 */
@Component
class StartupReconciler implements SmartLifecycle {
  /**
   * Starts before anything that dials or answers (web server, FastAGI, AMI, drain, Quartz's
   * pacing): the calls a new run places are claimed by this node's name too, and must never be
   * taken for the killed run's leftovers.
   */
  static final int PHASE = 0;

  private volatile boolean running;

  /** {@code call_attempt.hangup_cause_text}: a message key. */
  static final String REASON = "hangup.reason.nodeGone";

  /** {@code call_attempt.hangup_cause_text} of a call into the line ended so: a message key. */
  static final String REASON_INBOUND = "hangup.reason.nodeGoneInbound";

  /** Quartz's ClusterManager: an instance is failed this long after its check-in was due. */
  private static final long CHECKIN_GRACE_MS = 7500;

  /** How often a recent check-in of this node's name is looked at again (twin or killed run). */
  private static final long CHECKIN_POLL_MS = 250;

  private static final Logger log = LoggerFactory.getLogger(StartupReconciler.class);

  private final JdbcTemplate jdbc;
  private final CallAttempts attempts;
  private final CallTracker tracker;
  private final StaffCallRows staffRows;
  private final StaffCallTracker staffCalls;
  private final DialerProperties props;
  private final ObjectProvider<Scheduler> scheduler;
  private final List<NodeCalls> nodeCalls;
  private final String schedulerName;

  StartupReconciler(
      JdbcTemplate jdbc,
      CallAttempts attempts,
      CallTracker tracker,
      StaffCallRows staffRows,
      StaffCallTracker staffCalls,
      DialerProperties props,
      ObjectProvider<Scheduler> scheduler,
      List<NodeCalls> nodeCalls,
      @Value("${spring.quartz.scheduler-name:tanfang}") String schedulerName) {
    this.jdbc = jdbc;
    this.attempts = attempts;
    this.tracker = tracker;
    this.staffRows = staffRows;
    this.staffCalls = staffCalls;
    this.props = props;
    this.scheduler = scheduler;
    this.nodeCalls = nodeCalls;
    this.schedulerName = schedulerName;
  }

  @Override
  public void start() {
    running = true;
    try {
      reconcile();
    } catch (RuntimeException e) {
      log.error("Start-up reconcile of calls left by stopped nodes failed", e);
    }
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /**
   * Ends what gone nodes left open; returns how many attempts, call-backs and calls into the line.
   */
  int reconcile() {
    String self = selfInstance();
    Map<String, Boolean> gone = new HashMap<>();
    int ended = 0;
    for (CallAttempts.Claim a : attempts.liveClaims()) {
      if (!gone.computeIfAbsent(a.node(), n -> gone(n, self))) {
        continue;
      }
      if (a.hangupCause() == null) {
        attempts.hangupCause(a.id(), 0, a.inbound() ? REASON_INBOUND : REASON);
      }
      // A call into the line cut off mid-conversation ends like an answered dialled call: the
      // visit counts only if the conversation had got as far as a valid visit (identity and
      // health), else it goes back to the scheduler or, one-off, closes without counting.
      boolean answered = "IN_CALL".equals(a.status());
      tracker.finish(
          a.id(), answered ? AttemptResult.ANSWERED : AttemptResult.FAILED, null, EndedBy.STARTUP);
      ended++;
    }
    for (var c : staffRows.liveByNode().entrySet()) {
      if (gone.computeIfAbsent(c.getValue(), n -> gone(n, self))) {
        staffCalls.finish(c.getKey(), StaffCallTracker.PBX_LOST);
        ended++;
      }
    }
    for (NodeCalls calls : nodeCalls) {
      for (String node : calls.nodesWithOpenCalls()) {
        if (gone.computeIfAbsent(node, n -> gone(n, self))) {
          ended += calls.endLeftBy(node);
        }
      }
    }
    if (ended > 0) {
      log.info(
          "Start-up: {} call(s) left open by stopped node(s) {} ended",
          ended,
          gone.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
    }
    return ended;
  }

  private boolean gone(String node, String self) {
    Map<String, Long> seen = alive(node, self);
    if (seen.isEmpty()) {
      return true;
    }
    if (!node.equals(props.node())) {
      return false;
    }
    // A recent check-in of this node's name: a twin, or this node's own run killed moments ago
    // (its row stays until it lapses). A live twin checks in again within its interval; a killed
    // run's check-in lapses (interval + grace, at most ~12.5 s). Start-up waits for one or the
    // other before anything dials.
    while (true) {
      Map<String, Long> now = alive(node, self);
      if (now.isEmpty()) {
        log.info("The earlier run of '{}' ({}) stopped checking in: it is gone", node, seen);
        return true;
      }
      if (now.entrySet().stream().anyMatch(e -> !e.getValue().equals(seen.get(e.getKey())))) {
        log.warn(
            "Another live node is also named '{}' ({}): its calls are left alone. Give every node"
                + " its own tanfang.telephony.node.",
            node,
            now.keySet());
        return false;
      }
      try {
        Thread.sleep(CHECKIN_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /**
   * Instances named {@code node} (this one left out) that checked in lately, with their check-in.
   */
  private Map<String, Long> alive(String node, String self) {
    Map<String, Long> alive = new HashMap<>();
    jdbc.query(
        "select instance_name, last_checkin_time from qrtz_scheduler_state where sched_name = ?"
            + " and (instance_name = ? or instance_name like ? escape '!')"
            + " and last_checkin_time + checkin_interval + ?"
            + " >= (extract(epoch from now()) * 1000)::bigint",
        rs -> {
          alive.put(rs.getString(1), rs.getLong(2));
        },
        schedulerName,
        node,
        like(node) + InstanceIds.SEPARATOR + "%",
        CHECKIN_GRACE_MS);
    alive.remove(self);
    return alive;
  }

  private String selfInstance() {
    Scheduler s = scheduler.getIfAvailable();
    if (s == null) {
      return "";
    }
    try {
      return s.getSchedulerInstanceId();
    } catch (SchedulerException e) {
      return "";
    }
  }

  private static String like(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  /**
   * Names this node's Quartz instance {@code <tanfang.telephony.node>#<8 hex digits>} (instead of
   * Quartz's AUTO host name + time), so its check-in tells which node name is alive.
   */
  @Configuration(proxyBeanMethods = false)
  static class InstanceIds {
    static final String SEPARATOR = "#";

    @Bean
    SchedulerFactoryBeanCustomizer nodeNamedQuartzInstance(
        QuartzProperties quartz, DialerProperties dialer) {
      return factory -> {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        Properties p = new Properties();
        p.putAll(quartz.getProperties());
        p.setProperty(
            "org.quartz.scheduler.instanceId",
            dialer.node() + SEPARATOR + HexFormat.of().formatHex(random));
        factory.setQuartzProperties(p);
      };
    }
  }
}
