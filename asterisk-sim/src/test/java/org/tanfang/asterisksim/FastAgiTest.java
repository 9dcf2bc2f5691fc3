package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Asterisk-Java FastAGI server receives the sim's calls and gets the scripted replies. */
class FastAgiTest {

  /** The script each test runs; the AGI server calls whatever is set here. */
  private final AtomicReference<AgiScript> script = new AtomicReference<>();

  private final List<Object> seen = new CopyOnWriteArrayList<>();
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
  }

  @AfterEach
  void stop() {
    connection.logoff();
    sim.close();
    agi.close();
  }

  @Test
  void theScriptGetsTheRequestAsteriskWouldSend() throws Exception {
    AtomicReference<AgiRequest> got = new AtomicReference<>();
    script.set((request, channel) -> got.set(request));
    OriginateAction a = OriginateTest.originate("13800000011", "env-1", true, 5000);
    a.setVariable("CHANNEL(language)", "zh");
    a.setAccount("elder-42");
    connection.sendAction(a);

    await().atMost(Duration.ofSeconds(10)).until(() -> got.get() != null);
    AgiRequest r = got.get();
    assertThat(r.getScript()).isEqualTo("checkin");
    assertThat(r.getChannel()).startsWith("PJSIP/trunk-");
    assertThat(r.getUniqueId()).isEqualTo("env-1");
    assertThat(r.getLanguage()).isEqualTo("zh");
    assertThat(r.getType()).isEqualTo("PJSIP");
    assertThat(r.getCallerIdNumber()).isEqualTo("4000");
    assertThat(r.getCallerIdName()).isEqualTo("Tanfang");
    assertThat(r.getContext()).isEqualTo("checkin");
    assertThat(r.getExtension()).isEqualTo("s");
    assertThat(r.getPriority()).isEqualTo(1);
    assertThat(r.getAccountCode()).isEqualTo("elder-42");
    assertThat(r.getRequestURL()).isEqualTo("agi://127.0.0.1:" + agi.port() + "/checkin");
  }

  @Test
  void applicationAgiPassesScriptParametersAndArguments() throws Exception {
    AtomicReference<AgiRequest> got = new AtomicReference<>();
    script.set((request, channel) -> got.set(request));
    OriginateAction a = new OriginateAction();
    a.setChannel("PJSIP/13800000012@trunk");
    a.setApplication("AGI");
    a.setData("agi://127.0.0.1:" + agi.port() + "/checkin?elder=42,first,second");
    a.setTimeout(5000L);
    a.setAsync(true);
    connection.sendAction(a);

    await().atMost(Duration.ofSeconds(10)).until(() -> got.get() != null);
    assertThat(got.get().getScript()).isEqualTo("checkin");
    assertThat(got.get().getParameter("elder")).isEqualTo("42");
    assertThat(got.get().getArguments()).containsExactly("first", "second");
  }

  @Test
  void keypadRepliesAndATransferVariable() throws Exception {
    sim.callees()
        .put(
            "13800000013",
            CalleeScript.answers().afterMs(50).press("1", 30).press("42#").press("9").build());
    script.set(
        (request, channel) -> {
          channel.answer();
          seen.add(channel.streamFile("welcome", "123"));
          seen.add(channel.getData("menu", 3000, 4));
          seen.add(channel.waitForDigit(2000));
          seen.add(channel.waitForDigit(10));
          channel.setVariable("TANFANG_TRANSFER", "volunteer-7");
        });
    connection.sendAction(OriginateTest.originate("13800000013", "keys-1", true, 5000));

    await().atMost(Duration.ofSeconds(10)).until(() -> callEnded("13800000013"));
    assertThat(seen).containsExactly('1', "42", '9', (char) 0);
    CallRecord call = sim.callsTo("13800000013").get(0);
    assertThat(call.prompts()).containsExactly("welcome", "menu");
    assertThat(call.agiExchanges())
        .extracting(e -> e.reply().get(0))
        .startsWith(
            "200 result=0",
            "200 result=49 endpos=240",
            "200 result=42",
            "200 result=57",
            "200 result=0",
            "200 result=1");
    assertThat(call.dialplanContinued()).isTrue();
    assertThat(call.variablesSet()).containsEntry("TANFANG_TRANSFER", "volunteer-7");
    assertThat(call.variablesAtAgiEnd()).containsEntry("TANFANG_TRANSFER", "volunteer-7");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                events.stream()
                    .anyMatch(
                        e ->
                            e instanceof HangupEvent h
                                && "keys-1".equals(h.getUniqueId())
                                && h.getCause() == 16));
  }

  @Test
  void recordFileWritesTheCalleesAudioWhereAsteriskWould() throws Exception {
    Path voice = tmp.resolve("voice.wav");
    writeWav(voice, 1000);
    sim.callees()
        .put("13800000014", CalleeScript.answers().say(voice).say(voice, '#').silence().build());
    Path target = tmp.resolve("answer");
    script.set(
        (request, channel) -> {
          // Replies answer prompts: before the first prompt RECORD FILE hears the line's opening.
          channel.streamFile("question");
          seen.add(channel.recordFile(target.toString(), "wav", "#", 10000, 0, false, 2));
          seen.add(channel.recordFile(target + "-2", "wav", "#", 10000, 0, true, 2));
          seen.add(channel.recordFile(target + "-3", "wav", "#", 5000));
        });
    connection.sendAction(OriginateTest.originate("13800000014", "rec-1", true, 5000));

    await().atMost(Duration.ofSeconds(10)).until(() -> callEnded("13800000014"));
    CallRecord call = sim.callsTo("13800000014").get(0);
    assertThat(call.agiExchanges())
        .extracting(e -> e.reply().get(0))
        .startsWith(
            "200 result=0 endpos=16000",
            "200 result=7000 (timeout) endpos=8000",
            "200 result=35 (dtmf) endpos=8000",
            "200 result=0 (timeout) endpos=0");
    assertThat(seen).containsExactly((char) 7000, '#', (char) 0);
    assertThat(Files.readAllBytes(tmp.resolve("answer.wav"))).isEqualTo(Files.readAllBytes(voice));
    assertThat(tmp.resolve("answer-3.wav")).exists();
    assertThat(call.recordings()).hasSize(3);
    assertThat(call.prompts()).containsExactly("question", "beep");
  }

  @Test
  void calleeHangingUpAfterTheSecondCommandEndsTheScriptWithAHangup() throws Exception {
    sim.callees().put("13800000015", CalleeScript.answers().hangUpAfterCommands(2).build());
    script.set(
        (request, channel) -> {
          channel.answer();
          channel.streamFile("welcome");
          try {
            channel.streamFile("question");
          } catch (AgiHangupException e) {
            seen.add("hangup");
          }
        });
    connection.sendAction(OriginateTest.originate("13800000015", "hup-1", true, 5000));

    await().atMost(Duration.ofSeconds(10)).until(() -> callEnded("13800000015"));
    CallRecord call = sim.callsTo("13800000015").get(0);
    assertThat(seen).containsExactly("hangup");
    assertThat(call.agiExchanges().get(2).reply())
        .containsExactly("511 Command Not Permitted on a dead channel or intercept routine");
    assertThat(call.dialplanContinued()).isFalse();
  }

  @Test
  void calleeHangingUpDuringACommandGivesMinusOneThenDeadChannel() throws Exception {
    sim.callees().put("13800000016", CalleeScript.answers().hangUp().build());
    script.set(
        (request, channel) -> {
          seen.add(channel.getData("menu", 3000, 1));
          try {
            channel.sayDigits("12");
          } catch (AgiHangupException e) {
            seen.add("hangup");
          }
        });
    connection.sendAction(OriginateTest.originate("13800000016", "hup-2", true, 5000));

    await().atMost(Duration.ofSeconds(10)).until(() -> callEnded("13800000016"));
    assertThat(seen).containsExactly("-1", "hangup");
  }

  private boolean callEnded(String number) {
    List<CallRecord> calls = sim.callsTo(number);
    return !calls.isEmpty() && calls.get(0).ended();
  }

  /** A silent 8 kHz 16-bit mono WAV of the given length. */
  static void writeWav(Path file, int ms) throws Exception {
    int bytes = ms * 16;
    ByteBuffer b = ByteBuffer.allocate(44 + bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(36 + bytes).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
    b.putInt(0x61746164).putInt(bytes);
    Files.write(file, b.array());
  }
}
