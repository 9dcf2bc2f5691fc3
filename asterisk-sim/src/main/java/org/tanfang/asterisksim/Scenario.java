package org.tanfang.asterisksim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scenario file: callees by number, the default callee and an optional random mix. The JSON
 * format is described in the module README; relative WAV paths are resolved against the file's
 * folder.
 *
 * @param callees scripts by dialled number
 * @param defaultCallee for unlisted numbers (null: keep the sim's default)
 * @param randomMix draws for unlisted numbers (null: none)
 * @param staffPhones the staff queue's members, in order ({@code "staff": {"phones": [...]}})
 * @param staffQueue the queue's timings ({@code "staff": {"memberTimeoutMs": ...}})
 */
public record Scenario(
    Map<String, CalleeScript> callees,
    CalleeScript defaultCallee,
    RandomCallees randomMix,
    List<StaffPhone> staffPhones,
    Consumer<StaffPhones> staffQueue) {

  public Scenario {
    callees = Map.copyOf(callees);
    staffPhones = List.copyOf(staffPhones);
  }

  public Scenario(
      Map<String, CalleeScript> callees, CalleeScript defaultCallee, RandomCallees randomMix) {
    this(callees, defaultCallee, randomMix, List.of(), q -> {});
  }

  /** Thrown for a scenario that cannot be understood, naming the offending part. */
  public static final class Invalid extends RuntimeException {
    public Invalid(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static Scenario load(Path file) throws IOException {
    Path base = file.toAbsolutePath().getParent();
    return parse(Files.readString(file), base);
  }

  public static Scenario parse(String json, Path baseDir) {
    JsonNode root;
    try {
      root = JsonMapper.builder().build().readTree(json);
    } catch (JacksonException e) {
      throw new Invalid("scenario is not valid JSON: " + e.getOriginalMessage(), e);
    }
    Map<String, CalleeScript> callees = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("callees").properties()) {
      callees.put(e.getKey(), callee(e.getValue(), baseDir, "callees." + e.getKey()));
    }
    CalleeScript dflt =
        root.has("default") ? callee(root.get("default"), baseDir, "default") : null;
    RandomCallees mix = null;
    if (root.has("random")) {
      JsonNode r = root.get("random");
      RandomCallees.Builder b = RandomCallees.builder().seed(r.path("seed").asLong(1));
      int i = 0;
      for (JsonNode entry : r.path("mix").values()) {
        b.add(
            callee(entry.path("callee"), baseDir, "random.mix[" + i++ + "]"),
            entry.path("weight").asDouble(1));
      }
      mix = b.build();
    }
    List<StaffPhone> phones = new ArrayList<>();
    JsonNode staff = root.path("staff");
    int i = 0;
    for (JsonNode p : staff.path("phones").values()) {
      phones.add(staffPhone(p, "staff.phones[" + i++ + "]"));
    }
    Consumer<StaffPhones> queue =
        q -> {
          if (staff.has("memberTimeoutMs")) {
            q.memberTimeoutMs(staff.get("memberTimeoutMs").asLong());
          }
          if (staff.has("retryMs")) {
            q.retryMs(staff.get("retryMs").asLong());
          }
          if (staff.has("talkMs")) {
            q.defaultTalkMs(staff.get("talkMs").asLong());
          }
          if (staff.has("queueTimeoutSeconds")) {
            q.defaultQueueTimeoutSeconds(staff.get("queueTimeoutSeconds").asInt());
          }
        };
    return new Scenario(callees, dflt, mix, phones, queue);
  }

  static StaffPhone staffPhone(JsonNode n, String where) {
    String endpoint = n.path("endpoint").asString("");
    if (endpoint.isBlank()) {
      throw new Invalid(where + ": endpoint is required", null);
    }
    String pickup = n.path("pickup").asString("answer");
    long talk = n.path("talkMs").asLong(5000);
    StaffPhone phone =
        switch (pickup) {
          case "answer" -> StaffPhone.answering(endpoint, n.path("answerAfterMs").asLong(0), talk);
          case "no-answer" -> StaffPhone.neverAnswering(endpoint);
          default ->
              throw new Invalid(
                  where + ": pickup '" + pickup + "' (staff phones: answer or no-answer)", null);
        };
    return n.has("memberName") ? phone.named(n.get("memberName").asString()) : phone;
  }

  static CalleeScript callee(JsonNode n, Path baseDir, String where) {
    String pickup = n.path("pickup").asString("answer").toUpperCase(Locale.ROOT).replace('-', '_');
    CalleeScript.Pickup p;
    try {
      p = CalleeScript.Pickup.valueOf(pickup);
    } catch (IllegalArgumentException e) {
      throw new Invalid(where + ": unknown pickup '" + pickup.toLowerCase(Locale.ROOT) + "'", e);
    }
    long answerAfter =
        n.has("answerAfterSeconds")
            ? Math.round(n.get("answerAfterSeconds").asDouble() * 1000)
            : n.path("answerAfterMs").asLong(0);
    List<CalleeReply> replies = new ArrayList<>();
    int i = 0;
    for (JsonNode r : n.path("replies").values()) {
      replies.add(reply(r, baseDir, where + ".replies[" + i++ + "]"));
    }
    CalleeReply then =
        n.has("then") ? reply(n.get("then"), baseDir, where + ".then") : CalleeReply.silence();
    SipReply sip = null;
    if (p == CalleeScript.Pickup.REJECT) {
      if (!n.path("sipStatus").isNumber()) {
        throw new Invalid(where + ": pickup 'reject' needs a sipStatus (300-699)", null);
      }
      try {
        sip = SipReply.after(n.path("provisional").asInt(0), n.get("sipStatus").asInt());
      } catch (IllegalArgumentException e) {
        throw new Invalid(where + ": " + e.getMessage(), e);
      }
    } else if (n.has("sipStatus")) {
      throw new Invalid(where + ": sipStatus goes with pickup 'reject'", null);
    }
    return new CalleeScript(
        p, answerAfter, replies, then, n.path("hangupAfterCommands").asInt(0), null, 0, sip, null);
  }

  static CalleeReply reply(JsonNode r, Path baseDir, String where) {
    long delay = r.path("delayMs").asLong(0);
    try {
      if (r.has("press")) {
        return new CalleeReply.Digits(r.get("press").asString(), delay);
      }
      if (r.has("say")) {
        String key = r.path("endKey").asString("");
        Path wav =
            baseDir == null
                ? Path.of(r.get("say").asString())
                : baseDir.resolve(r.get("say").asString());
        return new CalleeReply.Recording(wav, key.isEmpty() ? null : key.charAt(0), delay);
      }
      if (r.path("hangup").asBoolean(false)) {
        return new CalleeReply.Hangup(delay);
      }
      if (r.path("silence").asBoolean(false)) {
        return new CalleeReply.Silence(delay);
      }
    } catch (IllegalArgumentException e) {
      throw new Invalid(where + ": " + e.getMessage(), e);
    }
    throw new Invalid(where + ": expected one of press, say, silence, hangup", null);
  }
}
