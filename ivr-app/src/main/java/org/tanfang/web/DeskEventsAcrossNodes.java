package org.tanfang.web;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
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

  /** On a connection of its own (not from the pool); back-off 0.5 s doubling up to 10 s. */
  private final PgListener listener =
      new PgListener(
          "Desk events from other nodes",
          "desk-listen",
          CHANNEL,
          this::open,
          this::relay,
          500,
          b -> Math.min(10_000, b * 2),
          true);

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
    if (dataSource instanceof HikariDataSource h && h.getJdbcUrl() != null) {
      return DriverManager.getConnection(h.getJdbcUrl(), h.getUsername(), h.getPassword());
    }
    return dataSource.getConnection();
  }

  private void relay(String payload) {
    DeskEvents.DeskEvent event = parse(payload);
    if (event != null) {
      desk.relay(event);
    }
  }

  @Override
  public void start() {
    listener.start();
  }

  @Override
  public void stop() {
    listener.stop();
    notifier.shutdown();
  }

  @Override
  public boolean isRunning() {
    return listener.running();
  }
}
