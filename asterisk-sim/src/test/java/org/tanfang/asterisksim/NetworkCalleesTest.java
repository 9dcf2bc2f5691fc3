package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Carrier announcements, voicemail boxes and a failing trunk, as the network plays them. */
class NetworkCalleesTest {
  private final AtomicReference<AgiScript> script = new AtomicReference<>();
  private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();
  private TestAgiServer agi;
  private AsteriskSim sim;
  private ManagerConnection connection;
  @TempDir Path tmp;

  @BeforeEach
  void start() throws Exception {
    agi =
        new TestAgiServer("checkin", (request, channel) -> script.get().service(request, channel));
    sim =
        AsteriskSim.builder()
            .amiPort(0)
            .user("tanfang", "secret")
            .agi("127.0.0.1", agi.port())
            .build()
            .start();
    connection =
        new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "tanfang", "secret")
            .createManagerConnection();
    connection.addEventListener(events::add);
    connection.login();
    // The line check: record what the line says before any prompt, then greet.
    script.set(
        (request, channel) -> {
          channel.recordFile(tmp.resolve("line").toString(), "wav", "", 6000, 0, false, 2);
          channel.streamFile("greeting", "0123456789");
        });
  }

  @AfterEach
  void stop() {
    connection.logoff();
    sim.close();
    agi.close();
  }

  private Path announcement() throws Exception {
    Path wav = tmp.resolve("switched-off.wav");
    FastAgiTest.writeWav(wav, 1500);
    return wav;
  }

  private CallRecord call(String number, boolean earlyMedia) throws Exception {
    OriginateAction a = OriginateTest.originate(number, "net-" + number, true, 5000);
    a.setEarlyMedia(earlyMedia);
    connection.sendAction(a);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !sim.callsTo(number).isEmpty() && sim.callsTo(number).get(0).ended());
    return sim.callsTo(number).get(0);
  }

  private OriginateResponseEvent response(String number) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> events.stream().anyMatch(e -> e instanceof OriginateResponseEvent));
    return events.stream()
        .filter(e -> e instanceof OriginateResponseEvent)
        .map(e -> (OriginateResponseEvent) e)
        .filter(e -> ("net-" + number).equals(e.getUniqueId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void withEarlyMediaTheDialplanRunsOnProgressAndRecordsTheAnnouncement() throws Exception {
    Path wav = announcement();
    sim.callees().put("13800000201", CalleeScript.earlyMedia(wav, 19));

    CallRecord call = call("13800000201", true);

    assertThat(response("13800000201").getResponse()).isEqualTo("Success");
    assertThat(Files.readAllBytes(tmp.resolve("line.wav"))).isEqualTo(Files.readAllBytes(wav));
    assertThat(call.hangupCauseCode()).isEqualTo(19);
  }

  @Test
  void withoutEarlyMediaOnlyTheCauseComesBack() throws Exception {
    sim.callees().put("13800000202", CalleeScript.earlyMedia(announcement(), 21));

    CallRecord call = call("13800000202", false);

    OriginateResponseEvent r = response("13800000202");
    assertThat(r.getResponse()).isEqualTo("Failure");
    // A PJSIP refusal is Reason 0 (main/pbx.c pbx_dial_reason: no busy or congestion frame).
    assertThat(r.getReason()).isEqualTo(0);
    assertThat(call.agiRequests()).isEmpty();
    assertThat(call.hangupCauseCode()).isEqualTo(21);
  }

  @Test
  void aVoicemailBoxPlaysItsGreetingToTheFirstRecordingOnlyAndRepliesStayForPrompts()
      throws Exception {
    Path greeting = announcement();
    sim.callees().put("13800000203", CalleeScript.voicemail(greeting));
    sim.callees().put("13800000204", CalleeScript.answers().press("1").build());

    CallRecord box = call("13800000203", true);
    assertThat(box.recordings()).hasSize(1);
    assertThat(box.agiExchanges().get(0).reply().get(0)).endsWith("endpos=12000");

    CallRecord person = call("13800000204", true);
    // A person who picks up says nothing to the line check; the key answers the prompt.
    assertThat(person.agiExchanges().get(0).reply().get(0))
        .isEqualTo("200 result=4000 (timeout) endpos=0");
    assertThat(person.agiExchanges().get(1).reply().get(0)).startsWith("200 result=49");
  }

  @Test
  void aTrunkOutageFailsEveryCallUntilItEnds() throws Exception {
    sim.callees().put("13800000205", CalleeScript.alwaysPress("1"));
    TrunkOutage outage = TrunkOutage.congestion().forCalls(2);
    sim.callees().setOutage(outage);

    for (String n : List.of("13800000206", "13800000207")) {
      assertThat(call(n, true).outcome()).isEqualTo(CallOutcome.CONGESTION);
    }
    assertThat(outage.active()).isFalse();
    assertThat(call("13800000205", true).outcome()).isEqualTo(CallOutcome.ANSWERED);
  }
}
