package org.tanfang.dialer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A fake Asterisk that answers ivr-app with recorded traffic: an AMI server on 127.0.0.1 that logs
 * the dialer in with the answers of {@code 00-login-ami.txt}, and, for each Originate of a
 * scenario, sends the recorded AMI messages and plays the recorded FastAGI sessions to ivr-app's
 * FastAGI server, in the recorded order, with the originate's ids (ActionID, ChannelId, channel
 * variable values) replaced by the ones the dialer sent. Where the trace shows ivr-app's FastAGI
 * command, the replay waits for ivr-app to send that very command. A new client port in the trace
 * (Asterisk restarted) closes the AMI connection; the dialer's next login gets the login answers
 * and a CoreShowChannels listing the channels still up in the replay.
 */
final class TraceReplayer implements AutoCloseable {
  private static final long STEP_TIMEOUT_MS = 20_000;

  private final ServerSocket server;
  private final AmiTrace login;
  private final BlockingQueue<Map<String, String>> originates = new LinkedBlockingQueue<>();
  private final Map<String, String> liveChannels = new LinkedHashMap<>(); // uniqueid → channel
  private final List<String> actionsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile AmiConnection current;

  TraceReplayer(AmiTrace login) throws IOException {
    this.login = login;
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "trace-ami-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  boolean loggedIn() {
    AmiConnection c = current;
    return c != null && c.loggedIn;
  }

  /** The actions ivr-app sent (lower-case names), over all connections. */
  List<String> actionsSeen() {
    return List.copyOf(actionsSeen);
  }

  /**
   * Replays {@code trace}; {@code placeCall} is asked to make the dialer send the k-th Originate
   * (0-based) when the trace reaches it. Throws AssertionError when ivr-app does not do what the
   * trace shows it did.
   */
  void replay(AmiTrace trace, int agiPort, IntConsumer placeCall) throws IOException {
    originates.clear();
    synchronized (liveChannels) {
      liveChannels.clear();
    }
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, String> traceVars = new HashMap<>();
    Map<String, String> realVars = new HashMap<>();
    Map<AmiTrace.AgiSession, AgiPeer> agi = new HashMap<>();
    String callPort = trace.originates().get(0).port();
    java.util.Set<String> portsSeen = new java.util.HashSet<>(List.of(callPort));
    int originateNo = 0;
    String lastAgiCommand = "";
    for (Step step : steps(trace)) {
      if (step.ami() != null) {
        AmiTrace.Message m = step.ami();
        if (!m.port().equals(callPort)) {
          if (portsSeen.add(m.port())) {
            restart(); // the PBX went away; the dialer logs in again on its own
          }
          continue;
        }
        if (m.isAction("Originate")) {
          placeCall.accept(originateNo++);
          Map<String, String> real = poll();
          ids.put(m.header("actionid").orElseThrow(), real.get("actionid"));
          ids.put(m.header("channelid").orElseThrow(), real.get("channelid"));
          traceVars.putAll(m.variables());
          realVars.putAll(variables(real.get("variable")));
        } else if (m.fromAsterisk()) {
          sendAmi(substitute(m.lines(), ids));
        }
        continue;
      }
      AmiTrace.AgiLine line = step.agi();
      AgiPeer peer = agi.computeIfAbsent(step.session(), s -> AgiPeer.connect(agiPort));
      if (line.fromAsterisk()) {
        String text = substitute(List.of(line.text()), ids).get(0);
        text = variableReply(lastAgiCommand, text, traceVars, realVars);
        peer.send(text);
        peer.unanswered = false;
      } else if (peer.unanswered) {
        // A second command without a reply to the first: Asterisk had closed the socket (killed);
        // ivr-app's command went into a RST.
        peer.close();
      } else {
        String expected = substitute(List.of(line.text()), ids).get(0);
        String got = peer.read();
        if (!expected.equals(got)) {
          throw new AssertionError(
              trace.name()
                  + ": at "
                  + line.atMs()
                  + " ms the trace has ivr-app send FastAGI «"
                  + expected
                  + "» but ivr-app sent «"
                  + got
                  + "»");
        }
        lastAgiCommand = got;
        peer.unanswered = true;
      }
      if (step.lastOfSession()) {
        peer.close();
      }
    }
  }

