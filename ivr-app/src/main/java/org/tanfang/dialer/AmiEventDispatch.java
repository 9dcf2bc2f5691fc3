package org.tanfang.dialer;

import java.util.List;
import org.asteriskjava.manager.event.AbstractChannelEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tanfang.shared.CallLog;

/**
 * What a {@link PbxLine} does with each AMI event, on the AMI event thread: nothing but putting it
 * on the {@link AmiEventQueue} lane of its call (events no handler follows are not queued). There
 * every handler sees it in turn; one failing for a reason of its own does not keep it from the
 * others, and one the database fails is tried again later from that handler on (the handlers before
 * it are not run twice).
 */
final class AmiEventDispatch {
  private static final Logger log = LoggerFactory.getLogger(AmiEventDispatch.class);

  private final List<AmiEventHandler> handlers;
  private final AmiEventQueue queue;

  AmiEventDispatch(List<AmiEventHandler> handlers, AmiEventQueue queue) {
    this.handlers = handlers;
    this.queue = queue;
  }

  /** On the AMI event thread: never blocks, never touches the database. */
  void accept(PbxLine line, ManagerEvent event) {
    if (handlers.stream().anyMatch(h -> h.follows(event))) {
      queue.submit(laneOf(line, event), new Step(line, event));
    }
  }

  /**
   * The lane of an event: its attempt (channel id {@code tf-<attempt>-…}, either leg), its
   * call-back's channel ({@code tfcb-…}), else the PBX's own lane (registrations, probes).
   */
  static String laneOf(PbxLine line, ManagerEvent event) {
    Long attempt = CallTracker.attemptOf(event);
    if (attempt != null) {
      return AmiEventQueue.attemptLane(attempt);
    }
    String id = uniqueIdOf(event);
    if (id != null && id.startsWith(StaffCallTracker.CHANNEL_PREFIX)) {
      return id.endsWith(";1") || id.endsWith(";2") ? id.substring(0, id.length() - 2) : id;
    }
    return pbxLane(line);
  }

  static String pbxLane(PbxLine line) {
    return pbxLane(line.name());
  }

  /** The lane of a PBX's own events and of its storm changes. */
  static String pbxLane(String pbx) {
    return "pbx-" + pbx;
  }

  private static String uniqueIdOf(ManagerEvent event) {
    if (event instanceof OriginateResponseEvent e) {
      return e.getUniqueId();
    }
    if (event instanceof AbstractChannelEvent e) {
      return e.getUniqueId();
    }
    if (event instanceof DialEvent e) {
      return e.getUniqueId();
    }
    return null;
  }

  /** One event through every handler that follows it, resumable after a database failure. */
  private final class Step implements Runnable {
    private final PbxLine line;
    private final ManagerEvent event;
    private int next;

    Step(PbxLine line, ManagerEvent event) {
      this.line = line;
      this.event = event;
    }

    @Override
    public void run() {
      try (var scope = CallLog.of(CallTracker.attemptOf(event), null)) {
        for (; next < handlers.size(); next++) {
          AmiEventHandler h = handlers.get(next);
          if (!h.follows(event)) {
            continue;
          }
          try {
            h.onEvent(line, event);
          } catch (RuntimeException e) {
            if (queue.waitsForDatabase(e)) {
              throw e; // this handler again, later
            }
            log.error("{} failed on {}", h.getClass().getSimpleName(), event, e);
          }
        }
      }
    }
  }
}
