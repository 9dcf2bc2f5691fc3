package org.tanfang.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.scheduling.Coverage;
import org.tanfang.scheduling.NeedsPersonEvent;
import org.tanfang.scheduling.Pacer;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * Family notification calls for UNREACHABLE cases, end to end: the case opens, the dialer
 * originates into [tanfang-family] through asterisk-sim, the contact's scripted phone answers (or
 * not) and presses keys to the {@code family} AGI script over real sockets; the case records what
 * the family said.
 */
@TanfangTest
class FamilyNoticeTest {
  private static final AtomicInteger PHONES = new AtomicInteger(100);

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired EscalationProperties props;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired MutableClock clock;
  @Autowired Pacer pacer;
  @Autowired AttemptOutcomes outcomes;
  @Autowired Coverage coverage;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired MockMvc mvc;
  @Autowired FamilyNotice notice;
  Rows rows;

  @BeforeEach
  void cleanSlate() {
    clock.setLocal("2026-03-15T10:00:00");
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    rows = new Rows(jdbc);
  }

  @AfterEach
  void resetClock() {
    clock.setLocal("2026-03-15T10:00:00");
  }

  /** An elder (who never answers) whose emergency contacts' phones behave as scripted, in order. */
  private Elder elderWithContacts(CalleeScript... contacts) {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.noAnswer());
    rows.removeEmergencyContacts(elder.id());
    for (int i = 0; i < contacts.length; i++) {
      String phone = String.format("1390000%04d", PHONES.incrementAndGet());
      rows.emergencyContact(elder.id(), i + 1, "联系人" + i, i == 0 ? "儿子" : "女儿", phone);
      sim.callees().put(phone, contacts[i]);
    }
    return elder;
  }

  private List<String> contactPhones(Elder elder) {
    return jdbc.queryForList(
        "select phone from emergency_contact where elder_id = ? order by position",
        String.class,
        elder.id());
  }

  private long openUnreachable(Elder elder) {
    return escalations.open(
        NewEscalation.of(
            elder.id(), EscalationType.UNREACHABLE, null, null, Text.of("case.note", "多次未接通")));
  }

  private Map<String, Object> escalation(long id) {
    return rows.escalation(id);
  }

  private List<Rows.Event> history(long id) {
    return rows.history(id);
  }

  private Map<String, Object> noticeVisit(long escalationId) {
    return jdbc.queryForMap(
        "select * from visit where escalation_id = ? and purpose = 'FAMILY_NOTICE'", escalationId);
  }

  private void awaitFamilyStatus(long id, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status.equals(escalation(id).get("family_status")));
  }

  @Test
  void givenTheFirstContactPresses1_thenTheCaseRecordsFamilyConfirmedSafeAndStaysOpen() {
    Elder elder =
        elderWithContacts(
            CalleeScript.answers().afterMs(200).press("1", 300).build(),
            CalleeScript.alwaysPress("2"));
    List<String> phones = contactPhones(elder);

    long id = openUnreachable(elder);
    awaitFamilyStatus(id, "CONFIRMED_SAFE");

    List<CallRecord> calls = sim.callsTo(phones.get(0));
    assertThat(calls).hasSize(1);
    CallRecord call = calls.get(0);
    assertThat(call.originate().context()).isEqualTo("tanfang-family");
    assertThat(call.agiRequest()).endsWith("/family");
    assertThat(call.prompts())
        .anySatisfy(p -> assertThat(p).endsWith("/cmn/family-notice"))
        .anySatisfy(p -> assertThat(p).endsWith("/cmn/family-thanks-safe"));
    assertThat(sim.callsTo(phones.get(1))).as("no further contact is called").isEmpty();

    Map<String, Object> esc = escalation(id);
    assertThat(esc).containsEntry("state", "OPEN").containsEntry("outcome", null);
    assertThat(esc.get("priority")).isEqualTo(props.priorityOf(EscalationType.UNREACHABLE));
    assertThat(history(id))
        .extracting(Rows.Event::action)
        .containsSubsequence("OPENED", "FAMILY_CALLING", "FAMILY_CONFIRMED_SAFE");
    assertThat(history(id))
        .filteredOn(h -> "FAMILY_CONFIRMED_SAFE".equals(h.action()))
        .singleElement()
        .satisfies(
            h ->
                assertThat(h.detail())
                    .contains(PhoneNumbers.mask(phones.get(0)))
                    .contains("儿子")
                    .contains("确认老人安全")
                    .doesNotContain(phones.get(0)));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "DONE".equals(noticeVisit(id).get("status")));
    Map<String, Object> visit = noticeVisit(id);
    assertThat(visit)
        .containsEntry("valid", false)
        .containsEntry("outcome", "COMPLETED")
        .containsEntry("kind", "PHONE");
    assertThat(
            jdbc.queryForList(
                "select area, method, raw_key, intent from visit_answer where visit_id = ?",
                visit.get("id")))
        .containsExactly(
            Map.of("area", "CONTACT", "method", "KEYPAD", "raw_key", "1", "intent", "FINE"));

    // Not a visit to the elder: it does not cover the cycle.
    var report = coverage.month(YearMonth.of(2026, 3), "美兰区", null);
    assertThat(report.covered()).isZero();

    // A second trigger merges into the open case and does not call the family again.
    openUnreachable(elder);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where escalation_id = ?", Integer.class, id))
        .isEqualTo(1);
  }

  @Test
  void givenTheFirstContactDoesNotAnswer_thenTheSecondIsCalledAndKey2RequestsAVisit()
      throws Exception {
    Elder elder =
        elderWithContacts(
            CalleeScript.noAnswer(), CalleeScript.answers().afterMs(200).press("2", 300).build());
    List<String> phones = contactPhones(elder);
    // The scheduler's way in: retries exhausted → NeedsPersonEvent → UNREACHABLE case.
    long visitId =
        rows.visit(elder.id()).purpose("ROUTINE").status("UNREACHABLE").inMarch2026().save();
    publisher.publishEvent(
        new NeedsPersonEvent(elder.id(), visitId, Text.of("case.note", "重试已用尽")));
    long id =
        jdbc.queryForObject(
            "select id from escalation where elder_id = ? and type = 'UNREACHABLE'",
            Long.class,
            elder.id());

    awaitFamilyStatus(id, "VISIT_REQUESTED");

    assertThat(sim.callsTo(phones.get(0))).hasSize(1);
    assertThat(sim.callsTo(phones.get(0)).get(0).outcome())
        .isEqualTo(org.tanfang.asterisksim.CallOutcome.NO_ANSWER);
    assertThat(sim.callsTo(phones.get(1))).hasSize(1);
    assertThat(sim.callsTo(phones.get(1)).get(0).originate().context()).isEqualTo("tanfang-family");
    assertThat(sim.callsTo(phones.get(1)).get(0).prompts())
        .anySatisfy(p -> assertThat(p).endsWith("/cmn/family-thanks-visit"));
    Map<String, Object> esc = escalation(id);
    assertThat(esc.get("priority"))
        .isEqualTo(props.priorityOf(EscalationType.UNREACHABLE) + props.urgentPriorityBoost());
    assertThat(esc).containsEntry("state", "OPEN");
    assertThat(history(id))
        .filteredOn(h -> "FAMILY_VISIT_REQUESTED".equals(h.action()))
        .singleElement()
        .satisfies(
            h -> assertThat(h.detail()).contains(PhoneNumbers.mask(phones.get(1))).contains("上门"));
    long notice = ((Number) noticeVisit(id).get("id")).longValue();
    assertThat(
            jdbc.queryForList(
                "select attempt_no, phone_index, result from call_attempt where visit_id = ?"
                    + " order by attempt_no",
                notice))
        .containsExactly(
            Map.of("attempt_no", 1, "phone_index", 0, "result", "NO_ANSWER"),
            Map.of("attempt_no", 2, "phone_index", 1, "result", "ANSWERED"));

    // The calls page shows both calls as family notices, numbers masked.
    await().atMost(Duration.ofSeconds(20)).until(() -> events.ended(2).isPresent());
    mvc.perform(get("/calls").with(user("staff").roles("STAFF")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("家属通知")))
        .andExpect(content().string(containsString("家属确认 有需要")))
        .andExpect(content().string(containsString(PhoneNumbers.mask(phones.get(1)))))
        .andExpect(content().string(not(containsString(phones.get(1)))));
    mvc.perform(get("/elders/" + elder.id() + "/cycle-card").with(user("staff").roles("STAFF")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("家属通知电话")));
  }

  @Test
  void givenNoContactConfirms_thenNoAnswerIsRecordedAndNothingIsRetried() {
    Elder elder =
        elderWithContacts(
            CalleeScript.noAnswer(),
            CalleeScript.busy(),
            CalleeScript.answers().afterMs(200).silence().press("7", 200).build());
    List<String> phones = contactPhones(elder);

    long id = openUnreachable(elder);
    awaitFamilyStatus(id, "NO_ANSWER");

    for (String phone : phones) {
      assertThat(sim.callsTo(phone)).hasSize(1);
    }
    CallRecord answered = sim.callsTo(phones.get(2)).get(0);
    assertThat(answered.prompts())
        .containsSubsequence(
            answered.prompts().stream().filter(p -> p.endsWith("/family-notice")).findFirst().get(),
            answered.prompts().stream().filter(p -> p.endsWith("/no-input")).findFirst().get())
        .anySatisfy(p -> assertThat(p).endsWith("/cmn/family-goodbye"));
    assertThat(history(id))
        .filteredOn(h -> "FAMILY_NO_ANSWER".equals(h.action()))
        .singleElement()
        .satisfies(
            h ->
                assertThat(h.detail())
                    .contains("3 位紧急联系人")
                    .contains("无人接听")
                    .contains("占线")
                    .contains("接听未确认"));
    Map<String, Object> visit = noticeVisit(id);
    assertThat(visit).containsEntry("status", "UNREACHABLE").containsEntry("valid", false);
    long visitId = ((Number) visit.get("id")).longValue();
    assertThat(
            jdbc.queryForList(
                "select method, raw_key, intent, reprompts from visit_answer where visit_id = ?",
                visitId))
        .containsExactly(
            Map.of("method", "KEYPAD", "raw_key", "7", "intent", "UNCLEAR", "reprompts", 1));

    // The scheduler never treats these calls as a routine visit: no retry, no second case.
    List<Long> attempts =
        jdbc.queryForList(
            "select id from call_attempt where visit_id = ? order by attempt_no",
            Long.class,
            visitId);
    attempts.forEach(outcomes::attemptEnded);
    clock.advance(Duration.ofHours(1));
    assertThat(pacer.pace()).isEmpty();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from call_attempt where visit_id = ?", Integer.class, visitId))
        .isEqualTo(3);
    assertThat(noticeVisit(id)).containsEntry("status", "UNREACHABLE");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from escalation where elder_id = ?", Integer.class, elder.id()))
        .isEqualTo(1);
    assertThat(events.ended(attempts.get(0)).orElseThrow().result())
        .isEqualTo(AttemptResult.NO_ANSWER);
  }

  @Test
  void givenNoEmergencyContacts_thenTheHistorySaysSoAndNothingIsDialled() {
    Elder elder = elderWithContacts();
    int before = sim.calls().size();

    long id = openUnreachable(elder);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                history(id).stream().anyMatch(h -> String.valueOf(h.detail()).contains("无紧急联系人")));
    assertThat(escalation(id)).containsEntry("family_status", null);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where escalation_id = ?", Integer.class, id))
        .isZero();
    assertThat(sim.calls()).hasSize(before);
  }

  @Test
  void givenACaseWhoseNotificationNeverStarted_thenTheSweepStartsItOnce() {
    Elder elder = elderWithContacts(CalleeScript.answers().afterMs(200).press("1", 300).build());
    Elder alone = elderWithContacts();
    // As if the node stopped right after opening the cases: rows without the OPENED event.
    long id =
        rows.caseWithoutHistory(elder.id(), "UNREACHABLE")
            .pool("VISITOR")
            .priority(60)
            .dueIn(Duration.ofDays(1))
            .reason("多次未接通")
            .save();
    long lonely = openUnreachable(alone);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> history(lonely).stream().anyMatch(h -> "FAMILY_NONE".equals(h.action())));

    notice.sweep();
    notice.sweep();

    awaitFamilyStatus(id, "CONFIRMED_SAFE");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where escalation_id = ?", Integer.class, id))
        .isEqualTo(1);
    assertThat(history(lonely)).filteredOn(h -> "FAMILY_NONE".equals(h.action())).hasSize(1);
  }

  @Test
  void givenACaseOpenedAfterHours_thenTheFamilyIsCalledAtTheNextCallingHourNotTheEldersWindow() {
    Elder elder = elderWithContacts(CalleeScript.alwaysPress("1"));
    String phone = contactPhones(elder).get(0);
    clock.setLocal("2026-03-15T21:30:00");

    long id = openUnreachable(elder);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from call_attempt a join visit v on v.id = a.visit_id"
                            + " where v.escalation_id = ?",
                        Integer.class,
                        id)
                    == 1);
    Map<String, Object> attempt =
        jdbc.queryForMap(
            "select a.* from call_attempt a join visit v on v.id = a.visit_id"
                + " where v.escalation_id = ?",
            id);
    assertThat(attempt).containsEntry("status", "SCHEDULED");
    assertThat(
            ((Timestamp) attempt.get("due_at"))
                .toInstant()
                .atZone(MutableClock.SHANGHAI)
                .toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-03-16T08:00:00"));
    assertThat(sim.callsTo(phone)).isEmpty();

    // 08:00 is before the elder's own window (09:00-11:30): family calls keep the city's hours.
    clock.setLocal("2026-03-16T08:00:00");
    assertThat(pacer.pace()).containsExactly(((Number) attempt.get("id")).longValue());
    awaitFamilyStatus(id, "CONFIRMED_SAFE");
    assertThat(sim.callsTo(phone)).hasSize(1);
    assertThat(sim.callsTo(phone).get(0).originate().context()).isEqualTo("tanfang-family");
  }

  @Test
  void givenTheCaseIsResolvedBeforeTheCallingHour_thenTheWaitingCallIsCancelled() {
    Elder elder = elderWithContacts(CalleeScript.alwaysPress("1"));
    String phone = contactPhones(elder).get(0);
    clock.setLocal("2026-03-15T22:00:00");
    long id = openUnreachable(elder);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from visit where escalation_id = ?", Integer.class, id)
                    == 1);

    escalations.resolve(
        id,
        new Escalations.Actor("admin", true),
        new Resolution(Outcome.OTHER, Map.of(), "老人已由邻居确认在家"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "CANCELLED".equals(noticeVisit(id).get("status")));
    assertThat(
            jdbc.queryForObject(
                "select a.status from call_attempt a join visit v on v.id = a.visit_id"
                    + " where v.escalation_id = ?",
                String.class,
                id))
        .isEqualTo("CANCELLED");
    clock.setLocal("2026-03-16T08:00:00");
    assertThat(pacer.pace()).isEmpty();
    assertThat(sim.callsTo(phone)).isEmpty();
  }
}
