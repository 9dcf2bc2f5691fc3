package org.tanfang.asterisksim;

import java.util.Optional;

/**
 * Emulates extensions.conf [tanfang-staff] for a call whose check-in script asked for staff: {@code
 * Queue(tanfang-staff,t,,,${TANFANG_QUEUE_TIMEOUT})}, then — only reached when nobody answered —
 * {@code AGI(agi://…/transfer-unanswered,${QUEUESTATUS})}, {@code Playback(staff-busy)} if that AGI
 * failed, and {@code Hangup()}.
 *
 * <p>The queue behaves as queues.conf sets it (strategy rrmemory: one member rung at a time for
 * {@code timeout}, {@code retry} between members, joinempty=yes, leavewhenempty=no) and emits what
 * app_queue.c emits, with its header names and order: QueueCallerJoin (Queue, Position, Count); per
 * member rung a Newchannel, AgentCalled (caller and Dest snapshots, Queue, Interface, MemberName),
 * DialBegin and DialState RINGING; unanswered: AgentRingNoAnswer (RingTime in ms), DialEnd
 * NOANSWER, DialEnd CANCEL and the member channel's Hangup; timed out: QueueCallerAbandon then
 * QueueCallerLeave; answered: DialEnd ANSWER, QueueCallerLeave, AgentConnect (HoldTime, RingTime in
 * s), then AgentComplete (HoldTime, TalkTime, Reason agent or caller); the caller hanging up while
 * it waits: DialEnd CANCEL for a ringing member, QueueCallerAbandon (Position, OriginalPosition,
 * HoldTime) and QueueCallerLeave.
 */
final class QueueCall {

  static final String QUEUE_TIMEOUT_VARIABLE = "TANFANG_QUEUE_TIMEOUT";
  private static final String MEMBER_CONTEXT = "tanfang-staff-phones";

  private enum Ring {
    ANSWERED,
    NO_ANSWER,
    ABANDONED
  }

  private final SimCall call;
  private final LegEvents legs;
  private final CallLine line;
  private final StaffPhones staff;
  private final SimChannel caller;
  private final long joined = System.currentTimeMillis();
  private int position;

  QueueCall(SimCall call, CallLine line) {
    this.call = call;
    this.legs = new LegEvents(call);
    this.line = line;
    this.staff = call.board().staffPhones();
    this.caller = call.channel();
  }

