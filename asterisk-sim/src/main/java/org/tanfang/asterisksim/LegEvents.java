package org.tanfang.asterisksim;

/**
 * The AMI events Asterisk sends about a second channel of a call — a queue member's phone rung by
 * Queue(), an elder rung by the call-back's Dial() — as the caller's Dial* events and the leg's own
 * Newchannel/Newstate/Hangup.
 */
final class LegEvents {
  private final SimCall call;

  LegEvents(SimCall call) {
    this.call = call;
  }

  /** Newchannel, Newstate... of the leg itself. */
  void channel(String name, SimChannel leg) {
    call.publish(
        AmiEvents.Category.CALL,
        AmiEvents.event(name, AmiEvents.Category.CALL).addAll(leg.snapshot("")));
  }

  /** DialBegin, DialState, DialEnd: the caller's channel, then the leg as Dest. */
  void dial(String name, SimChannel leg, String status) {
    call.publish(
        AmiEvents.Category.CALL,
        call.event(name, AmiEvents.Category.CALL, leg).add("DialStatus", status));
  }

  void hangup(SimChannel leg, HangupCause cause) {
    call.publish(
        AmiEvents.Category.CALL,
        AmiEvents.event("Hangup", AmiEvents.Category.CALL)
            .addAll(leg.snapshot(""))
            .add("Cause", cause.code())
            .add("Cause-txt", cause.text()));
  }

  /** A channel variable of whole seconds (a dialplan timeout), or {@code fallback}. */
  static int seconds(SimChannel channel, String variable, int fallback) {
    String v = channel.variable(variable);
    try {
      int s = v == null || v.isBlank() ? 0 : Integer.parseInt(v.trim());
      return s > 0 ? s : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
