package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks the exact FastAGI wire text, with a bare socket standing in for the AGI server. */
class RawFastAgiTest {

  private ServerSocket agiServer;
  private AsteriskSim sim;

  @BeforeEach
  void start() throws Exception {
    agiServer = new ServerSocket(0);
    agiServer.setSoTimeout(10_000);
    sim =
        AsteriskSim.builder()
            .amiPort(0)
            .user("tanfang", "secret")
            .agi("127.0.0.1", agiServer.getLocalPort())
            .callee("13800000021", CalleeScript.answers().build())
            .build()
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    sim.close();
    agiServer.close();
  }

  @Test
  void environmentErrorsAndHangupOnAnIdleScript() throws Exception {
    try (RawAmiClient ami = new RawAmiClient(sim.amiPort())) {
      ami.send("Action: Login", "Username: tanfang", "Secret: secret");
      assertThat(ami.response().get("Response")).isEqualTo("Success");
      ami.send(
          "Action: Originate",
          "Channel: PJSIP/13800000021@trunk",
          "Context: checkin",
          "Exten: s",
          "Priority: 1",
          "CallerID: 4000",
          "Variable: A=1,B=2",
          "Async: true",
          "ChannelId: raw-1");
      assertThat(ami.response().get("Message")).isEqualTo("Originate successfully queued");

      try (Socket s = agiServer.accept()) {
        s.setSoTimeout(10_000);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        List<String> env = new ArrayList<>();
        String line;
        while (!(line = in.readLine()).isEmpty()) {
          env.add(line);
        }
        assertThat(env.get(0)).isEqualTo("agi_network: yes");
        assertThat(env.get(1)).isEqualTo("agi_network_script: checkin");
        assertThat(env.get(2))
            .isEqualTo("agi_request: agi://127.0.0.1:" + agiServer.getLocalPort() + "/checkin");
        assertThat(env)
            .contains(
                "agi_uniqueid: raw-1",
                "agi_language: en",
                "agi_callerid: 4000",
                "agi_calleridname: unknown",
                "agi_enhanced: 0.0",
                "agi_dnid: unknown");

        out.write("FROB NICATE\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("510 Invalid or unknown command");
        out.write("WAIT FOR DIGIT\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("520-Invalid command syntax.  Proper usage follows:");
        assertThat(in.readLine()).startsWith(" Usage: WAIT FOR DIGIT");
        assertThat(in.readLine()).isEqualTo("520 End of proper usage.");
        out.write("GET VARIABLE B\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("200 result=1 (2)");

        assertThat(sim.hangup("13800000021")).isEqualTo(1);
        assertThat(in.readLine()).isEqualTo("HANGUP");
        out.write("ANSWER\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.readLine())
            .isEqualTo("511 Command Not Permitted on a dead channel or intercept routine");
        out.write("GET VARIABLE A\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("200 result=1 (1)");
      }
      AmiMessage hangup = ami.event("Hangup");
      assertThat(hangup.get("Uniqueid")).isEqualTo("raw-1");
      assertThat(hangup.get("Cause")).isEqualTo("16");
      assertThat(hangup.get("Cause-txt")).isEqualTo("Normal Clearing");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.calls().get(0).ended());
    assertThat(sim.calls().get(0).dialplanContinued()).isFalse();
  }

  @Test
  void listenersHearTheGapBeforeEachCommandOnceInOrder() throws Exception {
    List<String> commands = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Long> gaps = new java.util.concurrent.CopyOnWriteArrayList<>();
    sim.addListener(
        new SimListener() {
          @Override
          public void agiGap(CallRecord call, String command, long nanos) {
            commands.add(command);
            gaps.add(nanos);
          }
        });
    try (RawAmiClient ami = new RawAmiClient(sim.amiPort())) {
      ami.send("Action: Login", "Username: tanfang", "Secret: secret");
      ami.response();
      ami.send(
          "Action: Originate",
          "Channel: PJSIP/13800000021@trunk",
          "Context: checkin",
          "Exten: s",
          "Priority: 1",
          "Variable: A=1",
          "Async: true",
          "ChannelId: raw-gap");
      ami.response();
      try (Socket s = agiServer.accept()) {
        s.setSoTimeout(10_000);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        while (!in.readLine().isEmpty()) {
          // the environment
        }
        out.write("GET VARIABLE A\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("200 result=1 (1)");
        long read = System.nanoTime();
        // Time our side holds the line: the sim's gap can only be longer.
        java.security.MessageDigest.getInstance("SHA-256").digest(new byte[1 << 20]);
        long held = System.nanoTime() - read;
        out.write("ANSWER\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("200 result=0");
        assertThat(commands).containsExactly("GET VARIABLE A", "ANSWER");
        assertThat(gaps.get(0)).isPositive();
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(held).isPositive();
      }
    }
  }

  @Test
  void amiHangupOfALiveChannel() throws Exception {
    try (RawAmiClient ami = new RawAmiClient(sim.amiPort())) {
      ami.send("Action: Login", "Username: tanfang", "Secret: secret");
      ami.response();
      ami.send(
          "Action: Originate",
          "Channel: PJSIP/13800000021@trunk",
          "Context: checkin",
          "Exten: s",
          "Priority: 1",
          "Async: yes");
      ami.response();
      try (Socket s = agiServer.accept()) {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        while (!in.readLine().isEmpty()) {
          // skip the environment
        }
        String channel = sim.liveChannels().get(0);
        ami.send("Action: Hangup", "Channel: " + channel, "Cause: 17", "ActionID: h1");
        AmiMessage ack = ami.response();
        assertThat(ack.get("Message")).isEqualTo("Channel Hungup");
        assertThat(in.readLine()).isEqualTo("HANGUP");
        ami.send("Action: Hangup", "Channel: PJSIP/nobody-00000000");
        assertThat(ami.response().get("Message")).isEqualTo("No such channel");
      }
      assertThat(ami.event("Hangup").get("Cause")).isEqualTo("17");
    }
  }
}
