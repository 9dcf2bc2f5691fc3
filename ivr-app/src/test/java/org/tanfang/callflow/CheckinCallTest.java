package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * The check-in conversation end to end: the dialer originates through asterisk-sim over AMI, the
 * sim's scripted elder answers, the sim connects to our FastAGI server, and the answers land in
 * PostgreSQL.
 */
@TanfangTest
class CheckinCallTest {
  private static final String PROMPTS = "/var/lib/asterisk/sounds/tanfang/cmn/";

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
  }

  private record Call(TestCalls.PlacedCall placed, AttemptEnded ended, CallRecord record) {}

  private Call call(CalleeScript script) {
    Elder elder = Telephony.elder(elders, sim, script);
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    AttemptEnded ended = Telephony.awaitEnd(events, placed.attemptId());
    return new Call(placed, ended, sim.callsTo(elder.primaryPhone()).get(0));
  }

  private List<Map<String, Object>> answers(long visitId) {
    return jdbc.queryForList(
        "select question_id, area, method, raw_key, intent, reprompts from visit_answer"
            + " where visit_id = ? order by id",
        visitId);
  }

  private Map<String, Object> visit(long visitId) {
    return jdbc.queryForMap("select * from visit where id = ?", visitId);
  }

  @Test
  void givenAnElderPressingOneThroughout_whenCalled_thenTheVisitIsCompletedAndFine() {
    Call call = call(CalleeScript.alwaysPress("1"));

    assertThat(call.ended().result()).isEqualTo(AttemptResult.ANSWERED);
    assertThat(call.ended().conversationOutcome()).isEqualTo("COMPLETED");
    assertThat(call.ended().visitValid()).isTrue();
    assertThat(visit(call.placed().visitId()))
        .containsEntry("outcome", "COMPLETED")
        .containsEntry("status", "DONE")
        .containsEntry("valid", true)
        .containsEntry("script_id", "checkin-v1");
    assertThat(answers(call.placed().visitId()))
        .extracting(a -> a.get("question_id"), a -> a.get("intent"), a -> a.get("method"))
        .containsExactly(
            tuple("identity", "YES", "KEYPAD"),
            tuple("health", "FINE", "KEYPAD"),
            tuple("living", "FINE", "KEYPAD"),
            tuple("family", "YES", "KEYPAD"),
            tuple("safety", "FINE", "KEYPAD"),
            tuple("care-needs", "FINE", "KEYPAD"),
            tuple("special", "FINE", "KEYPAD"));
    // A Hainanese speaker hears Mandarin where no Hainanese recording exists; March brings the
    // damp-floor tip.
    assertThat(call.record().prompts())
        .startsWith(PROMPTS + "greeting", PROMPTS + "confirm-identity", PROMPTS + "q-health")
        .contains(PROMPTS + "tip-spring-damp")
        .endsWith(PROMPTS + "goodbye")
        .doesNotContain(PROMPTS + "followup");
    assertThat(call.record().variablesSet()).containsEntry("CHANNEL(language)", "hainan");
    assertThat(call.record().originate().variables())
        .containsEntry("TANFANG_ATTEMPT_ID", String.valueOf(call.placed().attemptId()));
    assertThat(
            jdbc.queryForMap("select * from call_attempt where id = ?", call.placed().attemptId()))
        .containsEntry("status", "ENDED")
        .containsEntry("result", "ANSWERED")
        .containsEntry("originate_reason", 4)
        .containsEntry("pbx", "sim")
        .satisfies(a -> assertThat((String) a.get("channel_id")).startsWith("tf-"))
        .satisfies(a -> assertThat(a.get("answered_at")).isNotNull())
        .satisfies(a -> assertThat(a.get("ended_at")).isNotNull());
  }

  @Test
  void givenAnUnwellElder_whenCalled_thenUnwellIsRecordedAndAFollowUpPromised() {
    Call call =
        call(
            CalleeScript.answers()
                .press("1")
                .press("2")
                .thenAlways(new CalleeReply.Digits("1", 0))
                .build());

    assertThat(call.ended().conversationOutcome()).isEqualTo("COMPLETED");
    assertThat(answers(call.placed().visitId()))
        .extracting(a -> a.get("question_id"), a -> a.get("intent"), a -> a.get("raw_key"))
        .contains(tuple("health", "UNWELL", "2"));
    assertThat(call.record().prompts()).contains(PROMPTS + "followup");
  }

  @Test
  void givenAnElderHangingUpAfterTheSecondQuestion_whenCalled_thenPartialWithTheAnswersKept() {
    Call call = call(CalleeScript.answers().press("1").press("1").press("2").hangUp().build());

    assertThat(call.ended().result()).isEqualTo(AttemptResult.ANSWERED);
    assertThat(call.ended().conversationOutcome()).isEqualTo("PARTIAL");
    assertThat(visit(call.placed().visitId()))
        .containsEntry("outcome", "PARTIAL")
        .containsEntry("valid", true);
    assertThat(answers(call.placed().visitId()))
        .extracting(a -> a.get("question_id"), a -> a.get("intent"))
        .containsExactly(
            tuple("identity", "YES"), tuple("health", "FINE"), tuple("living", "NEEDS"));
  }

  @Test
  void givenAnElderPressingNine_whenCalled_thenTransferredToStaffWithADistressEvent() {
    Call call = call(CalleeScript.answers().press("1").press("9").build());

    assertThat(call.ended().conversationOutcome()).isEqualTo("TRANSFERRED");
    assertThat(answers(call.placed().visitId()))
        .extracting(a -> a.get("question_id"), a -> a.get("intent"), a -> a.get("raw_key"))
        .containsExactly(tuple("identity", "YES", "1"), tuple("health", "HELP", "9"));
    assertThat(events.distressFor(call.placed().visitId()))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.key()).isEqualTo("9");
              assertThat(d.questionId()).isEqualTo("health");
              assertThat(d.attemptId()).isEqualTo(call.placed().attemptId());
            });
    // The script leaves the call to the dialplan, which routes it to the staff queue.
    assertThat(call.record().prompts()).endsWith(PROMPTS + "transfer");
    assertThat(call.record().dialplanContinued()).isTrue();
    assertThat(call.record().variablesAtAgiEnd())
        .containsEntry(Conversation.TRANSFER_VARIABLE, Conversation.TO_STAFF);
  }

  @Test
  void givenSilence_whenCalled_thenAskedTwiceMoreAndRecordedAsNotConfirmed() {
    Call call = call(CalleeScript.answers().build());

    assertThat(call.ended().conversationOutcome()).isEqualTo("NOT_CONFIRMED");
    assertThat(call.ended().visitValid()).isFalse();
    assertThat(answers(call.placed().visitId()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a).containsEntry("intent", "SILENT").containsEntry("method", "NONE");
              assertThat(a).containsEntry("reprompts", 2);
            });
    assertThat(call.record().prompts())
        .containsSubsequence(
            PROMPTS + "confirm-identity",
            PROMPTS + "no-input",
            PROMPTS + "confirm-identity",
            PROMPTS + "no-input",
            PROMPTS + "confirm-identity",
            PROMPTS + "not-confirmed")
        .filteredOn(p -> p.endsWith("confirm-identity"))
        .hasSize(3);
  }

  @Test
  void givenAWrongKey_whenCalled_thenExplainedAndAskedAgain() {
    Call call =
        call(
            CalleeScript.answers()
                .press("1")
                .press("7")
                .thenAlways(new CalleeReply.Digits("1", 0))
                .build());

    assertThat(call.ended().conversationOutcome()).isEqualTo("COMPLETED");
    assertThat(answers(call.placed().visitId()))
        .filteredOn(a -> a.get("question_id").equals("health"))
        .singleElement()
        .satisfies(
            a -> assertThat(a).containsEntry("intent", "FINE").containsEntry("reprompts", 1));
    assertThat(call.record().prompts())
        .containsSubsequence(PROMPTS + "q-health", PROMPTS + "invalid-key", PROMPTS + "q-health");
  }

  @Test
  void givenSomeoneElseAnswers_whenCalled_thenNotConfirmedAndNothingAsked() {
    Call call = call(CalleeScript.answers().press("2").build());

    assertThat(call.ended().conversationOutcome()).isEqualTo("NOT_CONFIRMED");
    assertThat(call.record().prompts()).doesNotContain(PROMPTS + "q-health");
    assertThat(visit(call.placed().visitId()))
        .containsEntry("status", "DONE")
        .containsEntry("valid", false);
  }
}
