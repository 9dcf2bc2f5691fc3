package org.tanfang.asterisksim;

import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * The two halves core_local creates for an Originate to {@code Local/<number>@<context>}: {@code
 * ;1} (the originating side: Uniqueid = the ChannelId, state Down) and {@code ;2} (Uniqueid {@code
 * <ChannelId>;2}, state Ring, running the callee's context), and the events Asterisk 22 sends about
 * them, in the orders of {@link LocalScripts}.
 */
final class LocalPair {

  private final SimCall call;
  private final SimChannel one;
  private final SimChannel two;
  private final IntUnaryOperator picker;
  private boolean dialBegun;
  private boolean exists = true;
  private SimBridge bridge;

  /** {@code picker} chooses a variant: given the number of orders, an index (the seeded random). */
  LocalPair(SimCall call, SimChannel one, SimChannel two, IntUnaryOperator picker) {
    this.call = call;
    this.one = one;
    this.two = two;
    this.picker = picker;
  }

  private static final String PRESENTATION = "0 (Presentation Allowed, Not Screened)";

  SimChannel one() {
    return one;
  }

  SimChannel two() {
    return two;
  }

  /**
   * Newchannel ;1 and ;2, their NewCallerid and NewConnectedLine, and LocalBridge (unless the
   * extension does not exist: then the pair is torn down before it is bridged).
   */
  void created(String callerIdNum, String callerIdName, boolean bridged) {
    exists = bridged;
    publish(channel("Newchannel", one));
    publish(channel("Newchannel", two));
    one.callerId(callerIdNum, callerIdName);
    two.callerId(callerIdNum, callerIdName);
    publish(channel("NewCallerid", one).add("CID-CallingPres", PRESENTATION));
    publish(channel("NewConnectedLine", one));
    publish(channel("NewCallerid", two).add("CID-CallingPres", PRESENTATION));
    publish(channel("NewConnectedLine", two));
    if (bridged) {
      AmiMessage m = AmiEvents.event("LocalBridge", AmiEvents.Category.CALL);
      for (AmiMessage.Header h : one.snapshot("LocalOne")) {
        m.add(h.name(), h.value());
      }
      for (AmiMessage.Header h : two.snapshot("LocalTwo")) {
        m.add(h.name(), h.value());
      }
      m.add("Context", two.context()).add("Exten", two.exten()).add("LocalOptimization", "Yes");
      publish(m);
    }
  }

  /** The far end rings: DialBegin, Newstate ;1 Ringing, DialState RINGING (02, 10). */
  void ringing() {
    dialBegin();
    one.state(SimChannel.State.RINGING);
    publish(channel("Newstate", one));
    publish(dial("DialState").add("DialStatus", "RINGING"));
    device(one, "INUSE");
  }

  boolean rang() {
    return dialBegun;
  }

  /**
   * Runs one script: {@code how} gives DialEnd's status and the response; {@code state} is the
   * state a Newstate step moves its leg to; {@code response} builds the OriginateResponse.
   */
  void run(
      LocalScripts.Script script,
      String dialStatus,
      SimChannel.State state,
      Supplier<AmiMessage> response) {
    int n = script.orders().size();
    List<LocalScripts.Step> order = script.orders().get(Math.floorMod(picker.applyAsInt(n), n));
    for (LocalScripts.Step s : order) {
      SimChannel leg = s.leg() == LocalScripts.Leg.TWO ? two : one;
      switch (s.kind()) {
        case DIAL_BEGIN -> dialBegin();
        case DIAL_END -> publish(dial("DialEnd").add("DialStatus", dialStatus));
        case NEWSTATE -> {
          leg.state(state);
          publish(channel("Newstate", leg));
          device(leg, "INUSE");
        }
        case BRIDGE_LEAVE -> {
          SimBridge b = leaveBridge();
          if (b != null) {
            b.leave(one);
          }
        }
        case ORIGINATE_RESPONSE -> publish(response.get());
        case HANGUP_REQUEST -> publish(channel("HangupRequest", leg).add("Cause", s.cause()));
        case SOFT_HANGUP_REQUEST ->
            publish(channel("SoftHangupRequest", leg).add("Cause", s.cause()));
        case HANGUP ->
            publish(
                channel("Hangup", leg)
                    .add("Cause", s.cause())
                    .add("Cause-txt", HangupCause.of(s.cause()).text()));
      }
      if (s.kind() == LocalScripts.Kind.HANGUP) {
        // chan_local's device state: INVALID when the extension does not exist (04-undefined).
        device(leg, exists ? "NOT_INUSE" : "INVALID");
      }
    }
  }

  /** The ;1 half joined a bridge (click-to-call's Dial answered): it leaves it as it hangs up. */
  synchronized void inBridge(SimBridge b) {
    bridge = b;
  }

  /** The bridge ;1 is in, now left; null when it is in none. */
  synchronized SimBridge leaveBridge() {
    SimBridge b = bridge;
    bridge = null;
    return b;
  }

  private void device(SimChannel leg, String state) {
    if (!call.killed()) {
      call.board().devices().changed(leg, state);
    }
  }

  /** The SoftHangupRequest the AGI HANGUP command causes at once (cause 32, on ;1). */
  void scriptHangupRequested() {
    publish(channel("SoftHangupRequest", one).add("Cause", 32));
  }

  private void dialBegin() {
    if (dialBegun) {
      return;
    }
    dialBegun = true;
    publish(dial("DialBegin").add("DialString", two.exten() + "@" + two.context()));
    // ;2 runs the callee's dialplan: the device is in use (sampled late, 09a shows it for cause 1).
    device(one, "INUSE");
  }

  private AmiMessage dial(String name) {
    return AmiEvents.event(name, AmiEvents.Category.CALL).addAll(one.snapshot("Dest"));
  }

  private static AmiMessage channel(String name, SimChannel leg) {
    return AmiEvents.event(name, AmiEvents.Category.CALL).addAll(leg.snapshot(""));
  }

  private void publish(AmiMessage m) {
    call.publish(AmiEvents.Category.CALL, m);
  }
}
