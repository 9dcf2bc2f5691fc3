package org.tanfang.asterisksim;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Device state as Asterisk 22 publishes it with Tanfang's read classes: DeviceStateChange (call)
 * for a channel's device ({@code Local/<number>@<context>} or {@code PJSIP/<endpoint>}: the channel
 * name without its {@code -<seq>} suffix) when the channel rings, answers or goes, and app_queue's
 * QueueMemberStatus (agent) when a queue member's device changes status, plus the queue's own
 * devices {@code Queue:<name>} and {@code Queue:<name>_avail}.
 *
 * <p>What the traces show (06a, 06b, 08b, 10): a Local device reads INUSE while its pair rings or
 * talks (one event per half that changes), NOT_INUSE after each half hangs up, INVALID for an
 * extension that does not exist (04-undefined-extension); a member's Status is the device state's
 * number (2 in use, 1 not in use); {@code Queue:tanfang-staff} is RINGING while a caller waits and
 * NOT_INUSE when the last leaves; {@code _avail} is cached by Asterisk, so it is sent once, at the
 * first member change. A PJSIP endpoint (not traced) reads RINGING while it rings, as chan_pjsip's
 * device state callback reports.
 */
final class DeviceStates {

  /** ast_device_state numbers, as QueueMemberStatus' Status carries them. */
  private static final Map<String, Integer> CODES =
      Map.of("NOT_INUSE", 1, "INUSE", 2, "BUSY", 3, "INVALID", 4, "UNAVAILABLE", 5, "RINGING", 6);

  private final Switchboard board;
  private final Map<String, Integer> memberStatus = new HashMap<>();
  private boolean availSent;

  DeviceStates(Switchboard board) {
    this.board = board;
  }

  /** The device a channel belongs to: its name without the {@code -<seq>[;n]} suffix. */
  static String device(SimChannel channel) {
    return channel.name().replaceFirst("-[0-9a-f]{8}(;[12])?$", "");
  }

  /** The state a ringing channel's device shows: a Local pair is in use once it exists. */
  static String ringing(SimChannel channel) {
    return channel.tech().equalsIgnoreCase("Local") ? "INUSE" : "RINGING";
  }

  void changed(SimChannel channel, String state) {
    String device = device(channel);
    board.publish(
        AmiEvents.Category.CALL,
        AmiEvents.event("DeviceStateChange", AmiEvents.Category.CALL)
            .add("Device", device)
            .add("State", state));
    Optional<StaffPhone> member =
        board.staffPhones().members().stream()
            .filter(p -> p.interfaceName().equals(device))
            .findFirst();
    if (member.isEmpty()) {
      return;
    }
    int status = CODES.getOrDefault(state, 0);
    boolean avail;
    synchronized (this) {
      Integer before = memberStatus.put(device, status);
      if (before != null ? before == status : status == 1) {
        return;
      }
      avail = !availSent;
      availSent = true;
    }
    StaffPhone p = member.get();
    board.publish(
        AmiEvents.Category.AGENT,
        AmiEvents.event("QueueMemberStatus", AmiEvents.Category.AGENT)
            .add("Queue", StaffPhones.QUEUE)
            .add("MemberName", p.memberName())
            .add("Interface", device)
            .add("StateInterface", device)
            .add("Membership", "static")
            .add("Penalty", 0)
            .add("CallsTaken", 0)
            .add("LastCall", 0)
            .add("LastPause", 0)
            .add("LoginTime", board.startedEpochSeconds())
            .add("InCall", 0)
            .add("Status", status)
            .add("Paused", 0)
            .add("PausedReason", "")
            .add("Ringinuse", 1)
            .add("Wrapuptime", 0));
    if (avail) {
      // ringinuse=yes: a member stays available while in use; the state is cached, sent once.
      queue(StaffPhones.QUEUE + "_avail", "NOT_INUSE");
    }
  }

  /** {@code Queue:<name>} and {@code Queue:<name>_avail}. */
  void queue(String name, String state) {
    board.publish(
        AmiEvents.Category.CALL,
        AmiEvents.event("DeviceStateChange", AmiEvents.Category.CALL)
            .add("Device", "Queue:" + name)
            .add("State", state));
  }
}
