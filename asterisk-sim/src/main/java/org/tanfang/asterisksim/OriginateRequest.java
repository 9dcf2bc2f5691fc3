package org.tanfang.asterisksim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The headers of an AMI Originate, parsed the way {@code action_originate} (main/manager.c) reads
 * them: Timeout in ms defaulting to 30000, CallerID split like {@code ast_callerid_parse}, Variable
 * headers (several, each possibly comma-separated name=value pairs, like {@code
 * astman_get_variables_order}).
 */
public record OriginateRequest(
    String channel,
    String tech,
    String dialString,
    String number,
    String context,
    String exten,
    int priority,
    String application,
    String appData,
    long timeoutMs,
    String callerIdNum,
    String callerIdName,
    Map<String, String> variables,
    String actionId,
    String channelId,
    String otherChannelId,
    String account,
    boolean async,
    Map<String, String> headers) {

  private static final Set<String> TRUE = Set.of("yes", "true", "y", "t", "1", "on");

  public OriginateRequest {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** Thrown with the exact Message: text Asterisk sends in its Error response. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message);
    }
  }

  public boolean runsApplication() {
    return !application.isEmpty();
  }

  public static OriginateRequest parse(AmiMessage m) throws Invalid {
    String channel = m.get("Channel", "");
    if (channel.isEmpty()) {
      throw new Invalid("Channel not specified");
    }
    int slash = channel.indexOf('/');
    if (slash < 0) {
      throw new Invalid("Invalid channel");
    }
    long timeout = 30000;
    String t = m.get("Timeout", "");
    if (!t.isEmpty()) {
      try {
        timeout = Long.parseLong(t.trim());
      } catch (NumberFormatException e) {
        throw new Invalid("Invalid timeout");
      }
    }
    int priority = 1;
    String p = m.get("Priority", "");
    if (!p.isEmpty()) {
      try {
        priority = Integer.parseInt(p.trim());
      } catch (NumberFormatException e) {
        throw new Invalid("Invalid priority");
      }
    }
    String app = m.get("Application", "");
    String exten = m.get("Exten", "");
    String context = m.get("Context", "");
    if (app.isEmpty() && (exten.isEmpty() || context.isEmpty())) {
      throw new Invalid("Originate with 'Exten' requires 'Context' and 'Priority'");
    }
    String dial = channel.substring(slash + 1);
    String[] cid = parseCallerId(m.get("CallerID", ""));
    Map<String, String> headers = new LinkedHashMap<>();
    m.headers().forEach(h -> headers.merge(h.name(), h.value(), (a, b) -> a + "\n" + b));
    return new OriginateRequest(
        channel,
        channel.substring(0, slash),
        dial,
        dialledNumber(dial),
        context,
        exten,
        priority,
        app,
        m.get("Data", ""),
        timeout,
        cid[0],
        cid[1],
        variables(m),
        m.get("ActionID", ""),
        m.get("ChannelId", ""),
        m.get("OtherChannelId", ""),
        m.get("Account", ""),
        TRUE.contains(m.get("Async", "").toLowerCase(Locale.ROOT)),
        headers);
  }

  /** "13800000001@trunk" and "13800000001@ctx/n" give "13800000001". */
  static String dialledNumber(String dial) {
    String s = dial;
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    int slash = s.indexOf('/');
    return slash >= 0 ? s.substring(slash + 1) : s;
  }

  /** Returns {number, name}; empty strings when absent. */
  static String[] parseCallerId(String cid) {
    String s = cid.trim();
    int lt = s.indexOf('<');
    int gt = s.lastIndexOf('>');
    if (lt >= 0 && gt > lt) {
      String name = s.substring(0, lt).trim();
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
        name = name.substring(1, name.length() - 1);
      }
      return new String[] {s.substring(lt + 1, gt).trim(), name};
    }
    if (s.matches("[0-9+*#()\\- .]+")) {
      return new String[] {s.replaceAll("[()\\- .]", ""), ""};
    }
    return new String[] {"", s};
  }

  static Map<String, String> variables(AmiMessage m) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String header : m.getAll("Variable")) {
      for (String pair : header.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          vars.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
      }
    }
    return vars;
  }

  /**
   * Originate's {@code EarlyMedia: true}: progress (SIP 183) counts as the answer, so the dialplan
   * runs on early media ({@code pbx_outgoing_state_callback} in main/pbx.c queues an ANSWER).
   */
  public boolean earlyMedia() {
    // Header names are case-insensitive (Asterisk-Java sends them lower-case).
    return headers.entrySet().stream()
        .anyMatch(
            h ->
                h.getKey().equalsIgnoreCase("EarlyMedia")
                    && TRUE.contains(h.getValue().trim().toLowerCase(Locale.ROOT)));
  }
}
