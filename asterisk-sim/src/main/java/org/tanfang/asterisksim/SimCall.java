package org.tanfang.asterisksim;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One originated call from dialling to hang-up, emitting the AMI events Asterisk 22 emits for it:
 * on a PJSIP channel the scripts of {@link PjsipScripts} (played by {@link PjsipLeg}), on a Local
 * pair those of {@link LocalScripts} (played by {@link LocalPair}). Failed calls report the
 * requested "tech/data" as Channel and, having no channel, the ChannelId or {@code <unknown>} as
 * Uniqueid.
 *
 * <p>Over 300 lines on purpose: one call's event sequence, in the order Asterisk sends it, reads
 * best in one place (compare it with {@code shared/asterisk-traces}); the queue and call-back legs
 * are {@link QueueCall} and {@link CallBackDial}.
 */
final class SimCall {

  private static final Logger log = LoggerFactory.getLogger(SimCall.class);

  /** chan_pjsip reports 180 Ringing within milliseconds of the INVITE on a LAN trunk. */
  private static final long RINGING_AFTER_MS = 5;

  /** A busy or unallocated answer takes about 10 ms (measured on Asterisk 22.10.1). */
  private static final long REJECT_AFTER_MS = 10;

  private enum Phase {
    DIALLING,
    UP,
    DONE
  }

  private final Switchboard board;
  private final OriginateRequest request;
  private final CalleeScript script;
  private final CallRecord record;
  private final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
  private final CallLine line = new CallLine();
  private SimChannel channel;
  private Phase phase = Phase.DIALLING;
  private volatile FastAgiSession agi;
  private final LineOpening opening;

  /** The ;1/;2 pair of a call on a Local channel, else null (one PJSIP channel). */
  private LocalPair pair;

  /** The one channel of a PJSIP originate, else null (a Local pair). */
  private PjsipLeg pjsip;

  /** The process was killed: the call vanishes without another event. */
  private volatile boolean killed;

  /** extensions.conf: where click-to-call's Originate lands once the staff phone answers. */
  static final String CALLBACK_CONTEXT = "tanfang-callback";

  /** Set to "staff" by the check-in script to go on to [tanfang-staff] (the staff queue). */
  static final String TRANSFER_VARIABLE = "TANFANG_TRANSFER";

  SimCall(Switchboard board, OriginateRequest request, CalleeScript script, CallRecord record) {
    this.board = board;
    this.request = request;
    this.script = script;
    this.record = record;
    this.opening =
        new LineOpening(
            script.opening(),
            request.earlyMedia() ? script.earlyMedia() : null,
            script.pickup() != CalleeScript.Pickup.EARLY_MEDIA,
            record);
  }

  /** What the line plays before the first prompt (announcement, greeting, or nothing). */
  LineOpening opening() {
    return opening;
  }

  CompletableFuture<CallOutcome> outcome() {
    return outcome;
  }

  SimChannel channel() {
    return channel;
  }

  CallRecord record() {
    return record;
  }

  void start() {
    boolean local = request.tech().equalsIgnoreCase("Local");
    if (script.pickup() == CalleeScript.Pickup.UNAVAILABLE && !local) {
      later(1, () -> fail(CallOutcome.UNAVAILABLE, 0));
      return;
    }
    channel = board.newChannel(request);
    channel.accountCode(request.account());
    if (request.runsApplication()) {
      channel.dialplan("default", "s", 1);
    } else {
      channel.dialplan(request.context(), request.exten(), request.priority());
    }
    record.channel(channel.name(), channel.uniqueId());
    if (local) {
      startLocal();
      return;
    }
    board.live(this);
    pjsip = new PjsipLeg(this, channel, board::pickOrder);
    pjsip.created(request.callerIdNum(), request.callerIdName());
    // The originate's variables are set on the channel before it is called.
    request.variables().forEach(this::setVariable);
    pjsip.dialBegin(request.dialString());
    dial();
  }

