package org.tanfang.asterisksim;

import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * The one channel chan_pjsip creates for an Originate to {@code PJSIP/<number>@<trunk>} and the
 * events Asterisk 22 sends about it, in the orders of {@link PjsipScripts}.
 */
final class PjsipLeg {

  private static final String PRESENTATION = "0 (Presentation Allowed, Not Screened)";

  private final SimCall call;
  private final SimChannel channel;
  private final IntUnaryOperator picker;

  /**
   * What a script's steps carry: the state a Newstate moves to, the DialState/DialEnd status, the
   * Q.850 cause and SIP tech cause of HangupRequest/Hangup (0: header left out), the response.
   */
  record Params(
      SimChannel.State state,
      String dialStatus,
      int cause,
      int techCause,
      Supplier<AmiMessage> response) {}

  PjsipLeg(SimCall call, SimChannel channel, IntUnaryOperator picker) {
    this.call = call;
    this.channel = channel;
    this.picker = picker;
  }

  /**
   * Newchannel (state Down, from chan_pjsip_new), then the Originate's caller ID as {@code
   * pbx_outgoing_attempt} sets it: NewCallerid ({@code ast_set_callerid}) and NewConnectedLine
   * ({@code ast_channel_set_connected_line}).
   */
  void created(String callerIdNum, String callerIdName) {
    publish(channel("Newchannel"));
    if ((callerIdNum == null || callerIdNum.isEmpty())
        && (callerIdName == null || callerIdName.isEmpty())) {
      return;
    }
    channel.callerId(callerIdNum, callerIdName);
    publish(channel("NewCallerid").add("CID-CallingPres", PRESENTATION));
    publish(channel("NewConnectedLine"));
  }

  /** DialBegin from {@code begin_dial_channel} once the INVITE went out: no caller, Dest = us. */
  void dialBegin(String dialString) {
    publish(dial("DialBegin").add("DialString", dialString));
  }

  void run(PjsipScripts.Script script, Params p) {
    int n = script.orders().size();
    List<PjsipScripts.Kind> order = script.orders().get(Math.floorMod(picker.applyAsInt(n), n));
    for (PjsipScripts.Kind k : order) {
      switch (k) {
        case NEWSTATE -> {
          channel.state(p.state());
          publish(channel("Newstate"));
          if (p.state() == SimChannel.State.RINGING) {
            device("RINGING");
          } else if (p.state() == SimChannel.State.UP) {
            device("INUSE");
          }
        }
        case DIAL_STATE -> publish(dial("DialState").add("DialStatus", p.dialStatus()));
        case DIAL_END -> publish(dial("DialEnd").add("DialStatus", p.dialStatus()));
        case HANGUP_REQUEST -> {
          AmiMessage m = channel("HangupRequest");
          if (p.cause() != 0) {
            m.add("Cause", p.cause());
          }
          if (p.techCause() != 0) {
            m.add("TechCause", p.techCause());
          }
          publish(m);
        }
        case HANGUP -> {
          AmiMessage m =
              channel("Hangup")
                  .add("Cause", p.cause())
                  .add("Cause-txt", HangupCause.of(p.cause()).text());
          if (p.techCause() != 0) {
            m.add("TechCause", p.techCause());
          }
          publish(m);
          device("NOT_INUSE");
        }
        case ORIGINATE_RESPONSE -> publish(p.response().get());
      }
    }
  }

  private AmiMessage dial(String name) {
    return AmiEvents.event(name, AmiEvents.Category.CALL).addAll(channel.snapshot("Dest"));
  }

  private AmiMessage channel(String name) {
    return AmiEvents.event(name, AmiEvents.Category.CALL).addAll(channel.snapshot(""));
  }

  private void device(String state) {
    if (!call.killed()) {
      call.board().devices().changed(channel, state);
    }
  }

  private void publish(AmiMessage m) {
    call.publish(AmiEvents.Category.CALL, m);
  }
}
