package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.DialResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.escalation.AreaFinding;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.Outcome;
import org.tanfang.escalation.Resolution;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * Conversation memory end to end through asterisk-sim: what one call found is asked about first in
 * the next call, and the answer is stored as the follow-up of the earlier answer.
 */
@TanfangTest
class FollowUpCallTest {
  private static final String PROMPTS = "/var/lib/asterisk/sounds/tanfang/cmn/";

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired MockMvc mvc;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
  }

  private record Call(long visitId, AttemptEnded ended, CallRecord record) {}

  private Call call(Elder elder, CalleeScript script) {
    sim.callees().put(elder.primaryPhone(), script);
    int before = sim.callsTo(elder.primaryPhone()).size();
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    AttemptEnded ended = Telephony.awaitEnd(events, placed.attemptId());
    return new Call(placed.visitId(), ended, sim.callsTo(elder.primaryPhone()).get(before));
  }

  /** Identity 1, then the given keys, then 1 to everything. */
  private static CalleeScript keys(String... keys) {
    var script = CalleeScript.answers().press("1");
    for (String k : keys) {
      script.press(k);
    }
    return script.thenAlways(new CalleeReply.Digits("1", 0)).build();
  }

  private List<Map<String, Object>> answers(long visitId) {
    return jdbc.queryForList(
        "select id, question_id, area, method, raw_key, intent, follows_up, follow_up_rule"
            + " from visit_answer where visit_id = ? order by id",
        visitId);
  }

  private long answerId(long visitId, String questionId) {
    return jdbc.queryForObject(
        "select id from visit_answer where visit_id = ? and question_id = ?",
        Long.class,
        visitId,
        questionId);
  }

  @Test
  void givenAnElderUnwellLastTime_whenCalledAgain_thenTheFollowUpComesFirstAndItsAnswerIsKept()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys("2"));
    Call first = call(elder, keys("2"));
    assertThat(first.record().prompts()).doesNotContain(PROMPTS + "fu-unwell");

    Call second = call(elder, keys("1"));

    // The follow-up is the first question after identity, before the health question.
    assertThat(second.record().prompts())
        .startsWith(
            PROMPTS + "greeting",
            PROMPTS + "confirm-identity",
            PROMPTS + "fu-unwell",
            PROMPTS + "q-health")
        .doesNotContain(PROMPTS + "followup");
    assertThat(second.ended().conversationOutcome()).isEqualTo("COMPLETED");
    assertThat(second.ended().visitValid()).isTrue();
    assertThat(answers(second.visitId()))
        .extracting(
            a -> a.get("question_id"),
            a -> a.get("area"),
            a -> a.get("intent"),
            a -> a.get("raw_key"),
            a -> a.get("follows_up"),
            a -> a.get("follow_up_rule"))
        .startsWith(
            tuple("identity", "IDENTITY", "YES", "1", null, null),
            tuple(
                "followup-unwell",
                "FOLLOW_UP",
                "BETTER",
                "1",
                answerId(first.visitId(), "health"),
                "followups-v1/unwell"),
            tuple("health", "HEALTH", "FINE", "1", null, null));

    // The outcome log's calls of the visit and the calls page name the follow-up and its answer.
    mvc.perform(
            get("/outcomes/" + second.visitId() + "/calls").with(user("admin").roles("SUPERVISOR")))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("回访·上次身体不适 好些了")));

    // The visit's most worrying answer is its own health (FINE), never the follow-up's.
    mvc.perform(
            get("/api/outcomes").param("intent", "FINE").with(user("admin").roles("SUPERVISOR")))
        .andExpect(status().isOk())
        .andExpect(
            content().string(Matchers.containsString("\"visitId\":" + second.visitId() + ",")));

    // Still better this time: nothing to follow up in the third call.
    Call third = call(elder, keys());
    assertThat(third.record().prompts()).noneMatch(p -> p.contains("/fu-"));
  }

  @Test
  void givenAnUnwellElderStillNotBetter_whenCalledAgain_thenNotBetterAndTheFollowUpPromised()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys("2"));
    Call first = call(elder, keys("2"));

    Call second = call(elder, keys("2", "2"));

    assertThat(answers(second.visitId()))
        .extracting(a -> a.get("question_id"), a -> a.get("intent"))
        .startsWith(
            tuple("identity", "YES"),
            tuple("followup-unwell", "NOT_BETTER"),
            tuple("health", "UNWELL"));
    assertThat(second.record().prompts()).contains(PROMPTS + "followup");
    // The case page of the unwell-again follow-up case shows the follow-up and its answer.
    long followUpCase =
        jdbc.queryForObject(
            "select id from escalation where visit_id = ? and type = 'FOLLOW_UP'",
            Long.class,
            second.visitId());
    mvc.perform(get("/desk/" + followUpCase).with(user("admin").roles("STAFF")))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("回访·上次身体不适")))
        .andExpect(content().string(Matchers.containsString("还没有好")));
    // Unwell again: the next call follows up this visit's answer, not the first one's.
    Call third = call(elder, keys("1"));
    assertThat(answers(third.visitId()))
        .filteredOn(a -> "followup-unwell".equals(a.get("question_id")))
        .singleElement()
        .satisfies(
            a -> assertThat(a.get("follows_up")).isEqualTo(answerId(second.visitId(), "health")))
        .satisfies(
            a -> assertThat(a.get("follows_up")).isNotEqualTo(answerId(first.visitId(), "health")));
  }

  @Test
  void givenAHazardResolvedByStaffSince_whenCalledAgain_thenAcknowledgedInsteadOfAsked() {
    Elder elder = Telephony.elder(elders, sim, keys());
    // health, living, family fine; safety: a hazard (2); then the rest fine.
    Call first = call(elder, keys("1", "1", "1", "2"));
    long needsCase =
        jdbc.queryForObject(
            "select id from escalation where elder_id = ? and type = 'NEEDS'",
            Long.class,
            elder.id());
    Map<String, AreaFinding> areas = new LinkedHashMap<>();
    for (String area : List.of("HEALTH", "LIVING", "FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL")) {
      areas.put(area, new AreaFinding(AreaFinding.Status.FINE, null));
    }
    escalations.resolve(
        needsCase,
        new Escalations.Actor("supervisor", true),
        new Resolution(Outcome.REACHED_BY_PHONE, areas, "已请社区装好扶手"));

    Call second = call(elder, keys());

    assertThat(second.record().prompts())
        .startsWith(
            PROMPTS + "greeting",
            PROMPTS + "confirm-identity",
            PROMPTS + "fu-resolved",
            PROMPTS + "q-health")
        .doesNotContain(PROMPTS + "fu-safety");
    assertThat(answers(second.visitId()))
        .extracting(
            a -> a.get("question_id"),
            a -> a.get("method"),
            a -> a.get("intent"),
            a -> a.get("follows_up"),
            a -> a.get("follow_up_rule"))
        .contains(
            tuple(
                "followup-hazard",
                "NONE",
                "ACKNOWLEDGED",
                answerId(first.visitId(), "safety"),
                "followups-v1/hazard"));
  }

  @Test
  void givenAHazardStillOpen_whenCalledAgain_thenAskedAboutIt() {
    Elder elder = Telephony.elder(elders, sim, keys());
    call(elder, keys("1", "1", "1", "2"));

    Call second = call(elder, keys("1"));

    assertThat(second.record().prompts())
        .containsSubsequence(
            PROMPTS + "confirm-identity", PROMPTS + "fu-safety", PROMPTS + "q-health")
        .doesNotContain(PROMPTS + "fu-resolved");
    assertThat(answers(second.visitId()))
        .extracting(a -> a.get("question_id"), a -> a.get("intent"))
        .contains(tuple("followup-hazard", "BETTER"));
  }
}