  /**
   * A call into the line on the trunk ({@link InboundCall}): chan_pjsip's channel for the INVITE
   * (Newchannel in state Ring, the caller's number, the dialled number as extension of the trunk
   * endpoint's context), then the dialplan of [tanfang-inbound] on its own thread.
   */
  void startInbound(String dialled) {
    channel = board.newChannel(request);
    channel.dnid(dialled);
    channel.callerId(request.callerIdNum(), request.callerIdName());
    channel.state(SimChannel.State.RING);
    channel.dialplan(request.context(), dialled, 1);
    record.channel(channel.name(), channel.uniqueId());
    board.live(this);
    pjsip = new PjsipLeg(this, channel, board::pickOrder);
    publish(AmiEvents.Category.CALL, event("Newchannel", AmiEvents.Category.CALL));
    board.threads().execute(this::answerInbound);
  }

  /** Goto(s,1), NoOp, Answer() (200 OK: Newstate Up), then AGI() and what follows it. */
  private void answerInbound() {
    synchronized (this) {
      if (phase != Phase.DIALLING) {
        return;
      }
      phase = Phase.UP;
      record.outcome(CallOutcome.ANSWERED);
      channel.dialplan(request.context(), "s", 2);
      channel.state(SimChannel.State.UP);
      publish(AmiEvents.Category.CALL, event("Newstate", AmiEvents.Category.CALL));
    }
    outcome.complete(CallOutcome.ANSWERED);
    board.notify(l -> l.callAnswered(record));
    String url =
        board.config().agiUrl(request.context(), channel.variable(SimConfig.NODE_AGI_VARIABLE));
    newexten(request.context(), "s", 3, "AGI", url);
    dialplan(AgiUrl.parse(url, board.config()));
  }

  /** Local/<number>@<context>: the ;1/;2 pair, its caller ID, bridge, then the callee's pickup. */
  private void startLocal() {
    String dial = request.dialString();
    int at = dial.indexOf('@');
    SimChannel two =
        new SimChannel(
            channel.name().replaceFirst(";1$", ";2"), channel.tech(), channel.uniqueId() + ";2");
    two.linkedId(channel.linkedId());
    two.language(channel.language());
    two.state(SimChannel.State.RING);
    two.dialplan(at >= 0 ? dial.substring(at + 1) : "default", request.number(), 1);
    pair = new LocalPair(this, channel, two, board::pickOrder);
    board.live(this);
    boolean exists = script.pickup() != CalleeScript.Pickup.UNAVAILABLE;
    pair.created(request.callerIdNum(), request.callerIdName(), exists);
    request.variables().forEach(this::setVariable);
    if (!exists) {
      later(1, () -> fail(CallOutcome.UNAVAILABLE, 0));
      return;
    }
    dial();
  }

  List<SimChannel> channels() {
    return pair == null ? List.of(channel) : List.of(pair.one(), pair.two());
  }

  private void dial() {
    long timeout = request.timeoutMs() > 0 ? request.timeoutMs() : 30000;
    SipReply sip = script.sipReply();
    if (pair == null && sip != null) {
      // A PJSIP trunk: the carrier's provisional answer, then its final one (PjsipScripts).
      if (sip.provisional() != 0) {
        later(RINGING_AFTER_MS, () -> provisional(sip.provisional()));
      }
      later(REJECT_AFTER_MS, () -> reject(sip.response()));
      return;
    }
    switch (script.pickup()) {
      case BUSY -> later(REJECT_AFTER_MS, () -> fail(CallOutcome.BUSY, 0));
      case CONGESTION -> later(REJECT_AFTER_MS, () -> fail(CallOutcome.CONGESTION, 0));
      case UNALLOCATED -> later(REJECT_AFTER_MS, () -> fail(CallOutcome.UNALLOCATED, 0));
      case DECLINED -> ringThen(REJECT_AFTER_MS, () -> fail(CallOutcome.DECLINED, 0));
      case REJECT -> {
        SipResponse r = script.sip().response();
        later(REJECT_AFTER_MS, () -> fail(CallOutcome.of(r.cause()), r.cause()));
      }
      case NO_ANSWER -> ringThen(timeout, () -> fail(CallOutcome.NO_ANSWER, 0));
      case EARLY_MEDIA -> new EarlyMediaCallee(this).start();
      default -> {
        if (script.answerDelayMs() >= timeout) {
          ringThen(timeout, () -> fail(CallOutcome.NO_ANSWER, 0));
        } else {
          ringThen(script.answerDelayMs(), this::answer);
        }
      }
    }
  }