  /** A recorded GET VARIABLE reply names the recorded value; give the one this call carries. */
  private static String variableReply(
      String command, String reply, Map<String, String> traceVars, Map<String, String> realVars) {
    if (!command.startsWith("GET VARIABLE ")) {
      return reply;
    }
    String name = command.substring("GET VARIABLE ".length()).replace("\"", "").trim();
    if (traceVars.containsKey(name) && realVars.containsKey(name)) {
      return reply.replace("(" + traceVars.get(name) + ")", "(" + realVars.get(name) + ")");
    }
    return reply;
  }

  private static Map<String, String> variables(String joined) {
    Map<String, String> vars = new HashMap<>();
    if (joined != null) {
      for (String kv : joined.split("\n")) {
        int eq = kv.indexOf('=');
        vars.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return vars;
  }

  private Map<String, String> poll() {
    try {
      Map<String, String> o = originates.poll(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (o == null) {
        throw new AssertionError("the dialer sent no Originate within " + STEP_TIMEOUT_MS + " ms");
      }
      return o;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<String> substitute(List<String> lines, Map<String, String> ids) {
    List<String> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      String l = line;
      for (var e : ids.entrySet()) {
        l = l.replace(e.getKey(), e.getValue());
      }
      out.add(l);
    }
    return out;
  }

  private record Step(
      long atMs,
      int order,
      AmiTrace.Message ami,
      AmiTrace.AgiSession session,
      AmiTrace.AgiLine agi,
      boolean lastOfSession) {}

  /** AMI and FastAGI on one time axis; at equal times AMI first, each file in its own order. */
  private static List<Step> steps(AmiTrace trace) {
    List<Step> steps = new ArrayList<>();
    int order = 0;
    for (AmiTrace.Message m : trace.ami()) {
      steps.add(new Step(m.atMs(), order++, m, null, null, false));
    }
    for (AmiTrace.AgiSession s : trace.agi()) {
      for (int i = 0; i < s.lines().size(); i++) {
        AmiTrace.AgiLine l = s.lines().get(i);
        steps.add(new Step(l.atMs(), order++, null, s, l, i == s.lines().size() - 1));
      }
    }
    steps.sort(Comparator.comparingLong(Step::atMs).thenComparingInt(Step::order));
    return steps;
  }

  private void sendAmi(List<String> lines) throws IOException {
    track(lines);
    AmiConnection c = current;
    if (c == null) {
      throw new AssertionError("no AMI connection to replay on");
    }
    c.send(lines);
  }

  private void track(List<String> lines) {
    AmiTrace.Message m = new AmiTrace.Message(0, true, "", lines);
    String event = m.header("Event").orElse("");
    String uniqueid = m.header("Uniqueid").orElse(null);
    synchronized (liveChannels) {
      if (event.equals("Newchannel") && uniqueid != null) {
        liveChannels.put(uniqueid, m.header("Channel").orElse(""));
      } else if (event.equals("Hangup") && uniqueid != null) {
        liveChannels.remove(uniqueid);
      }
    }
  }

  /** Asterisk stopped or was killed: the connection goes, and with it every channel. */
  private void restart() {
    AmiConnection c = current;
    current = null;
    synchronized (liveChannels) {
      liveChannels.clear();
    }
    if (c != null) {
      c.close();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        AmiConnection c = new AmiConnection(s);
        current = c;
        Thread t = new Thread(c::serve, "trace-ami-" + s.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** The recorded answer of 00-login to {@code action}, with the dialer's ActionID. */
  private List<String> recorded(String action, String actionId) {
    List<AmiTrace.Message> msgs = login.ami();
    for (int i = 0; i < msgs.size(); i++) {
      if (msgs.get(i).isAction(action)) {
        String traceId = msgs.get(i).header("actionid").orElseThrow();
        return substitute(msgs.get(i + 1).lines(), Map.of(traceId, actionId));
      }
    }
    throw new IllegalStateException("00-login has no " + action);
  }

  private List<String> fullyBooted() {
    return login.ami().stream()
        .filter(m -> m.header("Event").map("FullyBooted"::equals).orElse(false))
        .findFirst()
        .orElseThrow()
        .lines();
  }

  private final class AmiConnection {
    private final Socket socket;
    private final OutputStream out;
    volatile boolean loggedIn;

    AmiConnection(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    void serve() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
        write(login.ami().get(0).lines().get(0) + "\r\n"); // the banner, no empty line
        Map<String, String> action = new LinkedHashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
              String key = line.substring(0, colon).trim().toLowerCase();
              String value = line.substring(colon + 1).trim();
              action.merge(key, value, (a, b) -> a + "\n" + b);
            }
            continue;
          }
          if (!action.isEmpty()) {
            handle(action);
            action = new LinkedHashMap<>();
          }
        }
      } catch (IOException e) {
        // closed by a replayed restart, or by the dialer
      }
    }

    private void handle(Map<String, String> a) throws IOException {
      String action = a.getOrDefault("action", "").toLowerCase();
      String id = a.getOrDefault("actionid", "");
      actionsSeen.add(action);
      switch (action) {
        case "challenge" -> send(recorded("Challenge", id));
        case "login" -> {
          send(recorded("Login", id));
          send(fullyBooted());
          loggedIn = true;
        }
        case "coresettings" -> send(recorded("CoreSettings", id));
        case "ping" -> send(List.of("Response: Success", "ActionID: " + id, "Ping: Pong"));
        case "logoff" -> {
          send(
              List.of("Response: Goodbye", "ActionID: " + id, "Message: Thanks for all the fish."));
          close();
        }
        case "coreshowchannels" -> coreShowChannels(id);
        case "originate" -> originates.add(a);
        default ->
            send(
                List.of(
                    "Response: Error",
                    "ActionID: " + id,
                    "Message: Invalid/unknown command: "
                        + a.get("action")
                        + ". Use Action: ListCommands to show available commands."));
      }
    }

    /** As manager.c's action_coreshowchannels writes it (Asterisk 22). */
    private void coreShowChannels(String id) throws IOException {
      Map<String, String> live;
      synchronized (liveChannels) {
        live = new LinkedHashMap<>(liveChannels);
      }
      send(
          List.of(
              "Response: Success",
              "ActionID: " + id,
              "EventList: start",
              "Message: Channels will follow"));
      for (var e : live.entrySet()) {
        send(
            List.of(
                "Event: CoreShowChannel",
                "ActionID: " + id,
                "Channel: " + e.getValue(),
                "ChannelState: 6",
                "ChannelStateDesc: Up",
                "Uniqueid: " + e.getKey(),
                "Linkedid: " + e.getKey().replace(";2", ""),
                "Application: AGI",
                "ApplicationData: ",
                "Duration: 00:00:01",
                "BridgeId: "));
      }
      send(
          List.of(
              "Event: CoreShowChannelsComplete",
              "ActionID: " + id,
              "EventList: Complete",
              "ListItems: " + live.size()));
    }

    synchronized void send(List<String> lines) throws IOException {
      write(String.join("\r\n", lines) + "\r\n\r\n");
    }

    private synchronized void write(String s) throws IOException {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // gone already
      }
    }
  }

  /** One FastAGI connection to ivr-app, as Asterisk opens it for AGI(agi://…). */
  private static final class AgiPeer {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    boolean unanswered;

    private AgiPeer(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout((int) STEP_TIMEOUT_MS);
      this.in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.out = socket.getOutputStream();
    }

    static AgiPeer connect(int port) {
      try {
        return new AgiPeer(new Socket(InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void send(String line) {
      try {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (SocketException e) {
        // ivr-app closed the session first: Asterisk's last HANGUP gets a RST (README, fact 13)
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String read() {
      try {
        String line = in.readLine();
        return line == null ? "<ivr-app closed the FastAGI session>" : line;
      } catch (IOException e) {
        return "<nothing: " + e + ">";
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // gone already
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    restart();
  }
}
