package org.tanfang.asterisksim;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sim's log of one originated call, for tests to assert on: what was dialled with which
 * Originate headers, how it ended, every AGI command and Asterisk's reply, the prompts the elder
 * heard and the variables the script set. Thread-safe; getters return snapshots.
 */
public final class CallRecord {

  /** One AGI command as received and the reply lines the sim sent. */
  public record AgiExchange(String command, List<String> reply) {
    public AgiExchange {
      reply = List.copyOf(reply);
    }
  }

  private final String number;
  private final OriginateRequest originate;
  private final CalleeScript script;
  private final Instant started = Instant.now();
  private final List<AgiExchange> exchanges = new ArrayList<>();
  private final List<String> prompts = new ArrayList<>();
  private final Map<String, String> variablesSet = new LinkedHashMap<>();
  private final List<Path> recordings = new ArrayList<>();
  private String channel;
  private String uniqueId;
  private CallOutcome outcome;
  private int hangupCause = -1;
  private String agiRequest;
  private boolean dialplanContinued;
  private Map<String, String> variablesAtAgiEnd = Map.of();
  private Instant ended;
  private final List<String> agiRequests = new ArrayList<>();
  private final List<String> agentsCalled = new ArrayList<>();
  private String answeredBy;
  private String queueResult;
  private final String dialedBy;

  CallRecord(String number, OriginateRequest originate, CalleeScript script) {
    this(number, originate, script, null);
  }

  /** A leg the dialplan dialled ({@code Dial()}) from channel {@code dialedBy}. */
  CallRecord(String number, OriginateRequest originate, CalleeScript script, String dialedBy) {
    this.number = number;
    this.originate = originate;
    this.script = script;
    this.dialedBy = dialedBy;
  }

  /**
   * The channel whose dialplan dialled this leg (click-to-call's Dial to the elder), or null for a
   * call placed by an AMI Originate.
   */
  public String dialedBy() {
    return dialedBy;
  }

  /** Every AGI the channel ran, in order (the check-in script, then any follow-up script). */
  public synchronized List<String> agiRequests() {
    return List.copyOf(agiRequests);
  }

  /** Queue members rung for this caller, in order (their MemberName). */
  public synchronized List<String> agentsCalled() {
    return List.copyOf(agentsCalled);
  }

  /** The queue member who answered (MemberName), or null. */
  public synchronized String answeredBy() {
    return answeredBy;
  }

  /**
   * How the call left the staff queue: {@code CONNECTED}, {@code ABANDONED} (the caller hung up),
   * or Asterisk's QUEUESTATUS ({@code TIMEOUT}); null if it never queued.
   */
  public synchronized String queueResult() {
    return queueResult;
  }

  synchronized void agentCalled(String member) {
    agentsCalled.add(member);
  }

  synchronized void answeredBy(String member) {
    this.answeredBy = member;
  }

  synchronized void queueResult(String result) {
    this.queueResult = result;
  }

  public String number() {
    return number;
  }

  /** A call into the line ({@link AsteriskSim#callIn}): {@link #originate()} is its shape. */
  public boolean inbound() {
    return originate != null
        && originate.actionId().isEmpty()
        && originate.headers().isEmpty()
        && InboundCall.CONTEXT.equals(originate.context());
  }

  public OriginateRequest originate() {
    return originate;
  }

  public CalleeScript script() {
    return script;
  }

  public Instant started() {
    return started;
  }

  public synchronized String channel() {
    return channel;
  }

  public synchronized String uniqueId() {
    return uniqueId;
  }

  /** Null while the phone is still ringing. */
  public synchronized CallOutcome outcome() {
    return outcome;
  }

  /** The Hangup event's cause; null until the channel is gone. */
  public synchronized HangupCause hangupCause() {
    return hangupCause < 0 ? null : HangupCause.of(hangupCause);
  }

  /** The Hangup event's Q.850 cause code; -1 until the channel is gone. */
  public synchronized int hangupCauseCode() {
    return hangupCause;
  }

  /** The first agi:// URL the sim connected to, or null if no AGI ran. */
  public synchronized String agiRequest() {
    return agiRequest;
  }

  public synchronized List<AgiExchange> agiExchanges() {
    return List.copyOf(exchanges);
  }

  /** Just the command lines, in order. */
  public synchronized List<String> agiCommands() {
    return exchanges.stream().map(AgiExchange::command).toList();
  }

  /** Prompt files played by STREAM FILE, GET DATA, GET OPTION, CONTROL STREAM FILE, Playback. */
  public synchronized List<String> prompts() {
    return List.copyOf(prompts);
  }

  /** Files written by RECORD FILE, in order. */
  public synchronized List<Path> recordings() {
    return List.copyOf(recordings);
  }

  /** Variables set by the AGI script (SET VARIABLE, EXEC Set), last value wins. */
  public synchronized Map<String, String> variablesSet() {
    return Map.copyOf(variablesSet);
  }

  /**
   * True when the script ended the AGI by closing its socket on a live channel: Asterisk would then
   * continue in the dialplan (e.g. to a transfer) with {@link #variablesAtAgiEnd()}.
   */
  public synchronized boolean dialplanContinued() {
    return dialplanContinued;
  }

  /** All channel variables when the AGI ended (Originate variables plus those the script set). */
  public synchronized Map<String, String> variablesAtAgiEnd() {
    return variablesAtAgiEnd;
  }

  public synchronized boolean ended() {
    return ended != null;
  }

  public synchronized Instant endedAt() {
    return ended;
  }

  synchronized void channel(String name, String id) {
    this.channel = name;
    this.uniqueId = id;
  }

  synchronized void outcome(CallOutcome o) {
    if (outcome == null) {
      outcome = o;
    }
  }

  synchronized void agiRequest(String url) {
    if (agiRequest == null) {
      this.agiRequest = url;
    }
    agiRequests.add(url);
  }

  synchronized void exchange(AgiExchange e) {
    exchanges.add(e);
  }

  private long lineAnsweredAtMs = -1;
  private long firstPromptLineMs = -1;

  synchronized void lineAnsweredAt(long lineMs) {
    lineAnsweredAtMs = lineMs;
  }

  synchronized void firstPromptAt(long lineMs) {
    if (firstPromptLineMs < 0) {
      firstPromptLineMs = lineMs;
    }
  }

  /**
   * Where on the line's own clock (ms from its first early media, {@link LineOpening}) the callee
   * answered; -1 for a line that never answers.
   */
  public synchronized long lineAnsweredAtMs() {
    return lineAnsweredAtMs;
  }

  /** Where on the line's own clock the first prompt started; -1 if none played. */
  public synchronized long firstPromptLineMs() {
    return firstPromptLineMs;
  }

  synchronized void prompt(String file) {
    prompts.add(file);
  }

  synchronized void recording(Path file) {
    recordings.add(file);
  }

  synchronized void variableSet(String name, String value) {
    variablesSet.put(name, value);
  }

  synchronized void agiEnded(boolean continued, Map<String, String> vars) {
    if (agiRequests.size() > 1) {
      return; // a follow-up script: what the first one left is what tests look at
    }
    this.dialplanContinued = continued;
    this.variablesAtAgiEnd = Map.copyOf(vars);
  }

  synchronized void ended(int cause) {
    if (ended == null) {
      this.hangupCause = cause;
      this.ended = Instant.now();
    }
  }

  @Override
  public synchronized String toString() {
    return "CallRecord["
        + number
        + " "
        + outcome
        + " "
        + channel
        + " cmds="
        + exchanges.size()
        + "]";
  }
}