  /** 180 Ringing or 183 Session Progress from the carrier (PJSIP only). */
  private synchronized void provisional(int status) {
    if (phase != Phase.DIALLING) {
      return;
    }
    if (status == 180) {
      pjsip.run(
          PjsipScripts.RINGING,
          new PjsipLeg.Params(SimChannel.State.RINGING, "RINGING", 0, 0, null));
    } else {
      pjsip.run(PjsipScripts.PROGRESS, new PjsipLeg.Params(null, "PROGRESS", 0, 0, null));
    }
  }

  /** The carrier's final failure response to a PJSIP originate. */
  private void reject(SipResponse response) {
    failPjsip(CallOutcome.of(response.cause()), response.cause(), response.status());
  }

  void setVariable(String name, String value) {
    channel.setVariable(name, value);
    publish(
        AmiEvents.Category.DIALPLAN,
        event("VarSet", AmiEvents.Category.DIALPLAN).add("Variable", name).add("Value", value));
  }

  void ringThen(long ms, Runnable then) {
    if (ms > RINGING_AFTER_MS) {
      later(RINGING_AFTER_MS, this::ringing);
    }
    later(ms, then);
  }

  private synchronized void ringing() {
    if (phase != Phase.DIALLING) {
      return;
    }
    if (pair != null) {
      pair.ringing();
      return;
    }
    pjsip.run(
        PjsipScripts.RINGING, new PjsipLeg.Params(SimChannel.State.RINGING, "RINGING", 0, 0, null));
  }

  void answer() {
    synchronized (this) {
      if (phase != Phase.DIALLING) {
        return;
      }
      phase = Phase.UP;
      record.outcome(CallOutcome.ANSWERED);
      if (pair != null) {
        pair.run(
            pair.rang() ? LocalScripts.ANSWERED_AFTER_RINGING : LocalScripts.ANSWERED,
            CallOutcome.ANSWERED.dialStatus(),
            SimChannel.State.UP,
            () -> originateResponse(CallOutcome.ANSWERED));
      } else {
        pjsip.run(
            PjsipScripts.ANSWERED,
            new PjsipLeg.Params(
                SimChannel.State.UP,
                CallOutcome.ANSWERED.dialStatus(),
                0,
                0,
                () -> originateResponse(CallOutcome.ANSWERED)));
      }
    }
    outcome.complete(CallOutcome.ANSWERED);
    board.notify(l -> l.callAnswered(record));
    if (!request.runsApplication() && CALLBACK_CONTEXT.equals(request.context())) {
      board.threads().execute(this::callBack);
      return;
    }
    String url;
    if (request.runsApplication()) {
      channel.application(request.application(), request.appData());
      url = request.appData();
    } else {
      url = board.config().agiUrl(request.context(), channel.variable(SimConfig.NODE_AGI_VARIABLE));
      newexten(request.context(), request.exten(), request.priority(), "AGI", url);
    }
    if (!request.runsApplication() || request.application().equalsIgnoreCase("AGI")) {
      AgiUrl agiUrl = AgiUrl.parse(url, board.config());
      board.threads().execute(() -> dialplan(agiUrl));
    } else {
      log.info("{} runs {}({}): not emulated, hanging up", channel.name(), request.application());
      ended(HangupCause.NORMAL_CLEARING.code());
    }
  }

