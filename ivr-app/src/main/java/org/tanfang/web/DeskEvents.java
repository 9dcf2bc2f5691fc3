package org.tanfang.web;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tanfang.escalation.EscalationChanged;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.Region;
import org.tanfang.security.RegionScope;
import org.tanfang.system.WallClock;

/**
 * Pushes every committed case change to the open desk pages as server-sent events ({@code event:
 * escalation}, JSON data {@link DeskEvent}). Sending happens on one thread of its own, never in the
 * thread that changed the case (a call's AGI thread must not wait on a slow browser); a comment
 * line every {@code tanfang.desk.heartbeat} keeps idle streams open and finds dead ones.
 */
@Component
class DeskEvents implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(DeskEvents.class);

  /**
   * Real time, not the application clock: {@code publishedAt} is for measuring how long a case
   * takes to reach the browser, which a test's frozen clock cannot show.
   */
  private static final Clock WALL = WallClock.utc();

  /** Each open stream with the region scope of its user: only their cases' events reach it. */
  private final Map<SseEmitter, RegionScope> emitters = new ConcurrentHashMap<>();

  private final AtomicLong sequence = new AtomicLong();
  private final ScheduledExecutorService sender;
  private final DeskProperties props;
  private final ElderService elders;

  /**
   * What a desk page hears of a change.
   *
   * @param publishedAt when the server published it (ISO-8601 instant, wall clock): a client
   *     computes keypress → screen latency from it
   */
  record DeskEvent(
      long escalationId,
      Long elderId,
      String type,
      String state,
      String action,
      String publishedAt) {}

  DeskEvents(DeskProperties props, ElderService elders) {
    this.props = props;
    this.elders = elders;
    this.sender =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "desk-events");
              t.setDaemon(true);
              return t;
            });
    long beat = props.heartbeat().toMillis();
    sender.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
  }

  /** A new stream for one browser (or script) of a user working in {@code scope}. */
  SseEmitter subscribe(RegionScope scope) {
    SseEmitter emitter = new SseEmitter(props.streamTimeout().toMillis());
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(
        () -> {
          emitters.remove(emitter);
          emitter.complete();
        });
    emitter.onError(e -> emitters.remove(emitter));
    emitters.put(emitter, scope);
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

  @EventListener
  void on(EscalationChanged e) {
    DeskEvent event =
        new DeskEvent(
            e.escalationId(),
            e.elderId(),
            e.type().name(),
            e.state().name(),
            e.action().name(),
            WALL.instant().toString());
    try {
      sender.execute(() -> broadcast(event));
    } catch (RejectedExecutionException rejected) {
      log.debug("Shutting down: case {} not pushed to the desk", event.escalationId());
    }
  }

  /** An event another node published (PostgreSQL NOTIFY, {@link DeskEventsAcrossNodes}). */
  void relay(DeskEvent event) {
    try {
      sender.execute(() -> broadcast(event));
    } catch (RejectedExecutionException rejected) {
      log.debug("Shutting down: case {} from another node not pushed", event.escalationId());
    }
  }

  private void broadcast(DeskEvent event) {
    String id = String.valueOf(sequence.incrementAndGet());
    Region where;
    try {
      // An unidentified caller's case has no region: only city-wide desks see it.
      where =
          event.elderId() == null
              ? new Region(null, null, null, null)
              : elders.get(event.elderId()).region();
    } catch (RuntimeException e) {
      log.warn(
          "Case {}: elder {} not readable, event not pushed", event.escalationId(), e.toString());
      return;
    }
    for (var entry : emitters.entrySet()) {
      if (!entry.getValue().contains(where.district(), where.street(), where.community())) {
        continue;
      }
      SseEmitter emitter = entry.getKey();
      send(
          emitter,
          SseEmitter.event().name("escalation").id(id).data(event, MediaType.APPLICATION_JSON));
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
      // The browser went away (or the stream already ended): forget it; it reconnects if alive.
      log.debug("Desk event stream closed: {}", e.toString());
      emitters.remove(emitter);
    } catch (RuntimeException e) {
      log.warn("Desk event stream failed", e);
      emitters.remove(emitter);
    }
  }

  /**
   * Ends every stream as soon as the application starts closing: an open stream would otherwise
   * hold up the web server's graceful shutdown until its timeout. Browsers reconnect to the next
   * instance by themselves.
   */
  @EventListener(ContextClosedEvent.class)
  void closing() {
    destroy();
  }

  @Override
  public void destroy() {
    sender.shutdownNow();
    for (SseEmitter emitter : emitters.keySet()) {
      try {
        emitter.complete();
      } catch (RuntimeException e) {
        log.debug("Closing a desk stream at shutdown", e);
      }
    }
    emitters.clear();
  }
}
