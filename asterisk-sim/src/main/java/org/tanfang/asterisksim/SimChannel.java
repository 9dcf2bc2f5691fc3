package org.tanfang.asterisksim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated outbound channel of one call: what Asterisk's channel snapshot holds, so every
 * event can carry the standard snapshot headers of {@code
 * ast_manager_build_channel_state_string_prefix} (main/manager_channels.c) in the same order.
 */
public final class SimChannel {

  /** Channel states and their {@code ast_state2str} texts (main/channel.c). */
  public enum State {
    DOWN(0, "Down"),
    /** A Local ;2 half before its dialplan answers. */
    RING(4, "Ring"),
    RINGING(5, "Ringing"),
    UP(6, "Up"),
    /** Busy() or Congestion() on a Local ;2 half. */
    BUSY(7, "Busy");

    final int code;
    final String text;

    State(int code, String text) {
      this.code = code;
      this.text = text;
    }
  }

  private final String name;
  private final String tech;
  private final String uniqueId;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private State state = State.DOWN;
  private String callerIdNum = "";
  private String callerIdName = "";
  private String language = "en";
  private String accountCode = "";
  private String context = "default";
  private String exten = "s";
  private int priority = 1;
  private String application = "";
  private String appData = "";
  private String linkedId;
  private String dnid = "";

  public SimChannel(String name, String tech, String uniqueId) {
    this.name = name;
    this.tech = tech;
    this.uniqueId = uniqueId;
    this.linkedId = uniqueId;
  }

  public String name() {
    return name;
  }

  public String tech() {
    return tech;
  }

  public String uniqueId() {
    return uniqueId;
  }

  /** The Linkedid: the oldest channel of the call (a dialled leg inherits its caller's). */
  public synchronized String linkedId() {
    return linkedId;
  }

  public synchronized void linkedId(String id) {
    this.linkedId = id;
  }

  public synchronized State state() {
    return state;
  }

  public synchronized void state(State s) {
    this.state = s;
  }

  /** The number the caller dialled (an inbound call's DNID); empty for an originated channel. */
  public synchronized String dnid() {
    return dnid;
  }

  public synchronized void dnid(String number) {
    this.dnid = number == null ? "" : number;
  }

  public synchronized void callerId(String num, String nameText) {
    this.callerIdNum = num;
    this.callerIdName = nameText;
  }

  public synchronized String callerIdNum() {
    return callerIdNum;
  }

  public synchronized String callerIdName() {
    return callerIdName;
  }

  public synchronized String language() {
    return language;
  }

  public synchronized void language(String lang) {
    this.language = lang;
  }

  public synchronized String accountCode() {
    return accountCode;
  }

  public synchronized void accountCode(String code) {
    this.accountCode = code;
  }

  public synchronized void dialplan(String ctx, String ext, int prio) {
    this.context = ctx;
    this.exten = ext;
    this.priority = prio;
  }

  public synchronized String context() {
    return context;
  }

  public synchronized String exten() {
    return exten;
  }

  public synchronized int priority() {
    return priority;
  }

  public synchronized void application(String app, String data) {
    this.application = app;
    this.appData = data;
  }

  public synchronized String application() {
    return application;
  }

  public synchronized String appData() {
    return appData;
  }

  /** Sets a channel variable; CHANNEL(language) changes the language as the function does. */
  public synchronized void setVariable(String var, String value) {
    if (var.equalsIgnoreCase("CHANNEL(language)")) {
      language = value;
    }
    variables.put(var, value);
  }

  public synchronized String variable(String var) {
    return switch (var) {
      case "CHANNEL(language)", "LANGUAGE()" -> language;
      case "CHANNEL(name)", "CHANNEL" -> name;
      case "UNIQUEID", "CHANNEL(uniqueid)" -> uniqueId;
      case "CALLERID(num)" -> callerIdNum;
      case "CALLERID(name)" -> callerIdName;
      case "CONTEXT" -> context;
      case "EXTEN" -> exten;
      case "PRIORITY" -> String.valueOf(priority);
      default -> variables.get(var);
    };
  }

  public synchronized Map<String, String> variables() {
    return Map.copyOf(variables);
  }

  /** The snapshot headers, {@code <unknown>} for empty caller ids as Asterisk prints them. */
  public synchronized List<AmiMessage.Header> snapshot(String prefix) {
    List<AmiMessage.Header> h = new ArrayList<>();
    h.add(new AmiMessage.Header(prefix + "Channel", name));
    h.add(new AmiMessage.Header(prefix + "ChannelState", String.valueOf(state.code)));
    h.add(new AmiMessage.Header(prefix + "ChannelStateDesc", state.text));
    h.add(new AmiMessage.Header(prefix + "CallerIDNum", orUnknown(callerIdNum)));
    h.add(new AmiMessage.Header(prefix + "CallerIDName", orUnknown(callerIdName)));
    h.add(new AmiMessage.Header(prefix + "ConnectedLineNum", orUnknown(callerIdNum)));
    h.add(new AmiMessage.Header(prefix + "ConnectedLineName", orUnknown(callerIdName)));
    h.add(new AmiMessage.Header(prefix + "Language", language));
    h.add(new AmiMessage.Header(prefix + "AccountCode", accountCode));
    h.add(new AmiMessage.Header(prefix + "Context", context));
    h.add(new AmiMessage.Header(prefix + "Exten", exten));
    h.add(new AmiMessage.Header(prefix + "Priority", String.valueOf(priority)));
    h.add(new AmiMessage.Header(prefix + "Uniqueid", uniqueId));
    h.add(new AmiMessage.Header(prefix + "Linkedid", linkedId));
    return h;
  }

  static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "<unknown>" : s;
  }
}