  /**
   * [tanfang-checkin]: the AGI, then [tanfang-staff] when the script asked for staff (or could not
   * be reached: AGISTATUS FAILURE), else Hangup(). An Application originate has no dialplan.
   */
  private void dialplan(AgiUrl url) {
    try {
      FastAgiSession.Status status = runAgi(url);
      if (killed) {
        return;
      }
      boolean toStaff =
          status == FastAgiSession.Status.FAILURE
              || "staff".equals(channel.variable(TRANSFER_VARIABLE));
      if (!request.runsApplication() && status != FastAgiSession.Status.HANGUP && toStaff) {
        new QueueCall(this, line).run();
      }
    } catch (RuntimeException e) {
      log.warn("{}: dialplan emulation failed", channel.name(), e);
    } finally {
      ended(line.cause());
    }
  }

  /** [tanfang-callback]: the staff phone answered; Dial() the elder. */
  private void callBack() {
    CallBackDial dial = new CallBackDial(this, line);
    try {
      dial.run();
    } catch (RuntimeException e) {
      log.warn("{}: call-back emulation failed", channel.name(), e);
    } finally {
      ended(line.cause());
      dial.afterStaffGone();
    }
  }

  /** Runs one AGI() on this channel; a hang-up meanwhile reaches this session. */
  FastAgiSession.Status runAgi(AgiUrl url) {
    FastAgiSession session = new FastAgiSession(this, line, url);
    agi = session;
    return session.serve();
  }

  /** The channel moves to a dialplan step: Newexten with the application about to run. */
  void newexten(String context, String exten, int priority, String app, String data) {
    channel.dialplan(context, exten, priority);
    channel.application(app, data);
    publish(
        AmiEvents.Category.DIALPLAN,
        event("Newexten", AmiEvents.Category.DIALPLAN)
            .add("Extension", exten)
            .add("Application", app)
            .add("AppData", data));
  }

  void fail(CallOutcome how, int cause) {
    if (pjsip != null) {
      failPjsip(how, cause, 0);
      return;
    }
    synchronized (this) {
      if (phase != Phase.DIALLING) {
        return;
      }
      phase = Phase.DONE;
      record.outcome(how);
      if (pair != null) {
        failLocal(how, cause);
      } else {
        // No channel could be requested (unavailable): only the response.
        record.ended(how.cause().code());
        publish(AmiEvents.Category.CALL, originateResponse(how));
      }
    }
    outcome.complete(how);
    board.notify(l -> l.callEnded(record));
  }

  /**
   * A PJSIP originate that ends before answer: rang out (Originate timeout, CANCEL), hung up while
   * dialling, or refused by the carrier with a final response ({@code sipStatus}; 0 derives it from
   * the cause). See {@link PjsipScripts} for the events, causes and reasons.
   */
  private void failPjsip(CallOutcome how, int cause, int sipStatus) {
    synchronized (this) {
      if (phase != Phase.DIALLING) {
        return;
      }
      phase = Phase.DONE;
      record.outcome(how);
      PjsipLeg.Params p;
      PjsipScripts.Script s;
      if (how == CallOutcome.NO_ANSWER && sipStatus == 0 && cause == 0) {
        // handle_timeout_trip: cause 19, chan_pjsip's CANCEL gives tech cause 480; reason 3.
        int c = HangupCause.NO_ANSWER.code();
        s = PjsipScripts.RANG_OUT;
        p = new PjsipLeg.Params(null, "", c, 480, () -> originateResponse(how, 3));
      } else if (how == CallOutcome.CANCELLED) {
        int c = cause > 0 ? cause : HangupCause.NORMAL_CLEARING.code();
        s = PjsipScripts.CANCELLED;
        p =
            new PjsipLeg.Params(
                null, SipResponse.dialStatus(c), c, 0, () -> originateResponse(how, 0));
      } else {
        SipResponse r =
            sipStatus > 0
                ? SipResponse.of(sipStatus)
                : (cause > 0 ? SipResponse.forCause(cause) : defaultResponse(how));
        int c = cause > 0 ? cause : r.cause();
        s = PjsipScripts.REJECTED;
        p =
            new PjsipLeg.Params(
                null, SipResponse.dialStatus(c), c, r.status(), () -> originateResponse(how, 0));
      }
      pjsip.run(s, p);
      record.ended(p.cause());
      board.gone(this);
    }
    outcome.complete(how);
    board.notify(l -> l.callEnded(record));
  }

