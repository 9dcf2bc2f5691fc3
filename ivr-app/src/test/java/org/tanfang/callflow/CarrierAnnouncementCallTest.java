package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.AttemptResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.scheduling.Pacer;
import org.tanfang.speech.Language;
import org.tanfang.speech.SpeechRecognizer;
import org.tanfang.testsupport.LineAudio;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.ReplyLanguageSwitch;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.SpeechFixtures;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * Carrier announcements and voicemail end to end: the pacer dials a planned visit through
 * asterisk-sim, the sim's network plays an espeak-ng announcement in early media (Originate
 * EarlyMedia) or after answering, the line check hears it with real Vosk (English test model and
 * phrases), the attempt ends with its own result and evidence, and the retry policy acts on it.
 * Skipped without the model, espeak-ng or sox; failed in CI (SpeechFixtures).
 */
@TanfangTest
class CarrierAnnouncementCallTest {
  @TempDir static Path voices;
  static Map<String, Path> announcements;

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired Pacer pacer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired SpeechRecognizer speech;
  @Autowired ReplyLanguageSwitch replyLanguage;
  @Autowired MutableClock clock;
  Rows rows;

  @BeforeAll
  static void say() throws Exception {
    SpeechFixtures.englishModel();
    announcements =
        Map.of(
            "SWITCHED_OFF",
            SpeechFixtures.say(voices, "off", "the number you dialed is switched off"),
            "SUSPENDED",
            SpeechFixtures.say(voices, "suspended", "the number you dialed has been suspended"),
            "NO_SUCH_NUMBER",
            SpeechFixtures.say(voices, "none", "the number you dialed does not exist"),
            "UNREACHABLE_NETWORK",
            SpeechFixtures.say(
                voices, "unreachable", "the subscriber you dialed cannot be reached at the moment"),
            "VOICEMAIL",
            SpeechFixtures.say(voices, "voicemail", "please leave a message after the tone"));
  }

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    rows = new Rows(jdbc);
    clock.setLocal("2026-03-10T09:30:00");
    replyLanguage.recogniseCmnRepliesAs(Language.EN);
    await().atMost(Duration.ofSeconds(30)).until(() -> speech.canRecognize("en"));
  }

  @AfterEach
  void speakEnglishNoMore() {
    replyLanguage.reset();
  }

  private record Call(long attempt, AttemptEnded ended, CallRecord record, Elder elder) {}

  /** A routine visit planned for an elder whose line behaves as {@code script}, paced now. */
  private Call paced(CalleeScript script) {
    Elder elder = Telephony.elder(elders, sim, script);
    long visit =
        rows.visit(elder.id())
            .purpose("ROUTINE")
            .status("PLANNED")
            .inMarch2026()
            .plannedAt(clock.instant())
            .save();
    long attempt =
        rows.attempt(visit)
            .phone(elder.primaryPhone())
            .phoneIndex(0)
            .priority(100)
            .due(clock.instant())
            .status("SCHEDULED")
            .save();
    assertThat(pacer.pace()).containsExactly(attempt);
    AttemptEnded ended = Telephony.awaitEnd(events, attempt);
    return new Call(attempt, ended, sim.callsTo(elder.primaryPhone()).get(0), elder);
  }

  private Map<String, Object> row(long attempt) {
    return jdbc.queryForMap("select * from call_attempt where id = ?", attempt);
  }

  private List<Map<String, Object>> retries(long attempt) {
    return jdbc.queryForList(
        "select * from call_attempt where visit_id = (select visit_id from call_attempt where id = ?)"
            + " and id <> ? order by attempt_no",
        attempt,
        attempt);
  }

  @ParameterizedTest(name = "{0} in early media: {1}")
  @CsvSource({
    "SWITCHED_OFF, true, 19",
    "SUSPENDED, true, 21",
    "NO_SUCH_NUMBER, true, 1",
    "UNREACHABLE_NETWORK, true, 19",
    "SWITCHED_OFF, false, 16",
    "SUSPENDED, false, 16",
    "NO_SUCH_NUMBER, false, 16",
    "UNREACHABLE_NETWORK, false, 16"
  })
  void anAnnouncementEndsWithItsResultItsEvidenceAndItsPolicy(
      String kind, boolean earlyMedia, int cause) {
    Path wav = announcements.get(kind);
    CalleeScript script =
        earlyMedia
            ? CalleeScript.earlyMedia(wav, cause)
            : CalleeScript.answersWithAnnouncement(wav);

    Call call = paced(script);

    assertThat(call.ended().result()).isEqualTo(AttemptResult.valueOf(kind));
    assertThat(call.record().prompts()).as("nothing is played to the network").isEmpty();
    assertThat(call.record().originate().earlyMedia()).isTrue();
    Map<String, Object> row = row(call.attempt());
    assertThat((String) row.get("evidence_transcript")).isNotBlank();
    assertThat(row.get("evidence_source")).isEqualTo("SPEECH");
    assertThat((BigDecimal) row.get("evidence_seconds")).isPositive();
    switch (kind) {
      case "NO_SUCH_NUMBER", "SUSPENDED" -> {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    jdbc.queryForObject("select count(*) from phone_correction", Integer.class)
                        == 1);
        // The dead number is never dialled again: the elder's other number is, at once.
        await().atMost(Duration.ofSeconds(10)).until(() -> retries(call.attempt()).size() == 1);
        assertThat(retries(call.attempt()).get(0))
            .containsEntry("phone_index", 1)
            .doesNotContainEntry("phone", call.elder().primaryPhone());
        if (kind.equals("SUSPENDED")) {
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      jdbc.queryForList(
                              "select needs from escalation where type = 'FOLLOW_UP'", String.class)
                          .equals(List.of("LIVING")));
        }
      }
      default -> {
        await().atMost(Duration.ofSeconds(10)).until(() -> retries(call.attempt()).size() == 1);
        Instant due = ((Timestamp) retries(call.attempt()).get(0).get("due_at")).toInstant();
        Duration gap = kind.equals("SWITCHED_OFF") ? Duration.ofHours(2) : Duration.ofMinutes(30);
        assertThat(due).isAfterOrEqualTo(clock.instant().plus(gap));
        assertThat(jdbc.queryForObject("select count(*) from escalation", Integer.class)).isZero();
      }
    }
  }

  @Test
  void aVoicemailBoxNeverHearsTheGreetingAndIsCalledAgainInAnotherWindow() {
    Call call = paced(CalleeScript.voicemail(announcements.get("VOICEMAIL")));

    assertThat(call.ended().result()).isEqualTo(AttemptResult.VOICEMAIL);
    assertThat(call.record().prompts()).as("no greeting, no name, nothing").isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> retries(call.attempt()).size() == 1);
    Instant ended = ((Timestamp) row(call.attempt()).get("ended_at")).toInstant();
    Instant due = ((Timestamp) retries(call.attempt()).get(0).get("due_at")).toInstant();
    // The next of the elder's call windows (this elder has one, from 09:00): the next morning.
    java.time.LocalTime windowStart =
        jdbc.queryForObject(
            "select call_window_start from elder where id = ?",
            java.time.LocalTime.class,
            call.elder().id());
    assertThat(due).isAfter(ended.plus(Duration.ofHours(1)));
    assertThat(due.atZone(MutableClock.SHANGHAI).toLocalTime()).isEqualTo(windowStart);
  }

  @Test
  void aPersonWhoPicksUpIsGreetedAfterTheLineCheck() {
    Call call = paced(CalleeScript.alwaysPress("1"));

    assertThat(call.ended().result()).isEqualTo(AttemptResult.ANSWERED);
    assertThat(call.ended().visitValid()).isTrue();
    assertThat(call.record().prompts()).isNotEmpty();
    assertThat(row(call.attempt()).get("detected_result")).isNull();
  }

  @Test
  void anAnnouncementAfterASilentGapInEarlyMediaIsStillRecognised() throws Exception {
    // 2.5 s of nothing in the 183's audio, longer than the silence that ends a round: the first
    // round hears a quiet line, which before the answer is not a person.
    Path gapped =
        LineAudio.join(
            voices,
            "gap-then-off",
            LineAudio.silence(2500),
            LineAudio.of(announcements.get("SWITCHED_OFF")));

    Call call = paced(CalleeScript.earlyMedia(gapped, 19));

    assertThat(call.ended().result()).isEqualTo(AttemptResult.SWITCHED_OFF);
    assertThat(call.record().prompts()).as("no greeting into the gap").isEmpty();
    assertThat(call.record().recordings().size()).as("listened past the gap").isGreaterThan(1);
  }

  @ParameterizedTest(name = "early media: {0}")
  @CsvSource({"ring-back", "silence"})
  void aPersonWhoAnswersAfterGapsInEarlyMediaIsGreetedPromptlyAfterTheAnswer(String early)
      throws Exception {
    // 5 s of early media: one cadence of ring-back (1 s of 450 Hz, 4 s off), or plain silence.
    Path media =
        LineAudio.join(
            voices,
            "early-" + early,
            early.equals("ring-back") ? LineAudio.ringback(1000, 4000) : LineAudio.silence(5000));
    CalleeScript script =
        CalleeScript.answers().earlyMedia(media).thenAlways(new CalleeReply.Digits("1", 0)).build();

    Call call = paced(script);

    assertThat(call.ended().result()).isEqualTo(AttemptResult.ANSWERED);
    assertThat(call.ended().visitValid()).isTrue();
    assertThat(call.record().prompts()).isNotEmpty();
    long answered = call.record().lineAnsweredAtMs();
    long greeted = call.record().firstPromptLineMs();
    assertThat(answered).isEqualTo(5000);
    assertThat(greeted).as("never greets the ring-back").isGreaterThanOrEqualTo(answered);
    assertThat(greeted - answered).as("greets within 2 s of the answer").isLessThanOrEqualTo(2000);
    assertThat(row(call.attempt()).get("detected_result")).isNull();
  }
}
