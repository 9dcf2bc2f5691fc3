package org.tanfang.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL {@code LISTEN} loop on a thread of its own: opens a connection, listens on one
 * channel, hands each notification's payload on; on any failure it waits (the back-off its owner
 * chose) and listens again on a new connection. Notifications sent while it was not listening are
 * not replayed. Shared by the dashboard's change stream ({@link DashboardEvents}) and the desk's
 * events across nodes ({@link DeskEventsAcrossNodes}).
 */
final class PgListener {
  private static final Logger log = LoggerFactory.getLogger(PgListener.class);

  /** Where the listening connection comes from. */
  interface Opener {
    Connection open() throws SQLException;
  }

  private final String what;
  private final String threadName;
  private final String channel;
  private final Opener opener;
  private final Consumer<String> payloads;
  private final long firstBackoffMs;
  private final LongUnaryOperator nextBackoff;
  private final boolean closeOnStop;
  private volatile Thread thread;
  private volatile Connection connection;

  /**
   * @param what for the log
   * @param closeOnStop close the connection to end a wait at once on {@link #stop} (only for a
   *     connection of its own: a pooled one is left to the loop, which ends within a second)
   */
  PgListener(
      String what,
      String threadName,
      String channel,
      Opener opener,
      Consumer<String> payloads,
      long firstBackoffMs,
      LongUnaryOperator nextBackoff,
      boolean closeOnStop) {
    this.what = what;
    this.threadName = threadName;
    this.channel = channel;
    this.opener = opener;
    this.payloads = payloads;
    this.firstBackoffMs = firstBackoffMs;
    this.nextBackoff = nextBackoff;
    this.closeOnStop = closeOnStop;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    Thread t = new Thread(this::listen, threadName);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  synchronized void stop() {
    Thread t = thread;
    thread = null;
    if (t == null) {
      return;
    }
    t.interrupt();
    Connection c = connection;
    if (closeOnStop && c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        log.debug("{}: closing the listening connection", what, e);
      }
    }
  }

  boolean running() {
    return thread != null;
  }

  private boolean mine() {
    return thread == Thread.currentThread();
  }

  private void listen() {
    long backoff = firstBackoffMs;
    while (mine()) {
      try (Connection c = opener.open()) {
        connection = c;
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + channel);
        }
        backoff = firstBackoffMs;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (mine()) {
          PGNotification[] got = pg.getNotifications(1000);
          if (got == null) {
            continue;
          }
          for (PGNotification n : got) {
            payloads.accept(n.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!mine()) {
          return;
        }
        log.warn(
            "{}: listening failed ({}); listening again in {} ms", what, e.toString(), backoff);
        try {
          Thread.sleep(backoff); // reconnect back-off, not a wait for a condition
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = nextBackoff.applyAsLong(backoff);
      } finally {
        connection = null;
      }
    }
  }
}
