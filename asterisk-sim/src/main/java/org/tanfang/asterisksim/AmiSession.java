package org.tanfang.asterisksim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMI client connection: banner, authentication and the per-session event mask, following
 * {@code process_message}, {@code action_login}, {@code action_challenge} and {@code authenticate}
 * in main/manager.c. Call-related actions are delegated to {@link AmiCallActions}.
 */
final class AmiSession implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(AmiSession.class);

  private final Socket socket;
  private final SimConfig config;
  private final AmiEvents events;
  private final AmiCallActions callActions;
  private final long bootMillis;
  private OutputStream out;
  private volatile boolean authenticated;
  private final Set<AmiEvents.Category> readPermission;
  private volatile Set<AmiEvents.Category> mask;
  private String challenge = "";

  AmiSession(
      Socket socket,
      SimConfig config,
      AmiEvents events,
      AmiCallActions callActions,
      long bootMillis,
      Set<AmiEvents.Category> readPermission) {
    this.readPermission = EnumSet.copyOf(readPermission);
    this.mask = EnumSet.copyOf(readPermission);
    this.socket = socket;
    this.config = config;
    this.events = events;
    this.callActions = callActions;
    this.bootMillis = bootMillis;
  }

  @Override
  public void run() {
    try (socket) {
      out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      // The banner is the first line Asterisk sends; clients check its AMI_VERSION.
      write("Asterisk Call Manager/" + SimConfig.AMI_VERSION + "\r\n");
      AmiMessage action;
      while ((action = AmiMessage.read(in)) != null) {
        if (!handle(action)) {
          break;
        }
      }
    } catch (IOException e) {
      log.debug("AMI session ended: {}", e.getMessage());
    } finally {
      events.unregister(this);
    }
  }

  /** Returns false when the session must end (Logoff, failed login), as process_message's -1. */
  private boolean handle(AmiMessage m) throws IOException {
    String action = m.get("Action", "");
    if (action.isEmpty()) {
      send(error(m, "Missing action in request"));
      return true;
    }
    String a = action.toLowerCase(Locale.ROOT);
    if (!authenticated && !Set.of("login", "logoff", "challenge").contains(a)) {
      send(error(m, "Permission denied"));
      return true;
    }
    switch (a) {
      case "login" -> {
        return login(m);
      }
      case "challenge" -> challenge(m);
      case "logoff" -> {
        send(AmiMessage.response("Goodbye", m).add("Message", "Thanks for all the fish."));
        return false;
      }
      case "ping" -> {
        long now = System.currentTimeMillis();
        send(
            AmiMessage.response("Success", m)
                .add("Ping", "Pong")
                .add("Timestamp", String.format("%d.%06d", now / 1000, (now % 1000) * 1000)));
      }
      case "events" -> {
        mask = permitted(parseMask(m.get("EventMask", ""), mask));
        send(AmiMessage.response("Success", m).add("Events", mask.isEmpty() ? "Off" : "On"));
      }
      case "coresettings" -> send(coreSettings(m));
      case "command" -> send(command(m));
      default -> {
        if (!callActions.handle(a, m, this)) {
          send(
              error(
                  m,
                  "Invalid/unknown command: "
                      + action
                      + ". Use Action: ListCommands to show available commands."));
        }
      }
    }
    return true;
  }

  private boolean login(AmiMessage m) throws IOException {
    if (authenticated) {
      send(AmiMessage.response("Success", m).add("Message", "Already authenticated"));
      return true;
    }
    if (!authenticate(m)) {
      // Asterisk sleeps a second before refusing, to slow down password guessing.
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      send(error(m, "Authentication failed"));
      return false;
    }
    authenticated = true;
    mask = permitted(parseMask(m.get("Events", ""), mask));
    send(AmiMessage.response("Success", m).add("Message", "Authentication accepted"));
    events.register(this);
    long uptime = (System.currentTimeMillis() - bootMillis) / 1000;
    deliver(
        AmiEvents.Category.SYSTEM,
        AmiEvents.event("FullyBooted", AmiEvents.Category.SYSTEM)
            .add("Uptime", uptime)
            .add("LastReload", uptime)
            .add("Status", "Fully Booted"));
    return true;
  }

  private boolean authenticate(AmiMessage m) {
    String user = m.get("Username", "");
    String secret = config.users().get(user);
    if (user.isEmpty() || secret == null) {
      return false;
    }
    if ("MD5".equalsIgnoreCase(m.get("AuthType", ""))) {
      String key = m.get("Key", "");
      return !key.isEmpty() && !challenge.isEmpty() && key.equals(Md5.hex(challenge + secret));
    }
    return secret.equals(m.get("Secret", ""));
  }

  private void challenge(AmiMessage m) throws IOException {
    if (!"MD5".equalsIgnoreCase(m.get("AuthType", ""))) {
      send(error(m, "Must specify AuthType"));
      return;
    }
    if (challenge.isEmpty()) {
      // Like ast_random(): a decimal number, kept for the session.
      challenge = String.valueOf(Math.abs(new java.security.SecureRandom().nextInt()));
    }
    send(AmiMessage.response("Success", m).add("Challenge", challenge));
  }

  private AmiMessage coreSettings(AmiMessage m) {
    return AmiMessage.response("Success", m)
        .add("AMIversion", SimConfig.AMI_VERSION)
        .add("AsteriskVersion", SimConfig.ASTERISK_VERSION)
        .add("SystemName", "")
        .add("CoreMaxCalls", 0)
        .add("CoreMaxLoadAvg", "0.000000")
        .add("CoreRunUser", "asterisk")
        .add("CoreRunGroup", "asterisk")
        .add("CoreMaxFilehandles", 0)
        .add("CoreRealTimeEnabled", "No")
        .add("CoreCDRenabled", "Yes")
        .add("CoreHTTPenabled", "No")
        .add("SoundsSearchCustomDir", "No");
  }

  /** Only "core show version" is emulated; Asterisk-Java sends it to detect the version. */
  private AmiMessage command(AmiMessage m) {
    String cmd = m.get("Command", "").trim();
    if (cmd.isEmpty()) {
      return error(m, "No command provided");
    }
    boolean version = cmd.equalsIgnoreCase("core show version");
    return AmiMessage.response(version ? "Success" : "Error", m)
        .add("Message", "Command output follows")
        .add(
            "Output",
            version
                ? "Asterisk " + SimConfig.ASTERISK_VERSION + " built by asterisk-sim"
                : "No such command '" + cmd + "' (type 'core show help " + cmd + "' for help)");
  }

  /** What the client asked for, within the user's {@code read} classes. */
  private Set<AmiEvents.Category> permitted(Set<AmiEvents.Category> asked) {
    Set<AmiEvents.Category> s = EnumSet.noneOf(AmiEvents.Category.class);
    s.addAll(asked);
    s.retainAll(readPermission);
    return s;
  }

  static AmiMessage error(AmiMessage action, String message) {
    return AmiMessage.response("Error", action).add("Message", message);
  }

  /** Mask parsing like set_eventmask/strings_to_mask: on/off, or a list of categories. */
  static Set<AmiEvents.Category> parseMask(String text, Set<AmiEvents.Category> current) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      return current;
    }
    if (Set.of("on", "yes", "true", "1", "all").contains(t)) {
      return EnumSet.allOf(AmiEvents.Category.class);
    }
    Set<AmiEvents.Category> set = EnumSet.noneOf(AmiEvents.Category.class);
    for (String part : t.split(",")) {
      if (part.trim().equals("all")) {
        return EnumSet.allOf(AmiEvents.Category.class);
      }
      for (AmiEvents.Category c : AmiEvents.Category.values()) {
        if (c.label.equals(part.trim())) {
          set.add(c);
        }
      }
    }
    return set;
  }

  void send(AmiMessage m) throws IOException {
    write(m.format());
  }

  /** Delivers an event if this session's mask lets it through; a dead socket just ends delivery. */
  void deliver(AmiEvents.Category category, AmiMessage event) {
    if (!mask.contains(category)) {
      return;
    }
    try {
      write(event.format());
    } catch (IOException e) {
      events.unregister(this);
    }
  }

  private synchronized void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("closing AMI socket: {}", e.getMessage());
    }
  }
}
