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

  /** 16-bit 8 kHz mono: {@code ms} of a 450 Hz tone (sound) or of zeros (silence). */
  private Path wav(String name, int... toneThenSilenceMs) throws Exception {
    java.io.ByteArrayOutputStream pcm = new java.io.ByteArrayOutputStream();
    boolean tone = true;
    for (int ms : toneThenSilenceMs) {
      for (int i = 0; i < ms * 8; i++) {
        short v = tone ? (short) (6000 * Math.sin(2 * Math.PI * 450 * i / 8000.0)) : 0;
        pcm.write(v & 0xff);
        pcm.write((v >> 8) & 0xff);
      }
      tone = !tone;
    }
    Path file = tmp.resolve(name + ".wav");
    FastAgiTest.writeWav(file, 0);
    byte[] header = Files.readAllBytes(file);
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(4, 36 + pcm.size()).putInt(40, pcm.size());
    Files.write(file, header);
    Files.write(file, pcm.toByteArray(), java.nio.file.StandardOpenOption.APPEND);
    return file;
  }

  /** The line check's loop: CHANNEL STATUS, then a round ended by 1 s of silence, five times. */
  private final List<String> rounds = new CopyOnWriteArrayList<>();

  private void listenInRounds() {
    script.set(
        (request, channel) -> {
          for (int round = 0; round < 5; round++) {
            int status = channel.getChannelStatus();
            channel.recordFile(tmp.resolve("r" + round).toString(), "wav", "", 5000, 0, false, 1);
            rounds.add(status + " " + channel.getLastReply().getFirstLine());
          }
          channel.streamFile("greeting", "0123456789");
        });
  }

  @Test
  void aSilentGapInEarlyMediaEndsARoundQuietlyAndTheAnnouncementFollows() throws Exception {
    // 0 ms of tone, 2500 ms of silence, then 1500 ms of "announcement" (the tone stands for it).
    Path gapped = wav("gap", 0, 2500, 1500);
    sim.callees().put("13800000208", CalleeScript.earlyMedia(gapped, 19));
    listenInRounds();

    call("13800000208", true);

    // Never answered (5 = ringing); 1 s of silence ends each quiet round, the file keeps none of
    // it.
    assertThat(rounds.get(0)).isEqualTo("5 200 result=4000 (timeout) endpos=0");
    assertThat(rounds.get(1)).isEqualTo("5 200 result=4000 (timeout) endpos=0");
    // 0.5 s of gap left, then the announcement, then the silence that ends the round.
    assertThat(rounds.get(2)).isEqualTo("5 200 result=2000 (timeout) endpos=16000");
  }

  @Test
  void aCalleeAnswersAfterEarlyMediaWithGapsAndChannelStatusSaysSo() throws Exception {
    // Ring-back: 1 s on, 2 s off; then the answer, and a person who waits.
    sim.callees()
        .put("13800000209", CalleeScript.answers().earlyMedia(wav("ringback", 1000, 2000)).build());
    listenInRounds();

    CallRecord call = call("13800000209", true);

    assertThat(rounds.get(0)).isEqualTo("5 200 result=3000 (timeout) endpos=8000");
    assertThat(rounds.get(1)).isEqualTo("5 200 result=4000 (timeout) endpos=0");
    assertThat(rounds.get(2))
        .as("answered at 3 s")
        .isEqualTo("6 200 result=4000 (timeout) endpos=0");
    assertThat(call.lineAnsweredAtMs()).isEqualTo(3000);
    assertThat(call.firstPromptLineMs()).isEqualTo(6000);
  }

  @Test
  void withoutEarlyMediaInTheOriginateTheRingBackIsNeverHeard() throws Exception {
    sim.callees()
        .put(
            "13800000210", CalleeScript.answers().earlyMedia(wav("ringback2", 1000, 2000)).build());
    listenInRounds();

    CallRecord call = call("13800000210", false);

    assertThat(rounds.get(0)).isEqualTo("6 200 result=4000 (timeout) endpos=0");
    assertThat(call.lineAnsweredAtMs()).isZero();
  }
}
