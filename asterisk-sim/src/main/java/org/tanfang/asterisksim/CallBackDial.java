package org.tanfang.asterisksim;

/**
 * Emulates extensions.conf [tanfang-callback] for click-to-call: the Originate rang the staff
 * member's phone (the channel), which answered; the extension is the elder's number and the
 * dialplan runs {@code Dial(PJSIP/${EXTEN}@trunk,${TANFANG_DIAL_TIMEOUT})} then {@code Hangup()}.
 * The elder's leg is a new channel (Linkedid of the staff channel) and a {@link CallRecord} of its
 * own ({@link CallRecord#dialedBy()}); the elder's callee script decides answer, busy or no answer.
 * Events as app_dial.c sends them: Newchannel, DialBegin (caller = staff channel, Dest = elder),
 * Newstate/DialState RINGING, DialEnd (ANSWER, BUSY, NOANSWER, CONGESTION, CHANUNAVAIL, CANCEL),
 * the leg's Hangup; DIALSTATUS is set on the staff channel.
 */
final class CallBackDial {

  static final String DIAL_TIMEOUT_VARIABLE = "TANFANG_DIAL_TIMEOUT";
  private static final String TRUNK_CONTEXT = "tanfang-inbound";
  private static final long RINGING_AFTER_MS = 5;
  private static final long REJECT_AFTER_MS = 10;

  private final SimCall call;
  private final LegEvents legs;
  private final CallLine staffLine;
  private final SimChannel staff;

  /** The answered elder's leg, still up after the staff phone hung up first (trace 10). */
  private SimChannel heldElder;

  private CallRecord heldLeg;
  private SimBridge bridge;

  CallBackDial(SimCall call, CallLine staffLine) {
    this.call = call;
    this.legs = new LegEvents(call);
    this.staffLine = staffLine;
    this.staff = call.channel();
  }

  void run() {
    Switchboard board = call.board();
    String number = call.request().exten();
    int timeoutSeconds = LegEvents.seconds(staff, DIAL_TIMEOUT_VARIABLE, 30);
    String dialString = number + "@trunk";
    call.newexten(
        SimCall.CALLBACK_CONTEXT, number, 2, "Dial", "PJSIP/" + dialString + "," + timeoutSeconds);
    CalleeScript script = board.callees().scriptFor(number);
    SimChannel elder = board.dialledChannel("PJSIP", "trunk", staff, TRUNK_CONTEXT);
    CallRecord leg = board.dialledLeg(number, script, staff.name());
    leg.channel(elder.name(), elder.uniqueId());
    CallLine elderLine = new CallLine();
    board.bridged(leg, elderLine);
    board.notify(l -> l.callStarted(leg));
    try {
      legs.channel("Newchannel", elder);
      call.publish(
          AmiEvents.Category.CALL,
          call.event("DialBegin", AmiEvents.Category.CALL, elder).add("DialString", dialString));
      String status = dial(script, elder, elderLine, leg, timeoutSeconds * 1000L);
      call.setVariable("DIALSTATUS", status);
      if (!staffLine.isHungUp()) {
        call.newexten(SimCall.CALLBACK_CONTEXT, number, 3, "Hangup", "");
        staffLine.hangUp(HangupCause.NORMAL_CLEARING.code());
      }
    } finally {
      if (heldElder == null) {
        board.unbridged(leg);
        board.notify(l -> l.callEnded(leg));
      }
    }
  }

  /**
   * After the staff phone's own hang-up events (its ;1 leaves the bridge between its Hangups): the
   * elder's leg leaves the bridge, the bridge goes, and the elder is hung up (trace 10).
   */
  void afterStaffGone() {
    SimChannel elder = heldElder;
    if (elder == null) {
      return;
    }
    heldElder = null;
    if (call.killed()) {
      return;
    }
    LocalPair pair = call.pair();
    if (pair == null || pair.leaveBridge() != null) {
      bridge.leave(staff);
    }
    bridge.leave(elder);
    bridge.destroy();
    hangupElder(elder, HangupCause.NORMAL_CLEARING);
    heldLeg.ended(HangupCause.NORMAL_CLEARING.code());
    CallRecord leg = heldLeg;
    call.board().unbridged(leg);
    call.board().notify(l -> l.callEnded(leg));
  }

