package org.tanfang.asterisksim;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Places originated calls: picks the callee script for the dialled number, names the channel the
 * way chan_pjsip does ({@code PJSIP/<endpoint>-<8 hex digits>}) and keeps the live calls and the
 * call log.
 */
final class Switchboard {

  private final SimConfig config;
  private final Callees callees;
  private final AmiEvents events;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService threads;
  private final List<SimListener> listeners;
  private final List<CallRecord> log = new CopyOnWriteArrayList<>();
  private final Map<String, SimCall> live = new ConcurrentHashMap<>();
  private final Map<CallRecord, CallLine> bridged = new ConcurrentHashMap<>();
  private final OutboundRegistrations registrations = new OutboundRegistrations();

  /** The PJSIP outbound registrations PJSIPShowRegistrationsOutbound lists. */
  OutboundRegistrations registrations() {
    return registrations;
  }

  private final StaffPhones staffPhones;
  private final AtomicInteger channelSeq = new AtomicInteger();
  private final AtomicInteger uniqueSeq = new AtomicInteger();
  private final long epochSeconds = System.currentTimeMillis() / 1000;
  private final java.util.Random order;
  private final DeviceStates devices = new DeviceStates(this);

  Switchboard(
      SimConfig config,
      Callees callees,
      AmiEvents events,
      ScheduledExecutorService scheduler,
      ExecutorService threads,
      List<SimListener> listeners,
      StaffPhones staffPhones,
      long orderSeed) {
    this.order = new java.util.Random(orderSeed);
    this.config = config;
    this.staffPhones = staffPhones;
    this.callees = callees;
    this.events = events;
    this.scheduler = scheduler;
    this.threads = threads;
    this.listeners = listeners;
  }

  CompletableFuture<CallOutcome> originate(OriginateRequest request) {
    // A staff phone (click-to-call rings it first) behaves as configured for the queue.
    CalleeScript script =
        staffPhones
            .phone(request.number())
            .map(StaffPhone::asCallee)
            .orElseGet(() -> callees.scriptFor(request.number()));
    CallRecord record = new CallRecord(request.number(), request, script);
    log.add(record);
    SimCall call = new SimCall(this, request, script, record);
    notify(l -> l.callStarted(record));
    call.start();
    return call.outcome();
  }

  /** A call into the line from {@code from} to {@code dialled} ({@link InboundCall}). */
  CallRecord callIn(String from, String callerName, String dialled) {
    OriginateRequest request = InboundCall.request(from, callerName, dialled);
    CalleeScript script = callees.scriptFor(from);
    CallRecord record = new CallRecord(from, request, script);
    log.add(record);
    SimCall call = new SimCall(this, request, script, record);
    notify(l -> l.callStarted(record));
    call.startInbound(dialled);
    return record;
  }

  /** Builds the channel for a call; its name follows chan_pjsip / core_local naming. */
  SimChannel newChannel(OriginateRequest r) {
    String seq = String.format("%08x", channelSeq.incrementAndGet());
    String name;
    if (r.tech().equalsIgnoreCase("Local")) {
      name = "Local/" + r.dialString().split("/")[0] + "-" + seq + ";1";
    } else {
      String d = r.dialString();
      int at = d.indexOf('@');
      String endpoint = at >= 0 ? d.substring(at + 1) : d;
      name = r.tech() + "/" + endpoint + "-" + seq;
    }
    // Asterisk uses the ChannelId as the Uniqueid when given, else "<epoch>.<counter>".
    String id =
        r.channelId().isEmpty() ? epochSeconds + "." + uniqueSeq.getAndIncrement() : r.channelId();
    SimChannel ch = new SimChannel(name, r.tech(), id);
    ch.language(config.language());
    return ch;
  }

  /**
   * A channel the dialplan dials from {@code caller} (a queue member, Dial's outgoing leg): named
   * {@code tech/endpoint-<seq>}, a fresh Uniqueid, the caller's Linkedid and caller ID, and the
   * endpoint's context.
   */
  SimChannel dialledChannel(String tech, String endpoint, SimChannel caller, String context) {
    String name = tech + "/" + endpoint + "-" + String.format("%08x", channelSeq.incrementAndGet());
    if (tech.equalsIgnoreCase("Local")) {
      name += ";1"; // the member's own ;2 half is not emulated (README "Fidelity")
    }
    SimChannel ch = new SimChannel(name, tech, epochSeconds + "." + uniqueSeq.getAndIncrement());
    ch.linkedId(caller.linkedId());
    ch.language(caller.language());
    ch.accountCode(caller.accountCode());
    ch.callerId(caller.callerIdNum(), caller.callerIdName());
    ch.dialplan(context, "s", 1);
    return ch;
  }

  /** Logs a leg dialled by the dialplan, so {@code sim.calls()} shows it. */
  CallRecord dialledLeg(String number, CalleeScript script, String fromChannel) {
    CallRecord record = new CallRecord(number, null, script, fromChannel);
    log.add(record);
    return record;
  }

  /** A dialled leg is up or ringing: {@link #hangupNumber} reaches it through its line. */
  void bridged(CallRecord leg, CallLine line) {
    bridged.put(leg, line);
  }

  void unbridged(CallRecord leg) {
    bridged.remove(leg);
  }

  Callees callees() {
    return callees;
  }

  StaffPhones staffPhones() {
    return staffPhones;
  }

  DeviceStates devices() {
    return devices;
  }

  long startedEpochSeconds() {
    return epochSeconds;
  }

  void live(SimCall call) {
    for (SimChannel c : call.channels()) {
      live.put(c.name(), call);
    }
  }

  void gone(SimCall call) {
    for (SimChannel c : call.channels()) {
      live.remove(c.name(), call);
    }
  }

  /**
   * Which of {@code n} orders Asterisk was seen to use a scenario's events goes out in this time
   * ({@link LocalScripts}): seeded, so a test with a few seeds sees each order.
   */
  synchronized int pickOrder(int n) {
    return order.nextInt(n);
  }

  /** The live calls, each once. */
  List<SimCall> liveCalls() {
    return live.values().stream().distinct().toList();
  }

  boolean hangupChannel(String name, int cause) {
    SimCall call = live.get(name);
    if (call == null) {
      return false;
    }
    call.hangupFromAmi(cause);
    return true;
  }

  /** Hangs up every live call to {@code number}, as if the elder put the phone down. */
  int hangupNumber(String number) {
    int n = 0;
    for (SimCall call : liveCalls()) {
      if (call.record().number().equals(number)) {
        call.calleeHangsUp();
        n++;
      }
    }
    for (Map.Entry<CallRecord, CallLine> leg : bridged.entrySet()) {
      if (leg.getKey().number().equals(number) && leg.getValue().hangUp(0)) {
        n++;
      }
    }
    return n;
  }

  List<SimChannel> liveChannels() {
    return liveCalls().stream().flatMap(c -> c.channels().stream()).toList();
  }

  long createdAt(SimChannel channel) {
    SimCall call = live.get(channel.name());
    return call == null ? System.currentTimeMillis() : call.record().started().toEpochMilli();
  }

  List<CallRecord> calls() {
    return List.copyOf(log);
  }

  void publish(AmiEvents.Category category, AmiMessage event) {
    events.publish(category, event);
  }

  void notify(Consumer<SimListener> action) {
    for (SimListener l : listeners) {
      try {
        action.accept(l);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Switchboard.class).warn("listener failed", e);
      }
    }
  }

  SimConfig config() {
    return config;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  ExecutorService threads() {
    return threads;
  }
}
