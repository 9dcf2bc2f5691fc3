package org.tanfang.asterisksim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protocol-level stand-in for Asterisk: an AMI server and a FastAGI client driven by scripted
 * callees. Start one in-process:
 *
 * <pre>{@code
 * try (AsteriskSim sim = AsteriskSim.builder().amiPort(0).user("tanfang", "secret")
 *         .agi("127.0.0.1", 4573).build().start()) {
 *   sim.callees().put("13800000001", CalleeScript.answers().afterMs(500).press("1").build());
 *   ... connect Asterisk-Java to sim.amiPort() ...
 * }
 * }</pre>
 */
public final class AsteriskSim implements AutoCloseable {

  private final SimConfig config;
  private final Callees callees;
  private final List<SimListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler;
  private final ExecutorService threads;
  private final Switchboard switchboard;
  private final AmiServer ami;

  private final StaffPhones staffPhones;

  private final AmiEvents events;

  private AsteriskSim(
      SimConfig config,
      Callees callees,
      StaffPhones staffPhones,
      List<SimListener> initial,
      String readClasses,
      long orderSeed) {
    this.config = config;
    this.callees = callees;
    this.staffPhones = staffPhones;
    this.listeners.addAll(initial);
    this.scheduler = Executors.newScheduledThreadPool(2, daemon("asterisk-sim-timer"));
    this.threads = Executors.newCachedThreadPool(daemon("asterisk-sim"));
    this.events = new AmiEvents();
    this.switchboard =
        new Switchboard(
            config, callees, events, scheduler, threads, listeners, staffPhones, orderSeed);
    this.ami =
        new AmiServer(
            config,
            events,
            new AmiCallActions(switchboard),
            threads,
            AmiSession.parseMask(readClasses, java.util.EnumSet.noneOf(AmiEvents.Category.class)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening for AMI clients. */
  public AsteriskSim start() {
    try {
      ami.start();
    } catch (IOException e) {
      throw new UncheckedIOException("AMI port " + config.amiPort() + " unavailable", e);
    }
    return this;
  }

  /** The bound AMI port (the ephemeral one when built with port 0). */
  public int amiPort() {
    return ami.port();
  }

  public SimConfig config() {
    return config;
  }

  /** The phone book; change it at any time. */
  public Callees callees() {
    return callees;
  }

  /** The staff queue's members and the staff phones; change them at any time. */
  public StaffPhones staffPhones() {
    return staffPhones;
  }

  /** Every call originated so far, and every leg the dialplan dialled, oldest first. */
  public List<CallRecord> calls() {
    return switchboard.calls();
  }

  /**
   * An elder calls the line: the carrier's call from {@code from} to the line's number {@code
   * dialled} arrives on the trunk and runs [tanfang-inbound] (see {@link InboundCall}). The
   * caller's keys are the callee book's script for {@code from} ({@code callees().put(from, …)}).
   * Returns the call's record (its {@code number()} is the caller's; {@code callsTo(from)} finds it
   * too).
   */
  public CallRecord callIn(String from, String dialled) {
    return callIn(from, "", dialled);
  }

  /** As {@link #callIn(String, String)}, with the caller's name as the carrier presents it. */
  public CallRecord callIn(String from, String callerName, String dialled) {
    return switchboard.callIn(from, callerName, dialled);
  }

  /** Calls to one number, oldest first. */
  public List<CallRecord> callsTo(String number) {
    return calls().stream().filter(c -> c.number().equals(number)).toList();
  }

  public AsteriskSim addListener(SimListener listener) {
    listeners.add(Objects.requireNonNull(listener));
    return this;
  }

  public AsteriskSim removeListener(SimListener listener) {
    listeners.remove(listener);
    return this;
  }

  /** The callee at {@code number} puts the phone down; returns how many live calls that ended. */
  public int hangup(String number) {
    return switchboard.hangupNumber(number);
  }

  /** Channel names of the calls now ringing or up. */
  public List<String> liveChannels() {
    return switchboard.liveCalls().stream().map(c -> c.channel().name()).toList();
  }

  /** Number of AMI client connections open now. */
  public int amiConnections() {
    return ami.sessionCount();
  }

  /** Drops every AMI connection; clients may reconnect at once. */
  public void dropAmiConnections() {
    ami.dropConnections();
  }

  /** Drops every AMI connection and refuses new ones, as if Asterisk were down. */
  public void refuseAmiConnections() {
    ami.refuseConnections();
  }

  /** Accepts AMI connections again, on the same port. */
  public void restoreAmiConnections() {
    try {
      ami.acceptConnections();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen again on AMI port " + ami.port(), e);
    }
  }

  /**
   * The Asterisk process is killed ({@code kill -9}, trace 11b): every AMI and FastAGI socket
   * closes at once, no Hangup or Shutdown event is sent, the live calls are gone, and AMI
   * connections are refused until {@link #restart()}.
   */
  public void kill() {
    for (SimCall call : switchboard.liveCalls()) {
      call.kill();
    }
    ami.refuseConnections();
  }

  /**
   * {@code core stop gracefully} as far as AMI shows it (trace 11): the live calls are hung up
   * (SoftHangupRequest cause 4, Hangups cause 0), then {@code Event: Shutdown} ({@code Shutdown:
   * Cleanly}, {@code Restart: False}) and the connections close and are refused until {@link
   * #restart()}.
   */
  public void shutdown() {
    for (SimCall call : switchboard.liveCalls()) {
      call.shutdown();
    }
    long until = System.currentTimeMillis() + 5000;
    while (!switchboard.liveCalls().isEmpty() && System.currentTimeMillis() < until) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
    events.publish(
        AmiEvents.Category.SYSTEM,
        AmiEvents.event("Shutdown", AmiEvents.Category.SYSTEM)
            .add("Shutdown", "Cleanly")
            .add("Restart", "False"));
    ami.refuseConnections();
  }

  /**
   * An outbound registration of the trunk completed: {@code Event: Registry} (class SYSTEM) with
   * {@code ChannelType: PJSIP}, as the Asterisk 22 AMI documentation gives it ({@code
   * AMI_Events/Registry}: ChannelType, Username, Domain, Status, Cause). No trace holds one: the
   * header values are what the caller passes. Calls are not affected (registration and INVITEs are
   * independent in PJSIP); pair it with {@link Callees#setOutage} for a carrier that also refuses
   * calls.
   *
   * @param status {@code Registered}, {@code Unregistered}, {@code Rejected} or {@code Failed}
   * @param cause why it was rejected; null: no Cause header
   */
  public void registry(String username, String domain, String status, String cause) {
    AmiMessage event =
        AmiEvents.event("Registry", AmiEvents.Category.SYSTEM)
            .add("ChannelType", "PJSIP")
            .add("Username", username)
            .add("Domain", domain)
            .add("Status", status);
    if (cause != null) {
      event.add("Cause", cause);
    }
    events.publish(AmiEvents.Category.SYSTEM, event);
  }

  /**
   * Sets (or changes) a PJSIP outbound registration as {@code PJSIPShowRegistrationsOutbound} lists
   * it: no event is sent (pair it with {@link #registry} for one that just completed; a status that
   * changed while no AMI client was connected is seen only by asking).
   *
   * @param status as Asterisk shows it: {@code Registered}, {@code Unregistered}, {@code Rejected}
   */
  public void outboundRegistration(String name, String serverUri, String clientUri, String status) {
    switchboard
        .registrations()
        .put(new OutboundRegistrations.Registration(name, serverUri, clientUri, status));
  }

  /** Forgets every outbound registration (the PBX has none configured). */
  public void clearOutboundRegistrations() {
    switchboard.registrations().clear();
  }

  /** Asterisk is up again after {@link #kill()} or {@link #shutdown()}: same port, no calls. */
  public void restart() {
    restoreAmiConnections();
  }

  @Override
  public void close() {
    ami.close();
    scheduler.shutdownNow();
    threads.shutdownNow();
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Configures a sim; defaults: AMI on 127.0.0.1:5038, FastAGI 127.0.0.1:4573/checkin. */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int amiPort = 5038;
    private final Map<String, String> users = new LinkedHashMap<>();
    private String agiHost = "127.0.0.1";
    private int agiPort = AgiUrl.DEFAULT_PORT;
    private String agiScript = "checkin";
    private String language = "en";
    private final Map<String, String> contextScripts = new LinkedHashMap<>();
    private final Map<String, CalleeScript> callees = new LinkedHashMap<>();
    private CalleeScript defaultCallee = CalleeScript.alwaysPress("1");
    private RandomCallees randomMix;
    private final List<SimListener> listeners = new ArrayList<>();
    private final StaffPhones staffPhones = new StaffPhones();
    private String readClasses = AmiEvents.TANFANG_READ;
    private long orderSeed = 1;

    private Builder() {}

    /**
     * The AMI user's {@code read} classes (manager.conf); default {@code
     * call,system,reporting,agent}, as Tanfang's {@code dialplans/manager.conf} grants. Events of
     * other classes (dialplan: VarSet, Newexten; agi: AGIExec; dtmf) are never sent; {@code all}
     * sends them.
     */
    public Builder readClasses(String classes) {
      this.readClasses = classes;
      return this;
    }

    /**
     * Seeds the choice among the orders real Asterisk sends a scenario's events in (e.g.
     * OriginateResponse before or after DialEnd ANSWER); default 1.
     */
    public Builder orderSeed(long seed) {
      this.orderSeed = seed;
      return this;
    }

    /** Adds a staff phone, and makes it the staff queue's last member. */
    public Builder staffPhone(StaffPhone phone) {
      staffPhones.add(phone);
      return this;
    }

    /** The staff queue's timings and follow-up, see {@link StaffPhones}. */
    public Builder staffQueue(java.util.function.Consumer<StaffPhones> settings) {
      settings.accept(staffPhones);
      return this;
    }

    public Builder bindAddress(String address) {
      this.bindAddress = address;
      return this;
    }

    public Builder amiPort(int port) {
      this.amiPort = port;
      return this;
    }

    public Builder user(String username, String secret) {
      users.put(username, secret);
      return this;
    }

    public Builder users(Map<String, String> all) {
      users.putAll(all);
      return this;
    }

    public Builder agi(String host, int port) {
      this.agiHost = host;
      this.agiPort = port;
      return this;
    }

    public Builder agiScript(String script) {
      this.agiScript = script;
      return this;
    }

    /**
     * Originates into {@code context} run {@code script} (as if that context's dialplan called
     * AGI(agi://host:port/script)); other contexts run {@link #agiScript}.
     */
    public Builder contextScript(String context, String script) {
      contextScripts.put(context, script);
      return this;
    }

    public Builder language(String lang) {
      this.language = lang;
      return this;
    }

    public Builder callee(String number, CalleeScript script) {
      callees.put(number, script);
      return this;
    }

    public Builder callees(Map<String, CalleeScript> scripts) {
      callees.putAll(scripts);
      return this;
    }

    /** The callee for numbers not listed (default: answers at once and presses 1 to anything). */
    public Builder defaultCallee(CalleeScript script) {
      this.defaultCallee = script;
      return this;
    }

    public Builder randomCallees(RandomCallees mix) {
      this.randomMix = mix;
      return this;
    }

    /** Applies a scenario file's settings (callees, default, random mix). */
    public Builder scenario(Scenario scenario) {
      callees.putAll(scenario.callees());
      if (scenario.defaultCallee() != null) {
        defaultCallee = scenario.defaultCallee();
      }
      if (scenario.randomMix() != null) {
        randomMix = scenario.randomMix();
      }
      scenario.staffPhones().forEach(staffPhones::add);
      scenario.staffQueue().accept(staffPhones);
      return this;
    }

    public Builder listener(SimListener listener) {
      listeners.add(listener);
      return this;
    }

    public AsteriskSim build() {
      SimConfig config =
          new SimConfig(
              bindAddress, amiPort, users, agiHost, agiPort, agiScript, language, contextScripts);
      Callees book = new Callees(defaultCallee).putAll(callees).setRandomMix(randomMix);
      return new AsteriskSim(config, book, staffPhones, listeners, readClasses, orderSeed);
    }
  }
}
