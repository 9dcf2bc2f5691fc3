package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.AttemptResult;
import org.tanfang.dialer.DialResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.speech.Language;
import org.tanfang.speech.SpeechRecognizer;
import org.tanfang.testsupport.ReplyLanguageSwitch;
import org.tanfang.testsupport.SpeechFixtures;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * Spoken replies through the whole path: the dialer originates through asterisk-sim, the sim's
 * elder speaks espeak-ng replies (RECORD FILE copies them where Asterisk writes), CheckinScript
 * recognises them with real Vosk and the English test model, and the answers land in PostgreSQL.
 * The test elders are Hainanese speakers, as the demo population's are; {@link ReplyLanguageSwitch}
 * has their replies recognised with the English model during these tests, as {@code
 * tanfang.speech.reply-language-override=en} would (no Mandarin model can be obtained). Speech mode
 * is the default, {@code auto}. Skipped without the model, espeak-ng or sox; failed in CI
 * (SpeechFixtures).
 */
@TanfangTest
class SpokenCheckinCallTest {
  @TempDir static Path voices;
  static Path yes;
  static Path fine;
  static Path fell;
  static Path thanks;
  static Path comeQuickly;

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired SpeechRecognizer speech;
  @Autowired ReplyLanguageSwitch replyLanguage;