  /** The carrier's answer for an outcome given without one (callers of {@link #fail}). */
  private SipResponse defaultResponse(CallOutcome how) {
    SipReply sip = script.sipReply();
    if (sip != null) {
      return sip.response();
    }
    return SipResponse.forCause(how.cause().code());
  }

  /** A Local pair that failed before answer: the scenario's script, its real cause on record. */
  private void failLocal(CallOutcome how, int cause) {
    LocalScripts.Script s =
        switch (how) {
          case BUSY -> LocalScripts.BUSY;
          case CONGESTION -> LocalScripts.CONGESTION;
          case NO_ANSWER -> LocalScripts.NO_ANSWER;
          case UNALLOCATED -> LocalScripts.UNALLOCATED;
          // Hangup(21) and the like on ;2: as Hangup(1), with that cause (inferred, no trace).
          case DECLINED, REJECTED -> LocalScripts.UNALLOCATED.withCause(1, localCause(how, cause));
          case UNAVAILABLE -> LocalScripts.UNDEFINED_EXTENSION;
          default -> LocalScripts.CANCELLED;
        };
    // Hangup(1) on ;2 before answer reads as DialEnd NOANSWER on the pair (04-cause1).
    boolean hungUp =
        how == CallOutcome.UNALLOCATED
            || how == CallOutcome.DECLINED
            || how == CallOutcome.REJECTED;
    String status = hungUp ? "NOANSWER" : how.dialStatus();
    pair.run(s, status, SimChannel.State.BUSY, () -> originateResponse(how));
    record.ended(hungUp ? localCause(how, cause) : how.cause().code());
    board.gone(this);
  }

  private static int localCause(CallOutcome how, int cause) {
    return cause > 0 ? cause : how.cause().code();
  }

  /** The elder puts the phone down (API, or the script's Hangup reply via the AGI session). */
  void calleeHangsUp() {
    hangup(
        script.releaseCause() > 0 ? script.releaseCause() : HangupCause.NORMAL_CLEARING.code(),
        CallLine.Source.CALLEE);
  }

  /** The AGI script's HANGUP (or EXEC Hangup): a soft hang-up request on the channel. */
  void scriptHangsUp() {
    if (pair != null) {
      pair.scriptHangupRequested();
    } else {
      publish(
          AmiEvents.Category.CALL,
          event("SoftHangupRequest", AmiEvents.Category.CALL)
              .add("Cause", HangupCause.NORMAL_CLEARING.code()));
    }
    hangup(HangupCause.NORMAL_CLEARING.code(), CallLine.Source.SCRIPT);
  }

  void hangupFromAmi(int cause) {
    if (pair == null) {
      publish(
          AmiEvents.Category.CALL,
          event("SoftHangupRequest", AmiEvents.Category.CALL).add("Cause", cause));
    }
    hangup(cause, CallLine.Source.DIALPLAN);
  }

  /** {@code core stop}: the call is hung up with the shutdown's events. */
  void shutdown() {
    hangup(0, CallLine.Source.SHUTDOWN);
  }

  /** The process is killed: the channels vanish, no event is sent, the AGI socket just closes. */
  void kill() {
    killed = true;
    synchronized (this) {
      phase = Phase.DONE;
    }
    line.hangUp(0, CallLine.Source.KILLED);
    FastAgiSession session = agi;
    if (session != null) {
      session.kill();
    }
    board.gone(this);
  }

  private void hangup(int cause, CallLine.Source source) {
    Phase p;
    synchronized (this) {
      p = phase;
    }
    if (p == Phase.DIALLING) {
      fail(CallOutcome.CANCELLED, cause);
    } else if (p == Phase.UP && line.hangUp(cause, source)) {
      FastAgiSession session = agi;
      if (session != null) {
        session.channelHungUp();
      }
    }
  }

