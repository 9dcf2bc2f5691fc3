package org.tanfang.dialer;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Click-to-call over AMI: an async Originate whose Channel is the staff member's own phone and
 * whose Context/Exten is [tanfang-callback]/the elder's number, so the elder is dialled only once
 * the staff member has picked up, through the PBX's channel template ({@link
 * ChannelVariables#DIAL_STRING}). A person is waiting, so the call is placed even when the robocall
 * pacing has used every channel; it then counts as busy until it ends ({@code staff_call}).
 */
@Component
public class StaffCalls {
  /** extensions.conf's context for click-to-call. */
  public static final String CONTEXT = "tanfang-callback";

  private static final Logger log = LoggerFactory.getLogger(StaffCalls.class);

  /** No PBX is connected: nothing can be rung now. */
  public static class NoLineException extends RuntimeException {
    NoLineException() {
      super("no PBX connected");
    }
  }

  /** The call placed: its row and channel id. */
  public record Placed(long staffCallId, String channelId, String pbx) {}

  private final AmiDialer dialer;
  private final StaffCallRows rows;
  private final StaffCallTracker tracker;
  private final Clock clock;

  StaffCalls(AmiDialer dialer, StaffCallRows rows, StaffCallTracker tracker, Clock clock) {
    this.dialer = dialer;
    this.rows = rows;
    this.tracker = tracker;
    this.clock = clock;
  }

  /**
   * Rings {@code staffPhone}, then (in the dialplan) {@code elderPhone}.
   *
   * @throws NoLineException when no PBX is connected
   */
  public Placed ring(long escalationId, String username, String staffPhone, String elderPhone) {
    PbxLine line = dialer.personLine().orElseThrow(NoLineException::new);
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    String channelId =
        StaffCallTracker.CHANNEL_PREFIX + escalationId + "-" + HexFormat.of().formatHex(random);
    long id =
        rows.insert(
            escalationId,
            username,
            staffPhone,
            elderPhone,
            line.name(),
            channelId,
            clock.instant());
    PbxProperties pbx = line.pbx();
    OriginateAction a = new OriginateAction();
    a.setChannel(StaffPhoneNumbers.channel(pbx, staffPhone));
    a.setContext(CONTEXT);
    a.setExten(elderPhone);
    a.setPriority(1);
    a.setTimeout(pbx.ringTimeout().toMillis());
    a.setCallerId(pbx.callerId());
    a.setAsync(true);
    a.setChannelId(channelId);
    a.setVariable(ChannelVariables.ESCALATION_ID, String.valueOf(escalationId));
    a.setVariable(ChannelVariables.DIAL_STRING, pbx.channelFor(elderPhone));
    a.setVariable(
        ChannelVariables.DIAL_TIMEOUT, String.valueOf(Math.max(1, pbx.ringTimeout().toSeconds())));
    try {
      line.originate(
          a,
          response -> {
            if (response instanceof ManagerError error) {
              log.warn("Call-back {} refused: {}", id, error.getMessage());
              tracker.finish(id, "FAILED");
            }
          });
    } catch (Exception e) {
      log.warn("Call-back {} via {} failed: {}", id, line.name(), e.toString());
      tracker.finish(id, "FAILED");
    }
    log.info("Call-back {} for escalation {}: ringing {} first", id, escalationId, staffPhone);
    return new Placed(id, channelId, line.name());
  }
}