  private void hangupElder(SimChannel elder, HangupCause cause) {
    legs.hangup(elder, cause);
    if (!call.killed()) {
      call.board().devices().changed(elder, "NOT_INUSE");
    }
  }

  private String dial(
      CalleeScript script, SimChannel elder, CallLine elderLine, CallRecord leg, long timeoutMs) {
    CallOutcome refused =
        switch (script.pickup()) {
          case BUSY -> CallOutcome.BUSY;
          case CONGESTION -> CallOutcome.CONGESTION;
          case UNALLOCATED, UNAVAILABLE -> CallOutcome.UNALLOCATED;
          default -> null;
        };
    if (refused != null) {
      if (!staffLine.await(REJECT_AFTER_MS)) {
        return cancel(elder, leg);
      }
      return end(elder, leg, refused, refused.cause());
    }
    boolean answers =
        script.pickup() == CalleeScript.Pickup.ANSWER && script.answerDelayMs() < timeoutMs;
    if (!answers || script.answerDelayMs() > RINGING_AFTER_MS) {
      // An elder who answers at once never rings: no DialState RINGING (trace 10).
      staffLine.await(RINGING_AFTER_MS);
      elder.state(SimChannel.State.RINGING);
      legs.channel("Newstate", elder);
      call.board().devices().changed(elder, DeviceStates.ringing(elder));
      legs.dial("DialState", elder, "RINGING");
    }
    long ring = answers ? script.answerDelayMs() : timeoutMs;
    if (!CallLine.awaitBoth(staffLine, elderLine, ring)) {
      return cancel(elder, leg);
    }
    if (!answers) {
      return end(elder, leg, CallOutcome.NO_ANSWER, HangupCause.NO_ANSWER);
    }
    elder.state(SimChannel.State.UP);
    legs.channel("Newstate", elder);
    call.board().devices().changed(elder, "INUSE");
    legs.dial("DialEnd", elder, "ANSWER");
    bridge = new SimBridge(call);
    bridge.enter(elder);
    bridge.enter(staff);
    if (call.pair() != null) {
      call.pair().inBridge(bridge);
    }
    leg.outcome(CallOutcome.ANSWERED);
    call.board().notify(l -> l.callAnswered(leg));
    long talk =
        call.board()
            .staffPhones()
            .phone(call.record().number())
            .map(StaffPhone::talkMs)
            .orElse(call.board().staffPhones().defaultTalkMs());
    CallLine.awaitBoth(staffLine, elderLine, talk);
    // Whoever hangs up first ends the bridge; the other side is hung up with Normal Clearing.
    if (elderLine.isHungUp()) {
      bridge.leave(elder);
      hangupElder(elder, HangupCause.NORMAL_CLEARING);
      leg.ended(HangupCause.NORMAL_CLEARING.code());
      if (call.pair() == null || call.pair().leaveBridge() != null) {
        bridge.leave(staff);
      }
      bridge.destroy();
    } else {
      // The staff phone hangs up first: its events go out before the elder's (afterStaffGone).
      heldElder = elder;
      heldLeg = leg;
    }
    staffLine.hangUp(HangupCause.NORMAL_CLEARING.code(), CallLine.Source.CALLEE);
    return "ANSWER";
  }

  private String end(SimChannel elder, CallRecord leg, CallOutcome how, HangupCause cause) {
    legs.dial("DialEnd", elder, how.dialStatus());
    hangupElder(elder, cause);
    leg.outcome(how);
    leg.ended(cause.code());
    return how.dialStatus();
  }

  /** The staff member hung up before the elder answered. */
  private String cancel(SimChannel elder, CallRecord leg) {
    if (leg.outcome() == null && !staffLine.isHungUp()) {
      // The elder's line went dead while ringing (sim.hangup): as a rejected call.
      return end(elder, leg, CallOutcome.CANCELLED, HangupCause.NORMAL_CLEARING);
    }
    legs.dial("DialEnd", elder, "CANCEL");
    hangupElder(elder, HangupCause.NOT_DEFINED);
    leg.outcome(CallOutcome.CANCELLED);
    leg.ended(HangupCause.NOT_DEFINED.code());
    return "CANCEL";
  }
}
