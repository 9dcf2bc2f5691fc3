package org.tanfang.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.scheduling.NeedsPersonEvent;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * What calls find becomes cases: real calls through asterisk-sim (keypad replies), and the
 * scheduler's hand-over events.
 */
@TanfangTest
class EscalationTriggersTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired EscalationTriggers triggers;
  @Autowired MutableClock clock;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    clock.setLocal("2026-03-16T10:00:00");
  }

  /** Calls an elder who behaves as the script and waits until the call has ended. */
  private Elder called(CalleeScript script) {
    Elder elder = Telephony.elder(elders, sim, script);
    var placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    Telephony.awaitEnd(events, placed.attemptId());
    return elder;
  }

  private List<Map<String, Object>> cases(long elderId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForList(
                    "select type, reason, needs, state, attempt_id from escalation"
                        + " where elder_id = ? order by id",
                    elderId),
            rows -> !rows.isEmpty());
  }

  @Test
  void pressingNineOpensADistressCase() {
    Elder elder = called(CalleeScript.answers().press("1", 300).press("9", 300).build());

    List<Map<String, Object>> cases = cases(elder.id());
    assertThat(cases).hasSize(1);
    assertThat(cases.get(0)).containsEntry("type", "DISTRESS").containsEntry("state", "OPEN");
    assertThat((String) cases.get(0).get("reason")).contains("按键 9");
    assertThat(cases.get(0).get("attempt_id")).isNotNull();
  }

  @Test
  void anUnwellAnswerOpensAFollowUp() {
    Elder elder =
        called(
            CalleeScript.answers()
                .press("1", 300)
                .press("2", 300)
                .thenAlways(new org.tanfang.asterisksim.CalleeReply.Digits("1", 300))
                .build());

    assertThat(cases(elder.id()))
        .singleElement()
        .satisfies(c -> assertThat(c).containsEntry("type", "FOLLOW_UP"));
  }

  @Test
  void aNeedOpensANeedsCaseNamingTheArea() {
    Elder elder =
        called(
            CalleeScript.answers()
                .press("1", 300) // identity
                .press("1", 300) // health: fine
                .press("2", 300) // living: needs
                .thenAlways(new org.tanfang.asterisksim.CalleeReply.Digits("1", 300))
                .build());

    assertThat(cases(elder.id()))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .containsEntry("type", "NEEDS")
                    .containsEntry("needs", "LIVING")
                    .containsEntry("reason", "老人提出需求：生活保障"));
  }

  @Test
  void hangingUpAfterSayingUnwellOpensAPartialCaseInsteadOfAFollowUp() {
    Elder elder = called(CalleeScript.answers().press("1", 300).press("2", 300).hangUp().build());

    assertThat(cases(elder.id()))
        .singleElement()
        .satisfies(c -> assertThat(c).containsEntry("type", "PARTIAL"));
  }

  @Test
  void aFineCallOpensNothing() {
    Elder elder = called(CalleeScript.alwaysPress("1"));

    assertThat(
            jdbc.queryForObject(
                "select count(*) from escalation where elder_id = ?", Integer.class, elder.id()))
        .isZero();
  }

  private long visit(long elderId, String kind) {
    return new Rows(jdbc)
        .visit(elderId)
        .kind(kind)
        .purpose("ROUTINE")
        .inMarch2026()
        .status("PLANNED")
        .save();
  }

  @Test
  void anUnreachablePhoneVisitGoesToTheHumanVisitor() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.noAnswer());
    long visit = visit(elder.id(), "PHONE");

    publisher.publishEvent(
        new NeedsPersonEvent(elder.id(), visit, Text.of("case.note", "重试已用完，仍未接通")));

    assertThat(cases(elder.id()))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .containsEntry("type", "UNREACHABLE")
                    .containsEntry("reason", "重试已用完，仍未接通"));
  }

  @Test
  void eachPlannedHomeVisitBecomesOneTaskDueAtTheCycleEnd() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.noAnswer());
    long visit = visit(elder.id(), "HOME");

    assertThat(triggers.homeVisitTasks()).isEqualTo(1);
    assertThat(triggers.homeVisitTasks()).isZero();

    Map<String, Object> task =
        jdbc.queryForMap(
            "select type, pool, visit_id, deadline from escalation where visit_id = ?", visit);
    assertThat(task).containsEntry("type", "HOME_VISIT").containsEntry("pool", "VISITOR");
    assertThat(task.get("visit_id")).isEqualTo(visit);
    assertThat(((java.sql.Timestamp) task.get("deadline")).toInstant())
        .isEqualTo(java.time.Instant.parse("2026-03-31T16:00:00Z"));

    // Planning again opens nothing new; the tasks of a fresh planning run open at once.
    publisher.publishEvent(
        new org.tanfang.scheduling.CyclesPlanned(
            new org.tanfang.scheduling.CyclePlanning.Report(0, 1, 0, 0)));
    assertThat(jdbc.queryForObject("select count(*) from escalation", Integer.class)).isEqualTo(1);
    Elder another = Telephony.elder(elders, sim, CalleeScript.noAnswer());
    long second = visit(another.id(), "HOME");
    publisher.publishEvent(
        new org.tanfang.scheduling.CyclesPlanned(
            new org.tanfang.scheduling.CyclePlanning.Report(0, 1, 0, 0)));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from escalation where visit_id = ?", Integer.class, second))
        .isEqualTo(1);

    // The cycle ending uncovered raises the same task's urgency instead of a second case.
    publisher.publishEvent(
        new NeedsPersonEvent(elder.id(), visit, Text.of("case.note", "入户探访周期仅剩 3 天")));
    assertThat(
            jdbc.queryForObject(
                "select merged_count from escalation where visit_id = ?", Integer.class, visit))
        .isEqualTo(1);
  }
}