  void run() {
    int timeoutSeconds =
        LegEvents.seconds(caller, QUEUE_TIMEOUT_VARIABLE, staff.defaultQueueTimeoutSeconds());
    call.newexten(StaffPhones.QUEUE, "s", 4, "Queue", StaffPhones.QUEUE + ",t,,," + timeoutSeconds);
    position = staff.join();
    if (position == 1) {
      call.board().devices().queue(StaffPhones.QUEUE, "RINGING");
    }
    call.publish(
        AmiEvents.Category.AGENT,
        call.event("QueueCallerJoin", AmiEvents.Category.AGENT)
            .add("Queue", StaffPhones.QUEUE)
            .add("Position", position)
            .add("Count", position));
    call.publish(
        AmiEvents.Category.CALL,
        call.event("MusicOnHoldStart", AmiEvents.Category.CALL).add("Class", "default"));
    long deadline = joined + timeoutSeconds * 1000L;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        timedOut();
        return;
      }
      Optional<StaffPhone> member = staff.nextMember();
      if (member.isEmpty()) {
        // joinempty=yes, leavewhenempty=no: wait for a member or the timeout.
        if (!line.await(Math.min(left, 200))) {
          abandoned();
          return;
        }
        continue;
      }
      Ring ring = ring(member.get(), Math.min(staff.memberTimeoutMs(), left));
      if (ring != Ring.NO_ANSWER) {
        return;
      }
      left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        timedOut();
        return;
      }
      if (!line.await(Math.min(staff.retryMs(), left))) {
        abandoned();
        return;
      }
    }
  }

  private Ring ring(StaffPhone member, long ringMs) {
    String iface = member.interfaceName();
    SimChannel phone =
        call.board()
            .dialledChannel(
                iface.substring(0, iface.indexOf('/')),
                iface.substring(iface.indexOf('/') + 1),
                caller,
                MEMBER_CONTEXT);
    call.record().agentCalled(member.memberName());
    call.board().notify(l -> l.agentCalled(call.record(), member.memberName()));
    legs.channel("Newchannel", phone);
    call.publish(AmiEvents.Category.AGENT, member("AgentCalled", phone, member));
    call.publish(
        AmiEvents.Category.CALL,
        call.event("DialBegin", AmiEvents.Category.CALL, phone)
            .add("DialString", member.interfaceName()));
    phone.state(SimChannel.State.RINGING);
    legs.channel("Newstate", phone);
    device(phone, DeviceStates.ringing(phone));
    legs.dial("DialState", phone, "RINGING");
    long rangAt = System.currentTimeMillis();
    if (member.answers() && member.answerAfterMs() < ringMs) {
      if (!line.await(member.answerAfterMs())) {
        cancel(phone);
        abandoned();
        return Ring.ABANDONED;
      }
      connect(member, phone, rangAt);
      return Ring.ANSWERED;
    }
    if (!line.await(ringMs)) {
      cancel(phone);
      abandoned();
      return Ring.ABANDONED;
    }
    call.publish(
        AmiEvents.Category.AGENT,
        member("AgentRingNoAnswer", phone, member)
            .add("RingTime", System.currentTimeMillis() - rangAt));
    // app_queue's rna(): DialEnd NOANSWER, then hanging the member up sends DialEnd CANCEL (06b).
    legs.dial("DialEnd", phone, "NOANSWER");
    legs.dial("DialEnd", phone, "CANCEL");
    hangupMember(phone, HangupCause.NOT_DEFINED);
    return Ring.NO_ANSWER;
  }

  private void connect(StaffPhone member, SimChannel phone, long rangAt) {
    long answeredAt = System.currentTimeMillis();
    phone.state(SimChannel.State.UP);
    legs.channel("Newstate", phone);
    device(phone, "INUSE");
    legs.dial("DialEnd", phone, "ANSWER");
    leave();
    call.record().answeredBy(member.memberName());
    call.record().queueResult("CONNECTED");
    long hold = seconds(answeredAt - joined);
    call.publish(
        AmiEvents.Category.AGENT,
        member("AgentConnect", phone, member)
            .add("HoldTime", hold)
            .add("RingTime", seconds(answeredAt - rangAt)));
    SimBridge bridge = new SimBridge(call);
    bridge.enter(phone);
    bridge.enter(caller);
    boolean callerStayed = line.await(member.talkMs());
    call.publish(
        AmiEvents.Category.AGENT,
        member("AgentComplete", phone, member)
            .add("HoldTime", hold)
            .add("TalkTime", seconds(System.currentTimeMillis() - answeredAt))
            .add("Reason", callerStayed ? "agent" : "caller"));
    bridge.leave(phone);
    hangupMember(phone, HangupCause.NORMAL_CLEARING);
    bridge.leave(caller);
    bridge.destroy();
    // The member hung up: without Queue's 'c' option the caller is hung up too.
    line.hangUp(HangupCause.NORMAL_CLEARING.code());
  }

  /** The caller hung up while a member rang: the member's phone stops ringing. */
  private void cancel(SimChannel phone) {
    legs.dial("DialEnd", phone, "CANCEL");
    hangupMember(phone, HangupCause.NOT_DEFINED);
  }

  private void hangupMember(SimChannel phone, HangupCause cause) {
    legs.hangup(phone, cause);
    device(phone, "NOT_INUSE");
  }

  private void device(SimChannel channel, String state) {
    if (!call.killed()) {
      call.board().devices().changed(channel, state);
    }
  }

  private void abandoned() {
    call.record().queueResult("ABANDONED");
    abandonEvent();
    leave();
  }

  private void abandonEvent() {
    call.publish(
        AmiEvents.Category.AGENT,
        call.event("QueueCallerAbandon", AmiEvents.Category.AGENT)
            .add("Queue", StaffPhones.QUEUE)
            .add("Position", position)
            .add("OriginalPosition", position)
            .add("HoldTime", seconds(System.currentTimeMillis() - joined)));
  }

  /**
   * Queue() timed out: app_queue records it as an abandon (QueueCallerAbandon with the hold time,
   * trace 06b) although the caller is still there, then QueueCallerLeave; QUEUESTATUS=TIMEOUT and
   * the dialplan's follow-up AGI.
   */
  private void timedOut() {
    abandonEvent();
    leave();
    call.record().queueResult("TIMEOUT");
    call.setVariable("QUEUESTATUS", "TIMEOUT");
    SimConfig config = call.board().config();
    String data =
        config.agiBase(call.channel().variable(SimConfig.NODE_AGI_VARIABLE))
            + "/"
            + staff.unansweredScript()
            + ",TIMEOUT";
    call.newexten(StaffPhones.QUEUE, "s", 5, "AGI", data);
    FastAgiSession.Status status = call.runAgi(AgiUrl.parse(data, config));
    if (status == FastAgiSession.Status.FAILURE) {
      call.newexten(StaffPhones.QUEUE, "s", 7, "Playback", staff.busyPrompt());
      call.record().prompt(staff.busyPrompt());
    }
    if (status != FastAgiSession.Status.HANGUP) {
      call.newexten(StaffPhones.QUEUE, "s", 8, "Hangup", "");
      line.hangUp(HangupCause.NORMAL_CLEARING.code());
    }
  }

  private void leave() {
    int count = staff.leave();
    call.publish(AmiEvents.Category.CALL, call.event("MusicOnHoldStop", AmiEvents.Category.CALL));
    if (count == 0) {
      call.board().devices().queue(StaffPhones.QUEUE, "NOT_INUSE");
    }
    call.publish(
        AmiEvents.Category.AGENT,
        call.event("QueueCallerLeave", AmiEvents.Category.AGENT)
            .add("Queue", StaffPhones.QUEUE)
            .add("Position", position)
            .add("Count", count));
  }

  /** app_queue's multi-channel events: caller, Dest (member), then the blob. */
  private AmiMessage member(String name, SimChannel phone, StaffPhone member) {
    return call.event(name, AmiEvents.Category.AGENT, phone)
        .add("Queue", StaffPhones.QUEUE)
        .add("Interface", member.interfaceName())
        .add("MemberName", member.memberName());
  }

  private static long seconds(long ms) {
    return ms / 1000;
  }
}
