package org.tanfang.asterisksim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Asterisk side of one FastAGI connection, as {@code launch_netscript}, {@code setup_env} and
 * {@code run_agi} in res/res_agi.c run it: connect, send "agi_network: yes", the script and the
 * agi_* environment ended by an empty line, then answer one command line at a time. When the
 * channel hangs up Asterisk sends a "HANGUP" line (at once if the script is idle, else after the
 * reply to the command in progress) and from then on treats the channel as dead. When the script
 * closes the socket on a live channel, the dialplan continues (see {@link SimCall}).
 */
final class FastAgiSession {

  /** The AGISTATUS the AGI() application leaves: the dialplan branches on it. */
  enum Status {
    SUCCESS,
    FAILURE,
    HANGUP
  }

  private static final Logger log = LoggerFactory.getLogger(FastAgiSession.class);

  /** MAX_AGI_CONNECT in res_agi.c. */
  private static final int CONNECT_TIMEOUT_MS = 2000;

  private final SimCall call;
  private final CallLine line;
  private final AgiUrl url;
  private final AgiCommands commands;
  private OutputStream out;
  private volatile Socket socket;
  private boolean busy = true;
  private boolean dead;

  /** When the last line to the script went out (environment or reply), for the reply gap. */
  private volatile long lastSentNanos;

  FastAgiSession(SimCall call, CallLine line, AgiUrl url) {
    this.call = call;
    this.line = line;
    this.url = url;
    this.commands =
        new AgiCommands(call, new AgiMedia(call, line, new CalleeCursor(call.script())));
  }

  /** Runs the script to its end; the caller decides what the channel does next. */
  Status serve() {
    call.record().agiRequest(url.request());
    try (Socket socket = new Socket()) {
      this.socket = socket;
      socket.connect(new InetSocketAddress(url.host(), url.port()), CONNECT_TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      sendEnvironment();
      idle();
      converse(in);
      // The script closed the connection: on a live channel the dialplan goes on.
      call.record().agiEnded(!line.isHungUp(), call.channel().variables());
      synchronized (this) {
        dead = true;
      }
      return line.isHungUp() ? Status.HANGUP : Status.SUCCESS;
    } catch (IOException e) {
      log.warn("FastAGI {} failed: {}", url.request(), e.getMessage());
      call.record().agiEnded(false, call.channel().variables());
      synchronized (this) {
        dead = true;
      }
      return line.isHungUp() ? Status.HANGUP : Status.FAILURE;
    }
  }

  private void converse(BufferedReader in) throws IOException {
    int answered = 0;
    String command;
    while ((command = in.readLine()) != null) {
      long gap = System.nanoTime() - lastSentNanos;
      String received = command;
      call.board().notify(l -> l.agiGap(call.record(), received, gap));
      boolean wasDead;
      synchronized (this) {
        busy = true;
        wasDead = dead;
      }
      int id = ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
      call.publish(
          AmiEvents.Category.AGI,
          call.event("AGIExecStart", AmiEvents.Category.AGI)
              .add("CommandId", id)
              .add("Command", command));
      AgiCommands.Reply reply = commands.execute(command, wasDead);
      call.publish(
          AmiEvents.Category.AGI,
          call.event("AGIExecEnd", AmiEvents.Category.AGI)
              .add("CommandId", id)
              .add("Command", command)
              .add("ResultCode", reply.code())
              .add("Result", reply.result()));
      CallRecord.AgiExchange exchange = new CallRecord.AgiExchange(command, reply.lines());
      synchronized (this) {
        // Taken before the reply goes out: the script cannot read it earlier, so the gap this
        // measures is never shorter than the time the script really held the line.
        lastSentNanos = System.nanoTime();
        for (String l : reply.lines()) {
          write(l);
        }
        call.record().exchange(exchange);
      }
      call.board().notify(l -> l.agiCommand(call.record(), exchange));
      answered++;
      int hangupAfter = call.script().hangupAfterCommands();
      if (hangupAfter > 0 && answered == hangupAfter) {
        call.calleeHangsUp();
      }
      idle();
    }
  }

  /** Between commands: a hang-up that happened meanwhile is announced now. */
  private synchronized void idle() throws IOException {
    busy = false;
    if (line.isHungUp() && !dead) {
      dead = true;
      write("HANGUP");
    }
  }

  /** The Asterisk process died: the connection just closes, no HANGUP line is sent. */
  void kill() {
    synchronized (this) {
      dead = true;
    }
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        log.debug("closing FastAGI socket: {}", e.getMessage());
      }
    }
  }

  /** Called by whoever hangs up; only an idle session is told at once. */
  synchronized void channelHungUp() {
    if (!busy && !dead && out != null) {
      dead = true;
      try {
        write("HANGUP");
      } catch (IOException e) {
        log.debug("HANGUP not delivered: {}", e.getMessage());
      }
    }
  }

  private void sendEnvironment() throws IOException {
    SimChannel ch = call.channel();
    StringBuilder env = new StringBuilder("agi_network: yes\n");
    if (!url.script().isEmpty()) {
      env.append("agi_network_script: ").append(url.script()).append('\n');
    }
    env.append("agi_request: ")
        .append(url.request())
        .append('\n')
        .append("agi_channel: ")
        .append(ch.name())
        .append('\n')
        .append("agi_language: ")
        .append(ch.language())
        .append('\n')
        .append("agi_type: ")
        .append(ch.tech())
        .append('\n')
        .append("agi_uniqueid: ")
        .append(ch.uniqueId())
        .append('\n')
        .append("agi_version: ")
        .append(SimConfig.ASTERISK_VERSION)
        .append('\n')
        .append("agi_callerid: ")
        .append(orUnknown(ch.callerIdNum()))
        .append('\n')
        .append("agi_calleridname: ")
        .append(orUnknown(ch.callerIdName()))
        .append('\n')
        .append("agi_callingpres: 0\n")
        .append("agi_callingani2: 0\n")
        .append("agi_callington: 0\n")
        .append("agi_callingtns: 0\n")
        .append("agi_dnid: ")
        .append(orUnknown(ch.dnid()))
        .append('\n')
        .append("agi_rdnis: unknown\n")
        .append("agi_context: ")
        .append(ch.context())
        .append('\n')
        .append("agi_extension: ")
        .append(ch.exten())
        .append('\n')
        .append("agi_priority: ")
        .append(ch.priority())
        .append('\n')
        .append("agi_enhanced: 0.0\n")
        .append("agi_accountcode: ")
        .append(ch.accountCode())
        .append('\n')
        .append("agi_threadid: ")
        .append(Thread.currentThread().getId())
        .append('\n');
    for (int i = 0; i < url.args().size(); i++) {
      env.append("agi_arg_").append(i + 1).append(": ").append(url.args().get(i)).append('\n');
    }
    env.append('\n');
    synchronized (this) {
      lastSentNanos = System.nanoTime(); // before the environment goes out (see converse)
      out.write(env.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "unknown" : s;
  }

  private void write(String text) throws IOException {
    out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
