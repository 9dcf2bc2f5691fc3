package org.tanfang.callflow;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reads a conversation makes while the elder is on the line, each within {@code
 * tanfang.telephony.handoff.read-timeout}: in a transaction with that {@code lock_timeout} and
 * {@code statement_timeout} ({@code SET LOCAL}), run on a reader thread the conversation waits for
 * at most that long (so waiting for a pool connection counts too). Late, failed, or while the
 * hand-off knows the database is unreachable: the fallback, at once, and the call goes on.
 */
@Component
class ConversationReads {
  private static final Logger log = LoggerFactory.getLogger(ConversationReads.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Handoff handoff;
  private final long budgetMs;
  private final ThreadPoolExecutor readers;

  /**
   * Reads started ahead ({@link #readAhead}): queued, not refused, when a wave of calls is answered
   * at once (nobody waits for them yet); a few threads, so they do not take the whole pool.
   */
  private final ThreadPoolExecutor ahead;

  static final int AHEAD_THREADS = 8;
  static final int AHEAD_QUEUE = 10_000;

  ConversationReads(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      Handoff handoff,
      HandoffProperties props) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.handoff = handoff;
    this.budgetMs = Math.max(1, props.readTimeout().toMillis());
    AtomicInteger n = new AtomicInteger();
    this.readers =
        new ThreadPoolExecutor(
            0,
            64,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "tanfang-conversation-read-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    AtomicInteger m = new AtomicInteger();
    this.ahead =
        new ThreadPoolExecutor(
            AHEAD_THREADS,
            AHEAD_THREADS,
            30,
            TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(AHEAD_QUEUE),
            r -> {
              Thread t = new Thread(r, "tanfang-conversation-read-ahead-" + m.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ahead.allowCoreThreadTimeOut(true);
  }

  /** {@code query}'s result within the budget, else {@code fallback} ({@code what} for the log). */
  <T> T read(String what, Supplier<T> query, Supplier<T> fallback) {
    if (!handoff.databaseReachable()) {
      log.warn("{}: database unreachable, going on without it", what);
      return fallback.get();
    }
    Future<T> f;
    try {
      f = readers.submit(() -> tx.execute(status -> bounded(query)));
    } catch (RejectedExecutionException e) {
      log.warn("{}: every reader is waiting on the database, going on without it", what);
      return fallback.get();
    }
    return collect(what, f, fallback);
  }

  /**
   * {@link #read}, started now for a result the conversation needs later (the follow-ups after the
   * identity question): what the returned supplier gives is what {@code read} would give then, but
   * the query has usually run while the elder listened. When it is asked for, a finished read gives
   * its result (its failure: the fallback); one still running or queued is waited for at most the
   * budget, from then (and cancelled if late); one that could not be queued (database unreachable,
   * {@link #AHEAD_QUEUE} waiting) is made then by {@link #read}.
   */
  <T> Supplier<T> readAhead(String what, Supplier<T> query, Supplier<T> fallback) {
    Future<T> f = null;
    if (handoff.databaseReachable()) {
      try {
        f = ahead.submit(() -> tx.execute(status -> bounded(query)));
      } catch (RejectedExecutionException e) {
        // thousands queued: read when it is needed
      }
    }
    Future<T> started = f;
    return () -> started == null ? read(what, query, fallback) : collect(what, started, fallback);
  }

  private <T> T collect(String what, Future<T> f, Supplier<T> fallback) {
    if (!f.isDone() && !handoff.databaseReachable()) {
      f.cancel(true);
      log.warn("{}: database unreachable, going on without it", what);
      return fallback.get();
    }
    try {
      return f.get(budgetMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      log.warn("{}: no answer from the database within {} ms, going on without it", what, budgetMs);
    } catch (ExecutionException e) {
      log.warn("{}: {}, going on without it", what, e.getCause().toString());
    } catch (java.util.concurrent.CancellationException e) {
      log.warn("{}: read cancelled, going on without it", what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return fallback.get();
  }

  /** The database did not do a call's step within the budget (or failed it). */
  static final class Late extends RuntimeException {
    Late(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * {@code work} (reads and writes, one transaction) within the budget, like {@link #read}; late or
   * failed it throws {@link Late} and the caller's path decides (the inbound line: to staff). A
   * transaction that gets its connection only after the call gave up is rolled back at its end, so
   * nothing is left behind for a call that went on without it (a commit in the last instant can
   * still slip through: an attempt left open that way is ended by the sweep or the next start).
   */
  <T> T within(String what, Supplier<T> work) {
    if (!handoff.databaseReachable()) {
      throw new Late(what + ": database unreachable", null);
    }
    return tryWithin(what, work);
  }

  /**
   * {@link #within}, tried even while the hand-off finds the database unreachable (a step at the
   * end of a call, such as its result, which costs the caller at most the budget).
   */
  <T> T tryWithin(String what, Supplier<T> work) {
    java.util.concurrent.atomic.AtomicBoolean gaveUp =
        new java.util.concurrent.atomic.AtomicBoolean();
    Future<T> f;
    try {
      f =
          readers.submit(
              () ->
                  tx.execute(
                      status -> {
                        T done = bounded(work);
                        if (gaveUp.get()) {
                          status.setRollbackOnly();
                        }
                        return done;
                      }));
    } catch (RejectedExecutionException e) {
      throw new Late(what + ": every reader is waiting on the database", e);
    }
    try {
      return f.get(budgetMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      gaveUp.set(true);
      f.cancel(true);
      throw new Late(what + ": no answer from the database within " + budgetMs + " ms", e);
    } catch (ExecutionException e) {
      throw new Late(what + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      gaveUp.set(true);
      Thread.currentThread().interrupt();
      throw new Late(what + ": interrupted", e);
    }
  }

  private <T> T bounded(Supplier<T> query) {
    jdbc.execute("set local lock_timeout = " + budgetMs);
    jdbc.execute("set local statement_timeout = " + budgetMs);
    return query.get();
  }
}
