package org.tanfang.dialer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What the AMI events mean for the database, applied off the AMI event threads: each event (and
 * each step that follows from one, such as a failed call's decision once its cause is in) goes to
 * the lane of its call (the attempt, the call-back's channel; the PBX's own events to the PBX's
 * lane) and the lanes are worked by a few threads, one step of a lane at a time, in the order they
 * came. A step the database fails (unreachable, a lock or statement timeout) stays at the head of
 * its lane and is tried again every {@code retry-interval}, so a call's Hangup waits for the
 * database instead of being lost, and nothing after it in the lane overtakes it. Steps are
 * idempotent or one transaction each, so a step tried again after a failure is applied once.
 *
 * <p>Bounded: at most {@code capacity} steps wait over all lanes (in memory); a step that finds it
 * full is dropped and counted, and the sweep ({@code lost-after}, {@code max-call-duration}) or the
 * next reconcile ends its call.
 */
@Component
class AmiEventQueue implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AmiEventQueue.class);

  private static final class Lane {
    final String key;
    final ArrayDeque<Runnable> steps = new ArrayDeque<>();
    boolean running;

    Lane(String key) {
      this.key = key;
    }
  }

  private final AmiEventsProperties props;
  private final JdbcTemplate jdbc;
  private final Map<String, Lane> lanes = new HashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final Counter dropped;
  private volatile boolean failing;
  private ExecutorService workers;
  private ScheduledExecutorService retries;

  AmiEventQueue(
      AmiEventsProperties props, JdbcTemplate jdbc, ObjectProvider<MeterRegistry> meters) {
    this.props = props;
    this.jdbc = jdbc;
    MeterRegistry registry =
        meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
    Gauge.builder("tanfang.ami.events.waiting", this, q -> q.waiting() + q.unpublished())
        .description(
            "AMI events (and their follow-up steps) waiting to be applied, and call events"
                + " waiting for their listeners")
        .register(registry);
    this.dropped =
        Counter.builder("tanfang.ami.events.dropped")
            .description("AMI events dropped because the event queue was full")
            .register(registry);
  }

  private final Object publishing = new Object();

  /** Whether the current thread is one of the lanes' workers (running a step). */
  private static final ThreadLocal<Boolean> ON_WORKER = ThreadLocal.withInitial(() -> false);

  /** Events handed to the publisher thread and not yet published. */
  private final AtomicInteger unpublished = new AtomicInteger();

  private ExecutorService publisher;

  /**
   * Publishes an event of a call (an attempt ended, a transfer answered, a call-back ended) with no
   * other being published at the same time: their listeners (the storm's window, the scheduler's
   * retry decision, the desk) were written for the one AMI event thread, which ran them one after
   * the other; the lanes' workers run in parallel, their listeners still do not. From a lane's step
   * the event goes to the one publisher thread, in the order handed over, and the step returns:
   * with the listeners' 5–6 round trips per ended call under this one lock, every worker ended up
   * waiting for it and the Hangups behind them freed their channels seconds late (load benchmark,
   * h-round). Elsewhere (a reconcile, the sweep) it is published at once.
   */
  void publish(org.springframework.context.ApplicationEventPublisher events, Object event) {
    ExecutorService p;
    synchronized (this) {
      p = ON_WORKER.get() ? publisher : null;
    }
    if (p != null) {
      unpublished.incrementAndGet();
      try {
        p.execute(() -> publishQueued(events, event));
        return;
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        unpublished.decrementAndGet();
      }
    }
    synchronized (publishing) {
      events.publishEvent(event);
    }
  }

  private void publishQueued(
      org.springframework.context.ApplicationEventPublisher events, Object event) {
    try {
      synchronized (publishing) {
        events.publishEvent(event);
      }
    } catch (RuntimeException e) {
      // Written already: the step is not applied again for a listener's failure.
      log.error("A listener of {} failed", event, e);
    } finally {
      if (unpublished.decrementAndGet() == 0) {
        synchronized (this) {
          notifyAll();
        }
      }
    }
  }

  /** Events of calls handed to the publisher thread and not yet published. */
  int unpublished() {
    return unpublished.get();
  }

  /** The lane of one attempt's events. */
  static String attemptLane(long attemptId) {
    return "attempt-" + attemptId;
  }

  /**
   * Queues {@code step} at the end of {@code lane}; never blocks and never touches the database.
   * False when the queue is full (the step is dropped). Before the queue starts and after it
   * stopped the step runs at once on the caller's thread.
   */
  boolean submit(String lane, Runnable step) {
    Lane l;
    synchronized (this) {
      if (workers == null) {
        l = null;
      } else {
        if (waiting.get() >= props.capacity()) {
          dropped.increment();
          log.error(
              "AMI event queue full ({} waiting): a step of {} is dropped; the sweep or the"
                  + " reconcile ends its call",
              waiting.get(),
              lane);
          return false;
        }
        l = lanes.computeIfAbsent(lane, Lane::new);
        l.steps.add(step);
        waiting.incrementAndGet();
        if (l.running) {
          return true;
        }
        l.running = true;
      }
    }
    if (l == null) {
      runInline(lane, step);
    } else {
      workers.execute(() -> work(l));
    }
    return true;
  }

  private void runInline(String lane, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      log.error("AMI event step of {} failed (event queue not running)", lane, e);
    }
  }

  /**
   * A step is coming that is not queued yet (a failed call waiting a moment for its cause): counted
   * as waiting until {@link #arrived()}.
   */
  void expect() {
    waiting.incrementAndGet();
  }

  /** The step {@link #expect()} announced was submitted (or will not come). */
  void arrived() {
    if (waiting.updateAndGet(n -> Math.max(0, n - 1)) == 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Steps of one lane waiting (queued or being applied). */
  synchronized int waiting(String lane) {
    Lane l = lanes.get(lane);
    return l == null ? 0 : l.steps.size();
  }

  /** Steps waiting (queued or being applied, or announced) over all lanes. */
  int waiting() {
    return waiting.get();
  }

  /** Whether the last step tried could not reach the database (steps wait). */
  boolean failing() {
    return failing;
  }

  private void work(Lane lane) {
    while (true) {
      Runnable step;
      synchronized (this) {
        step = lane.steps.peek();
        if (step == null) {
          lane.running = false;
          lanes.remove(lane.key);
          return;
        }
      }
      try {
        ON_WORKER.set(true);
        step.run();
        failing = false;
      } catch (RuntimeException e) {
        if (waitsForDatabase(e)) {
          if (!failing) {
            log.warn(
                "AMI events wait for the database ({}): retried every {}",
                e.toString(),
                props.retryInterval());
          }
          failing = true;
          retryLater(lane);
          return;
        }
        log.error("AMI event step of {} failed; it is dropped", lane.key, e);
      } finally {
        ON_WORKER.set(false);
      }
      synchronized (this) {
        lane.steps.poll();
        if (waiting.decrementAndGet() == 0) {
          notifyAll();
        }
      }
    }
  }

  private void retryLater(Lane lane) {
    ScheduledExecutorService r;
    ExecutorService w;
    synchronized (this) {
      r = retries;
      w = workers;
    }
    if (r == null || w == null) {
      return; // stopped: what waits is left to the sweep and the reconcile
    }
    r.schedule(
        () -> {
          try {
            w.execute(() -> work(lane));
          } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // stopping
          }
        },
        props.retryInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Whether a step failed because of the database (unreachable, a timeout, a lock): it is tried
   * again. A failure of any other kind while the database answers is the step's own: dropped.
   */
  boolean waitsForDatabase(Throwable e) {
    if (databaseFault(e)) {
      return true;
    }
    try {
      jdbc.queryForObject("select 1", Integer.class);
      return false;
    } catch (RuntimeException probe) {
      return true;
    }
  }

  static boolean databaseFault(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TransientDataAccessException
          || t instanceof DataAccessResourceFailureException
          || t instanceof RecoverableDataAccessException
          || t instanceof CannotCreateTransactionException
          || t instanceof java.sql.SQLTransientException
          || t instanceof java.sql.SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") // connection exception
            || state.startsWith("57") // operator intervention: cancelled, shut down
            || state.equals("55P03") // lock not available (lock_timeout)
            || state.startsWith("40")) { // serialization failure, deadlock
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  @Override
  public synchronized void start() {
    if (workers != null) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            Math.max(1, props.workers()),
            r -> {
              Thread t = new Thread(r, "tanfang-ami-events-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    publisher =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "tanfang-ami-events-publish");
              t.setDaemon(true);
              return t;
            });
    retries =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tanfang-ami-events-retry");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * After the AMI connections closed and FastAGI stopped, before the hand-off and the database:
   * applies what waits, at most {@code drain-timeout}; what is left then is ended by the sweep or
   * the start-up reconcile of the next run.
   */
  @Override
  public void stop() {
    long until = System.nanoTime() + props.drainTimeout().toNanos();
    synchronized (this) {
      for (long left = until - System.nanoTime();
          (waiting.get() > 0 || unpublished.get() > 0) && left > 0;
          left = until - System.nanoTime()) {
        try {
          wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    ExecutorService w;
    ScheduledExecutorService r;
    ExecutorService p;
    synchronized (this) {
      w = workers;
      r = retries;
      p = publisher;
      workers = null;
      retries = null;
      publisher = null;
      if (waiting.get() > 0) {
        log.warn(
            "Stopping with {} AMI event steps not applied: the sweep or the next start's"
                + " reconcile ends their calls",
            waiting.get());
      }
      lanes.clear();
      waiting.set(0);
    }
    if (r != null) {
      r.shutdownNow();
    }
    if (w != null) {
      w.shutdownNow();
    }
    if (p != null) {
      p.shutdownNow();
    }
    unpublished.set(0);
  }

  @Override
  public synchronized boolean isRunning() {
    return workers != null;
  }

  /** Starts before the AMI connections, stops after them and FastAGI, before the hand-off. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 150;
  }
}
