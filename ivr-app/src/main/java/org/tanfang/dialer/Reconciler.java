package org.tanfang.dialer;

import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends the calls of a PBX that it no longer carries: after a kill and restart Asterisk sends no
 * Hangup for the calls it lost (trace 11b), so on every login the dialer asks which channels live
 * (CoreShowChannels) and ends the DIALING/IN_CALL attempts and call-backs without one. The calls
 * page shows why: hang-up cause 0 with {@link #REASON}. A channel still up whose attempt the
 * start-up reconcile already ended (its node was killed; the call went to the staff queue or was
 * still ringing) is hung up (AMI Hangup), and the line dials nothing until this is done.
 */
@Component
class Reconciler {
  /**
   * {@code call_attempt.hangup_cause_text} of a call ended this way: a message key, which the calls
   * pages show in the reader's language (Asterisk's own Cause-txt texts are shown as sent).
   */
  static final String REASON = "hangup.reason.pbxRestarted";

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final CallAttempts attempts;
  private final CallTracker tracker;
  private final StaffCallRows staffRows;
  private final StaffCallTracker staffCalls;

  Reconciler(
      CallAttempts attempts,
      CallTracker tracker,
      StaffCallRows staffRows,
      StaffCallTracker staffCalls) {
    this.attempts = attempts;
    this.tracker = tracker;
    this.staffRows = staffRows;
    this.staffCalls = staffCalls;
  }

  /** Calls of {@code line} placed before {@code loginAt} whose channel is gone are ended. */
  void reconcile(PbxLine line, Instant loginAt) {
    Set<String> live;
    java.util.Map<String, String> names;
    try {
      names = line.liveChannelNames();
      live = names.keySet();
    } catch (Exception e) {
      log.warn("Could not list the channels of {}: {}; not reconciled", line.name(), e.toString());
      return;
    }
    int ended = 0;
    for (CallAttempts.Live a : attempts.liveOn(line.name(), loginAt)) {
      if (live.contains(a.channelId())) {
        continue;
      }
      if (a.hangupCause() == null) {
        attempts.hangupCause(a.id(), 0, REASON);
      }
      if ("IN_CALL".equals(a.status())) {
        // Answered: after its conversation's writes if it still runs or writes on this node (a
        // connection lost under load while the hand-off is behind), or its visit goes back for a
        // retry with the elder's outcome still on its way.
        tracker.endAnswered(a.id(), EndedBy.RECONCILE);
      } else {
        tracker.finish(a.id(), AttemptResult.FAILED, null, EndedBy.RECONCILE);
      }
      ended++;
    }
    for (var c : staffRows.liveOn(line.name(), loginAt).entrySet()) {
      if (!live.contains(c.getValue())) {
        staffCalls.finish(c.getKey(), StaffCallTracker.PBX_LOST);
        ended++;
      }
    }
    int hungUp = 0;
    for (String channelId : attempts.endedButLive(live, StartupReconciler.REASON)) {
      // Left up by a node that was killed: its attempt is already over (start-up reconcile), and
      // the call, in the staff queue or ringing, must not overlap the elder's next call.
      try {
        if (line.hangup(names.get(channelId))) {
          hungUp++;
        }
      } catch (Exception e) {
        log.warn("{}: could not hang up {}: {}", line.name(), names.get(channelId), e.toString());
      }
    }
    if (hungUp > 0) {
      log.info("{}: {} call(s) a stopped node left up hung up", line.name(), hungUp);
    }
    log.info(
        "{}: {} channel(s) live after login, {} call(s) without one ended",
        line.name(),
        live.size(),
        ended);
  }
}
