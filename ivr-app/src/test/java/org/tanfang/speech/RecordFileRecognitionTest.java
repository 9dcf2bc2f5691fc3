package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.BaseAgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.testsupport.SpeechFixtures;

/**
 * The speech path over real sockets: asterisk-sim calls a callee who speaks an espeak-ng reply; a
 * minimal Asterisk-Java AGI script asks, records it with RECORD FILE (the sim writes the WAV where
 * Asterisk would), has {@link SpeechRecognizer} recognise it on its pool, and on HELP sets the
 * transfer variable. The full call flow (questions, visit rows, re-asking) is telephony's.
 */
class RecordFileRecognitionTest {

  private static VoskModels models;
  private static SpeechRecognizer recognizer;
  private static AgiServerThread agi;
  private static AsteriskSim sim;
  private static ManagerConnection ami;
  private static final List<Recognition> heard = new CopyOnWriteArrayList<>();

  @TempDir static Path tmp;

  /** Asks the health question, records the reply (≤ 8 s, 2 s of silence ends it), recognises it. */
  static class CheckInScript extends BaseAgiScript {
    @Override
    public void service(AgiRequest request, AgiChannel channel)
        throws org.asteriskjava.fastagi.AgiException {
      answer();
      streamFile("tanfang/health");
      Path recording = tmp.resolve("reply-" + request.getUniqueId());
      recordFile(recording.toString(), "wav", "#", 8000, 0, true, 2);
      try {
        Recognition r =
            recognizer
                .recognizeAsync(Path.of(recording + ".wav"), "en", "health")
                .get(30, TimeUnit.SECONDS);
        heard.add(r);
        setVariable("TANFANG_INTENT", r.intent().name());
        if (r.intent() == Intent.HELP) {
          setVariable("TANFANG_TRANSFER", "staff");
        }
      } catch (Exception e) {
        setVariable("TANFANG_INTENT", "UNCLEAR");
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Path model = SpeechFixtures.englishModel();
    SpeechProperties properties =
        SpeechRecognizerTest.properties(
            Map.of("en", model.toString()), SpeechProperties.Fallback.DISTRESS_GRAMMAR);
    models = new VoskModels(properties);
    recognizer = new SpeechRecognizer(models, TrainedClassifier.get(), properties);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    SimpleMappingStrategy mapping = new SimpleMappingStrategy();
    mapping.setMappings(Map.of("checkin", new CheckInScript()));
    DefaultAgiServer server = new DefaultAgiServer(mapping);
    server.setPort(port);
    agi = new AgiServerThread(server);
    agi.setDaemon(true);
    agi.startup();
    sim =
        AsteriskSim.builder()
            .amiPort(0)
            .user("tanfang", "secret")
            .agi("127.0.0.1", port)
            // a transferred call is queued to staff: someone answers at once
            .staffPhone(org.tanfang.asterisksim.StaffPhone.answering("staff1", 100, 200))
            .build()
            .start();
    ami =
        new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "tanfang", "secret")
            .createManagerConnection();
    ami.login();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sim == null) {
      if (recognizer != null) {
        recognizer.close();
        models.close();
      }
      return;
    }
    ami.logoff();
    sim.close();
    agi.shutdown();
    recognizer.close();
    models.close();
  }

  @Test
  void aSpokenCallForHelpIsRecordedRecognisedAndTransferred() throws Exception {
    Path reply = SpeechFixtures.say(tmp, "fell", "help me i fell");
    sim.callees().put("13800000021", CalleeScript.answers().say(reply).build());

    CallRecord call = call("13800000021", "speech-1");

    assertThat(call.recordings()).hasSize(1);
    assertThat(call.variablesSet())
        .containsEntry("TANFANG_INTENT", "HELP")
        .containsEntry("TANFANG_TRANSFER", "staff");
    Recognition recognition =
        heard.stream().filter(r -> r.transcript().contains("fell")).findFirst().orElseThrow();
    assertThat(recognition.timings().inputRate()).isEqualTo(8000);
    assertThat(recognition.timings().resampled()).isTrue();
  }

  @Test
  void aSpokenFineIsFineAndNotTransferred() throws Exception {
    Path reply = SpeechFixtures.say(tmp, "fine", "i am fine");
    sim.callees().put("13800000022", CalleeScript.answers().say(reply).build());

    CallRecord call = call("13800000022", "speech-2");

    assertThat(call.variablesSet())
        .containsEntry("TANFANG_INTENT", "FINE")
        .doesNotContainKey("TANFANG_TRANSFER");
  }

  private static CallRecord call(String number, String channelId) throws Exception {
    OriginateAction originate = new OriginateAction();
    originate.setChannel("PJSIP/" + number + "@trunk");
    originate.setContext("checkin");
    originate.setExten("s");
    originate.setPriority(1);
    originate.setTimeout(5000L);
    originate.setAsync(true);
    originate.setChannelId(channelId);
    ami.sendAction(originate);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !sim.callsTo(number).isEmpty() && sim.callsTo(number).get(0).ended());
    return sim.callsTo(number).get(0);
  }
}
