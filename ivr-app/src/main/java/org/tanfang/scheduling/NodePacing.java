package org.tanfang.scheduling;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tanfang.dialer.ChannelFreed;
import org.tanfang.shared.QuartzJobs;

/**
 * The pacing job on this node: a Quartz scheduler of its own, in memory (not the clustered JDBC
 * store, whose jobs fire on one node of the cluster), with one thread, so every node paces every
 * {@code pacing-interval} and one pass at a time per node ({@link SchedulingJobs.PacingJob} is
 * {@code @DisallowConcurrentExecution}). Nodes share the work through the claims themselves ({@code
 * for update skip locked}), the dialer's channel lock and each node's share of the channels ({@link
 * PacingNodes}: the nodes that pace now): nothing coordinates them besides PostgreSQL. Stops before
 * the graceful stop's drain (it stops first: highest phase).
 */
@Component
@ConditionalOnProperty(
    name = "tanfang.scheduler.enabled",
    havingValue = "true",
    matchIfMissing = true)
class NodePacing implements SmartLifecycle {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Pacer pacer;
  private final SchedulerProperties props;
  private volatile Scheduler scheduler;
  private volatile JobDetail job;

  /** A pass is asked for and has not begun yet (channels freed meanwhile ask for no other). */
  private final AtomicBoolean asked = new AtomicBoolean();

  NodePacing(Pacer pacer, SchedulerProperties props) {
    this.pacer = pacer;
    this.props = props;
  }

  @Override
  public synchronized void start() {
    Properties q = new Properties();
    // Quartz keeps schedulers by name per JVM: a unique name per context (tests run two nodes).
    q.setProperty(
        StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME,
        "tanfang-pacing-" + INSTANCES.incrementAndGet());
    q.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    q.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
    q.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
    q.setProperty("org.quartz.threadPool.threadCount", "1");
    q.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    try {
      Scheduler s = new StdSchedulerFactory(q).getScheduler();
      s.setJobFactory(
          (bundle, sched) -> {
            asked.set(false); // this pass counts the channels freed until now
            return new SchedulingJobs.PacingJob(pacer);
          });
      JobDetail pacing = QuartzJobs.job(SchedulingJobs.PacingJob.class, "pacing", "tanfang-node");
      s.scheduleJob(pacing, QuartzJobs.every(pacing, props.pacingInterval()));
      s.start();
      job = pacing;
      scheduler = s;
    } catch (SchedulerException e) {
      throw new IllegalStateException("The pacing scheduler did not start", e);
    }
  }

  /**
   * A channel of this node's calls is free at the PBX: a pass now, not at the next interval (after
   * the pass under way, if one is: passes never overlap). The channels freed before that pass
   * begins ask for no other, so a wave of hang-ups costs a pass or two, not one each.
   */
  @EventListener
  void channelFreed(ChannelFreed e) {
    Scheduler s = scheduler;
    JobDetail j = job;
    if (s == null || j == null || !asked.compareAndSet(false, true)) {
      return;
    }
    try {
      s.triggerJob(j.getKey());
    } catch (SchedulerException stopping) {
      asked.set(false);
    }
  }

  /**
   * Waits for a pass under way (its claims are committed; its sends are the dialer's), then leaves
   * the pacing nodes, so the others take this node's share at their next pass.
   */
  @Override
  public synchronized void stop() {
    Scheduler s = scheduler;
    scheduler = null;
    if (s != null) {
      try {
        s.shutdown(true);
      } catch (SchedulerException e) {
        throw new IllegalStateException("The pacing scheduler did not stop", e);
      }
      pacer.leave();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }

  /** With Quartz's own phase: stops first on a graceful stop, before the drain. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
