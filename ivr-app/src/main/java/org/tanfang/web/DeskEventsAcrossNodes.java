package org.tanfang.web;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.escalation.EscalationChanged;
import org.tanfang.system.WallClock;

/**
 * The desk's live events on every node: each case change this node's desk hears is also sent to the
 * other nodes with PostgreSQL {@code NOTIFY tanfang_desk}, and what they send is pushed to this
 * node's open streams ({@link DeskEvents#relay}). One connection of its own (not from the pool)
 * listens; it reconnects after a database outage (events sent meanwhile are not replayed: the page
 * re-fetches the queue on reconnect). A node skips its own notifications (it pushed them already).
 */
@Component
class DeskEventsAcrossNodes implements SmartLifecycle {
  static final String CHANNEL = "tanfang_desk";
  private static final Logger log = LoggerFactory.getLogger(DeskEventsAcrossNodes.class);

  private final String origin = UUID.randomUUID().toString();
  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final DeskEvents desk;
  private final ExecutorService notifier =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "desk-notify");
            t.setDaemon(true);
            return t;
          });
  private volatile Thread listener;
  private volatile Connection connection;

  DeskEventsAcrossNodes(DataSource dataSource, JdbcTemplate jdbc, DeskEvents desk) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.desk = desk;
  }

  /** Off the thread that changed the case: a database stall must not hold a call's AGI thread. */
  @EventListener
  void on(EscalationChanged e) {
    String payload =
        String.join(
            "|",
            String.valueOf(e.escalationId()),
            String.valueOf(e.elderId()),
            e.type().name(),
            e.state().name(),
            e.action().name(),
            WallClock.utc().instant().toString(),
            origin);
    try {
      notifier.execute(
          () -> {
            try {
              jdbc.query("select pg_notify(?, ?)", rs -> null, CHANNEL, payload);
            } catch (RuntimeException ex) {
              log.warn("Case {} not sent to the other nodes: {}", e.escalationId(), ex.toString());
            }
          });
    } catch (RejectedExecutionException stopping) {
      log.debug("Stopping: case {} not sent to the other nodes", e.escalationId());
    }
  }

  /** A notification's payload as a desk event; null when it is this node's own or unreadable. */
  DeskEvents.DeskEvent parse(String payload) {
    String[] p = payload.split("\\|", 7);
    if (p.length != 7 || p[6].equals(origin)) {
      return null;
    }
    try {
      return new DeskEvents.DeskEvent(
          Long.parseLong(p[0]), Long.parseLong(p[1]), p[2], p[3], p[4], p[5]);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Connection open() throws SQLException {
    Connection c;
    if (dataSource instanceof HikariDataSource h && h.getJdbcUrl() != null) {
      c = DriverManager.getConnection(h.getJdbcUrl(), h.getUsername(), h.getPassword());
    } else {
      c = dataSource.getConnection();
    }
    try (Statement s = c.createStatement()) {
      s.execute("LISTEN " + CHANNEL);
    }
    return c;
  }

  private void listen() {
    long backoff = 500;
    while (listener == Thread.currentThread()) {
      try (Connection c = open()) {
        connection = c;
        backoff = 500;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (listener == Thread.currentThread()) {
          PGNotification[] got = pg.getNotifications(1000);
          if (got == null) {
            continue;
          }
          for (PGNotification n : got) {
            DeskEvents.DeskEvent event = parse(n.getParameter());
            if (event != null) {
              desk.relay(event);
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (listener != Thread.currentThread()) {
          return;
        }
        log.warn("Desk events from other nodes: listening failed ({}); retrying", e.toString());
        try {
          Thread.sleep(backoff); // reconnect back-off, not a wait for a condition
        } catch (InterruptedException stop) {
          return;
        }
        backoff = Math.min(10_000, backoff * 2);
      } finally {
        connection = null;
      }
    }
  }

  @Override
  public synchronized void start() {
    Thread t = new Thread(this::listen, "desk-listen");
    t.setDaemon(true);
    listener = t;
    t.start();
  }

  @Override
  public synchronized void stop() {
    Thread t = listener;
    listener = null;
    notifier.shutdown();
    if (t != null) {
      t.interrupt();
      Connection c = connection;
      if (c != null) {
        try {
          c.close();
        } catch (SQLException e) {
          log.debug("Closing the desk listener's connection", e);
        }
      }
    }
  }

  @Override
  public boolean isRunning() {
    return listener != null;
  }
}