  /** Called when the AGI session is over: the channel goes away. */
  void ended(int cause) {
    synchronized (this) {
      if (phase == Phase.DONE) {
        return;
      }
      phase = Phase.DONE;
      if (pair != null) {
        endLocal();
      } else if (line.source() == CallLine.Source.CALLEE) {
        // The carrier's BYE: HangupRequest with the cause of its Reason: Q.850 header.
        pjsip.run(PjsipScripts.BYE, new PjsipLeg.Params(null, "", cause, 0, null));
        record.ended(cause);
        board.gone(this);
      } else {
        hangupEvent(cause);
      }
    }
    board.notify(l -> l.callEnded(record));
  }

  /** An answered Local pair hangs up as its source decides (LocalScripts). */
  private void endLocal() {
    LocalScripts.Script s =
        switch (line.source()) {
          case SCRIPT -> LocalScripts.SCRIPT_HANGUP;
          case CALLEE -> LocalScripts.CALLEE_HANGUP;
          case SHUTDOWN -> LocalScripts.SHUTDOWN;
          default -> LocalScripts.DIALPLAN_HANGUP;
        };
    pair.run(s, "", SimChannel.State.UP, () -> originateResponse(CallOutcome.ANSWERED));
    boolean zero =
        line.source() == CallLine.Source.SCRIPT || line.source() == CallLine.Source.SHUTDOWN;
    record.ended(zero ? 0 : HangupCause.NORMAL_CLEARING.code());
    board.gone(this);
  }

  private void hangupEvent(int cause) {
    publish(
        AmiEvents.Category.CALL,
        event("Hangup", AmiEvents.Category.CALL)
            .add("Cause", cause)
            .add("Cause-txt", HangupCause.of(cause).text()));
    record.ended(cause);
    board.gone(this);
  }

  private AmiMessage originateResponse(CallOutcome how) {
    // A Local ;2 hung up with cause 1 before answer: Asterisk reports reason 0 (04-cause1).
    boolean hungUp =
        how == CallOutcome.UNALLOCATED
            || how == CallOutcome.DECLINED
            || how == CallOutcome.REJECTED;
    return originateResponse(how, pair != null && hungUp ? 0 : how.reason());
  }

  private AmiMessage originateResponse(CallOutcome how, int reason) {
    AmiMessage m = AmiEvents.event("OriginateResponse", AmiEvents.Category.CALL);
    if (!request.actionId().isEmpty()) {
      m.add("ActionID", request.actionId());
    }
    boolean hasChannel = how.success();
    m.add("Response", how.success() ? "Success" : "Failure")
        .add("Channel", hasChannel ? channel.name() : request.channel());
    if (request.runsApplication()) {
      m.add("Application", request.application()).add("Data", request.appData());
    } else {
      m.add("Context", request.context()).add("Exten", request.exten());
    }
    String uniqueId =
        hasChannel
            ? channel.uniqueId()
            : (request.channelId().isEmpty() ? "<unknown>" : request.channelId());
    return m.add("Reason", reason)
        .add("Uniqueid", uniqueId)
        .add("CallerIDNum", SimChannel.orUnknown(request.callerIdNum()))
        .add("CallerIDName", SimChannel.orUnknown(request.callerIdName()));
  }

  AmiMessage event(String name, AmiEvents.Category category) {
    return AmiEvents.event(name, category).addAll(channel.snapshot(""));
  }

  /** An event about this channel and another one (the Dest* snapshot), e.g. DialBegin. */
  AmiMessage event(String name, AmiEvents.Category category, SimChannel dest) {
    return event(name, category).addAll(dest.snapshot("Dest"));
  }

  CallLine line() {
    return line;
  }

  boolean killed() {
    return killed;
  }

  /** The Local pair of this call, or null (a PJSIP channel). */
  LocalPair pair() {
    return pair;
  }

  void publish(AmiEvents.Category category, AmiMessage event) {
    if (killed) {
      return;
    }
    board.publish(category, event);
  }

  Switchboard board() {
    return board;
  }

  OriginateRequest request() {
    return request;
  }

  CalleeScript script() {
    return script;
  }

  private void later(long ms, Runnable r) {
    board.scheduler().schedule(r, Math.max(0, ms), TimeUnit.MILLISECONDS);
  }
}
