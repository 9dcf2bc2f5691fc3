package org.tanfang.web;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tanfang.reports.Area;
import org.tanfang.reports.ReportsProperties;
import org.tanfang.security.RegionScope;
import org.tanfang.system.WallClock;

/**
 * Tells open dashboards that their figures changed: a server-sent {@code changed} event (no figures
 * and no elder data; the page then fetches {@code /dashboard/figures}). The database says what
 * changed: triggers on {@code visit} and {@code escalation} (V52) send {@code NOTIFY
 * dashboard_changed} with the elder's district, street and community on commit, whichever code path
 * (a call, a visitor's form, the desk, an import) made the change. A stream hears only changes
 * inside its user's region scope and its dashboard's area, and at most one event per {@code
 * tanfang.reports.live-debounce} (the first at once, later ones folded into one at the end of the
 * span). Sending and heartbeats work as the desk's stream ({@link DeskEvents}).
 */
@Component
class DashboardEvents implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(DashboardEvents.class);
  static final String CHANNEL = "dashboard_changed";

  /** Real time, not the application clock: the debounce is about the browser, not the data. */
  private static final Clock WALL = WallClock.utc();

  /** One open dashboard stream. */
  private static final class Subscription {
    final RegionScope scope;
    final Area area;
    long lastSent = Long.MIN_VALUE / 2;
    boolean pending;

    Subscription(RegionScope scope, Area area) {
      this.scope = scope;
      this.area = area;
    }

    boolean hears(String district, String street, String community) {
      return scope.contains(district, street, community)
          && (area.district() == null || area.district().equals(district))
          && (area.street() == null || area.street().equals(street))
          && (area.community() == null || area.community().equals(community));
    }
  }

  private final Map<SseEmitter, Subscription> emitters = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sender;
  private final DataSource dataSource;
  private final DeskProperties desk;
  private final long debounceMillis;
  private final PgListener listener;

  DashboardEvents(DataSource dataSource, DeskProperties desk, ReportsProperties reports) {
    this.dataSource = dataSource;
    this.desk = desk;
    this.debounceMillis = reports.liveDebounce().toMillis();
    this.sender =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dashboard-events");
              t.setDaemon(true);
              return t;
            });
    long beat = desk.heartbeat().toMillis();
    sender.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    // LISTEN on a pool connection held while it listens; on any failure again after 5 s.
    listener =
        new PgListener(
            "Dashboard change listener",
            "dashboard-listen",
            CHANNEL,
            dataSource::getConnection,
            this::notified,
            5000,
            b -> b,
            false);
    listener.start();
  }

  /** A new stream for a dashboard of {@code area} opened by a user working in {@code scope}. */
  SseEmitter subscribe(RegionScope scope, Area area) {
    SseEmitter emitter = new SseEmitter(desk.streamTimeout().toMillis());
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(
        () -> {
          emitters.remove(emitter);
          emitter.complete();
        });
    emitter.onError(e -> emitters.remove(emitter));
    emitters.put(emitter, new Subscription(scope, area));
    try {
      emitter.send(
          SseEmitter.event()
              .name("ready")
              .data("{\"serverTime\":\"" + WALL.instant() + "\"}", MediaType.APPLICATION_JSON));
    } catch (IOException | IllegalStateException e) {
      emitters.remove(emitter);
    }
    return emitter;
  }

  int subscribers() {
    return emitters.size();
  }

  /** A committed change of a visit or case of an elder living there (from the database). */
  void changed(String district, String street, String community) {
    try {
      sender.execute(() -> mark(district, street, community));
    } catch (RejectedExecutionException rejected) {
      log.debug("Shutting down: dashboard change not pushed");
    }
  }

  private void mark(String district, String street, String community) {
    long now = WALL.millis();
    for (var entry : emitters.entrySet()) {
      Subscription s = entry.getValue();
      if (!s.hears(district, street, community) || s.pending) {
        continue;
      }
      long wait = s.lastSent + debounceMillis - now;
      if (wait <= 0) {
        sendChanged(entry.getKey(), s);
      } else {
        s.pending = true;
        SseEmitter emitter = entry.getKey();
        sender.schedule(() -> sendChanged(emitter, s), wait, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void sendChanged(SseEmitter emitter, Subscription s) {
    s.pending = false;
    if (!emitters.containsKey(emitter)) {
      return;
    }
    s.lastSent = WALL.millis();
    send(
        emitter,
        SseEmitter.event()
            .name("changed")
            .data("{\"at\":\"" + WALL.instant() + "\"}", MediaType.APPLICATION_JSON));
  }

  /** A notification: the changed elder's district, street and community. */
  private void notified(String payload) {
    String[] where = payload.split("\u001f", -1);
    if (where.length == 3) {
      changed(where[0], where[1], where[2]);
    }
  }

  private void heartbeat() {
    for (SseEmitter emitter : emitters.keySet()) {
      send(emitter, SseEmitter.event().comment("heartbeat"));
    }
  }

  private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException e) {
      log.debug("Dashboard event stream closed: {}", e.toString());
      emitters.remove(emitter);
    } catch (RuntimeException e) {
      log.warn("Dashboard event stream failed", e);
      emitters.remove(emitter);
    }
  }

  /** Ends every stream when the application starts closing (as the desk's stream does). */
  @EventListener(ContextClosedEvent.class)
  void closing() {
    destroy();
  }

  @Override
  public void destroy() {
    listener.stop();
    sender.shutdownNow();
    for (SseEmitter emitter : emitters.keySet()) {
      try {
        emitter.complete();
      } catch (RuntimeException e) {
        log.debug("Closing a dashboard stream at shutdown", e);
      }
    }
    emitters.clear();
  }
}