  @BeforeAll
  static void say() throws Exception {
    SpeechFixtures.englishModel();
    yes = SpeechFixtures.say(voices, "yes", "yes it is me");
    fine = SpeechFixtures.say(voices, "fine", "i am fine");
    fell = SpeechFixtures.say(voices, "fell", "help me i fell");
    thanks = SpeechFixtures.say(voices, "thanks", "thank you");
    comeQuickly = SpeechFixtures.say(voices, "come-quickly", "come quickly");
  }

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    replyLanguage.recogniseCmnRepliesAs(Language.EN);
    // The model loads in the background at start-up; until then calls are keypad-only.
    await().atMost(Duration.ofSeconds(30)).until(() -> speech.canRecognize("en"));
  }

  @AfterEach
  void speakEnglishNoMore() {
    replyLanguage.reset();
  }

  private record Call(TestCalls.PlacedCall placed, AttemptEnded ended, CallRecord record) {}

  private Call call(CalleeScript script) {
    Elder elder = Telephony.elder(elders, sim, script);
    assertThat(elder.dialect()).isEqualTo("hainan");
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    AttemptEnded ended = Telephony.awaitEnd(events, placed.attemptId());
    return new Call(placed, ended, sim.callsTo(elder.primaryPhone()).get(0));
  }

  private List<Map<String, Object>> answers(long visitId) {
    return jdbc.queryForList(
        "select question_id, method, raw_key, intent, transcript, recording_path, needs, reprompts"
            + " from visit_answer where visit_id = ? order by id",
        visitId);
  }

  private static CalleeReply.Recording saying(Path wav) {
    return new CalleeReply.Recording(wav, null, 0);
  }

  @Test
  void givenAnElderWhoSaysSheIsFine_thenTheVisitIsCompletedWithSpokenAnswers() {
    Call call = call(CalleeScript.answers().say(yes).thenAlways(saying(fine)).build());

    assertThat(call.ended().result()).isEqualTo(AttemptResult.ANSWERED);
    assertThat(call.ended().conversationOutcome()).isEqualTo("COMPLETED");
    assertThat(call.ended().visitValid()).isTrue();
    var answers = answers(call.placed().visitId());
    System.out.println("Spoken answers: " + answers);
    assertThat(answers)
        .extracting(a -> a.get("question_id"), a -> a.get("method"))
        .containsExactly(
            tuple("identity", "SPEECH"),
            tuple("health", "SPEECH"),
            tuple("living", "SPEECH"),
            tuple("family", "SPEECH"),
            tuple("safety", "SPEECH"),
            tuple("care-needs", "SPEECH"),
            tuple("special", "SPEECH"));
    assertThat(answers.get(0)).containsEntry("intent", "YES").containsEntry("reprompts", 0);
    // The small English model hears espeak-ng's "yes it is me" as "yeah hit me": still YES.
    assertThat((String) answers.get(0).get("transcript")).isNotBlank();
    assertThat(answers.get(1))
        .containsEntry("intent", "FINE")
        .containsEntry("transcript", "i am fine");
    assertThat(answers.subList(1, answers.size()))
        .allSatisfy(a -> assertThat(a.get("transcript")).isEqualTo("i am fine"))
        .allSatisfy(a -> assertThat(a.get("intent")).isIn("FINE", "YES"))
        .allSatisfy(a -> assertThat(a.get("raw_key")).isNull())
        .allSatisfy(
            a ->
                assertThat(Path.of((String) a.get("recording_path")))
                    .satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue()));
    // The line check's recording of the first seconds (quiet: a person), then the seven replies.
    assertThat(call.record().recordings()).hasSize(8);
    assertThat(call.record().variablesSet()).doesNotContainKey(Conversation.TRANSFER_VARIABLE);
    assertThat(events.distressFor(call.placed().visitId())).isEmpty();
    // The calls API shows the transcript.
    var row = calls(call.placed().attemptId());
    assertThat(row.answers()).extracting(RecentCalls.AnswerRow::transcript).contains("i am fine");
  }

  @Autowired RecentCalls recent;

  private RecentCalls.CallRow calls(long attemptId) {
    return recent.get(attemptId, org.tanfang.security.Caller.SYSTEM).orElseThrow();
  }

  @Test
  void givenAnElderWhoSaysSheFell_thenTheCallIsTransferredToStaff() {
    Call call = call(CalleeScript.answers().say(yes).say(fell).thenAlways(saying(fine)).build());

    assertThat(call.ended().conversationOutcome()).isEqualTo("TRANSFERRED");
    assertThat(call.record().variablesSet())
        .containsEntry(Conversation.TRANSFER_VARIABLE, Conversation.TO_STAFF);
    assertThat(answers(call.placed().visitId()))
        .extracting(a -> a.get("question_id"), a -> a.get("method"), a -> a.get("intent"))
        .containsExactly(tuple("identity", "SPEECH", "YES"), tuple("health", "SPEECH", "HELP"));
    assertThat((String) answers(call.placed().visitId()).get(1).get("transcript")).contains("fell");
    assertThat(events.distressFor(call.placed().visitId()))
        .singleElement()
        .satisfies(d -> assertThat(d.questionId()).isEqualTo("health"));
    assertThat(
            jdbc.queryForObject(
                "select outcome from visit where id = ?", String.class, call.placed().visitId()))
        .isEqualTo("TRANSFERRED");
  }

  @Test
  void givenAKeyPressedWhileTheRecordingRuns_thenItIsAKeypadAnswer() {
    // Starts to speak, then presses 1 (RECORD FILE ends on the key); then keys throughout.
    Call call =
        call(
            CalleeScript.answers()
                .say(yes, '1')
                .say(fine)
                .thenAlways(new CalleeReply.Digits("1", 0))
                .build());

    assertThat(call.ended().conversationOutcome()).isEqualTo("COMPLETED");
    var answers = answers(call.placed().visitId());
    assertThat(answers.get(0))
        .containsEntry("question_id", "identity")
        .containsEntry("method", "KEYPAD")
        .containsEntry("raw_key", "1")
        .containsEntry("intent", "YES");
    assertThat(answers.get(1)).containsEntry("method", "SPEECH").containsEntry("intent", "FINE");
    assertThat(answers.subList(2, answers.size()))
        .allSatisfy(a -> assertThat(a.get("method")).isEqualTo("KEYPAD"));
  }

  private List<Map<String, Object>> cases(long elderId) {
    return jdbc.queryForList(
        "select type, visit_id, reason from escalation where elder_id = ? order by id", elderId);
  }

  @Test
  void givenAnUnclearSpokenReplyAtTheHealthQuestion_thenItIsReAskedAndThenAPersonListens() {
    // "thank you" answers nothing; the re-ask takes keys and the elder presses none.
    Call call =
        call(
            CalleeScript.answers()
                .say(yes)
                .say(thanks)
                .silence()
                .silence()
                .thenAlways(new CalleeReply.Digits("1", 0))
                .build());

    assertThat(call.record().prompts()).contains(path("not-understood"));
    var health = answers(call.placed().visitId()).get(1);
    assertThat(health)
        .containsEntry("question_id", "health")
        .containsEntry("method", "SPEECH")
        .containsEntry("intent", "UNCLEAR")
        .containsEntry("reprompts", 2);
    assertThat((String) health.get("transcript")).contains("thank");
    assertThat(Path.of((String) health.get("recording_path")))
        .satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
    // Not a clean visit: the health question was never understood.
    assertThat(call.ended().visitValid()).isFalse();
    long elderId = elderOf(call);
    assertThat(cases(elderId))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .containsEntry("type", "LISTEN")
                    .containsEntry("visit_id", call.placed().visitId()));
  }

  @Test
  void givenWordsThatMayBeDistressBelowHelp_thenAPersonListensNowAndTheElderIsAskedAboutHelp() {
    // "come quickly" is distress-like evidence, not HELP: the elder is asked "do you need help?
    // press 9", presses 1 (fine), and a person listens to the recording soon all the same.
    Call call =
        call(
            CalleeScript.answers()
                .say(yes)
                .say(comeQuickly)
                .thenAlways(new CalleeReply.Digits("1", 0))
                .build());

    assertThat(call.record().prompts()).contains(path("clarify-help"));
    assertThat(call.ended().conversationOutcome()).isEqualTo("COMPLETED");
    assertThat(answers(call.placed().visitId()).get(1))
        .containsEntry("question_id", "health")
        .containsEntry("method", "KEYPAD")
        .containsEntry("intent", "FINE");
    assertThat(events.distressFor(call.placed().visitId())).isEmpty();
    assertThat(cases(elderOf(call)))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .containsEntry("type", "LISTEN_NOW")
                    .containsEntry("visit_id", call.placed().visitId()));
  }

  private long elderOf(Call call) {
    return jdbc.queryForObject(
        "select elder_id from visit where id = ?", Long.class, call.placed().visitId());
  }

  @Autowired Prompts prompts;

  private String path(String promptId) {
    return prompts.path(promptId, "hainan");
  }
}
