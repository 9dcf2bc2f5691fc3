package org.tanfang.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.asterisksim.SimListener;
import org.tanfang.asterisksim.StaffPhone;
import org.tanfang.dialer.AttemptResult;
import org.tanfang.dialer.DialResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * A distress call through the emulated [tanfang-staff] queue (asterisk-sim over real sockets, the
 * AMI queue events through Asterisk-Java, the follow-up FastAGI script), onto the DISTRESS case.
 * The test queue times out after 2 s (tanfang.escalation.transfer-timeout).
 */
@TanfangTest
class LiveTransferTest {
  private static final String PROMPTS = "/var/lib/asterisk/sounds/tanfang/cmn/";
  private static final String AGENT = "transfer-agent";
  private static final String AGENT_PHONE = "agent7";

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired UserAccounts accounts;
  @Autowired EscalationProperties props;

  private List<StaffPhone> defaultMembers;
  private final AtomicReference<Long> casesAtFirstRing = new AtomicReference<>();
  private final SimListener firstRing =
      new SimListener() {
        @Override
        public void agentCalled(CallRecord call, String member) {
          casesAtFirstRing.compareAndSet(
              null,
              jdbc.queryForObject(
                  "select count(*) from escalation e join elder el on el.id = e.elder_id"
                      + " where e.type = 'DISTRESS' and el.primary_phone = ?",
                  Long.class,
                  call.number()));
        }
      };

  @BeforeEach
  void setUp() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    if (!accounts.exists(AGENT)) {
      accounts.create(AGENT, "agent-test-password", Role.STAFF, "转接坐席");
    }
    accounts.setPhone(AGENT, AGENT_PHONE);
    defaultMembers = sim.staffPhones().members();
    sim.staffPhones().clear();
    sim.addListener(firstRing);
  }

  @AfterEach
  void restore() {
    sim.removeListener(firstRing);
    sim.staffPhones().clear();
    defaultMembers.forEach(sim.staffPhones()::add);
  }

  private record Transfer(long attemptId, long caseId, CallRecord record) {}

  private Transfer distressCall() {
    Elder elder =
        Telephony.elder(elders, sim, CalleeScript.answers().press("1").press("9").build());
    var placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !jdbc.queryForList(caseSql(), Long.class, elder.id()).isEmpty());
    long caseId = jdbc.queryForList(caseSql(), Long.class, elder.id()).get(0);
    return new Transfer(placed.attemptId(), caseId, sim.callsTo(elder.primaryPhone()).get(0));
  }

  private static String caseSql() {
    return "select id from escalation where elder_id = ? and type = 'DISTRESS'";
  }

  private Map<String, Object> escalation(long id) {
    return jdbc.queryForMap("select * from escalation where id = ?", id);
  }

  private List<String> history(long id) {
    return new Rows(jdbc).actions(id);
  }

  @Test
  void
      givenAStaffPhoneThatAnswers_whenAnElderPressesNine_thenTheCaseExistedBeforeTheRingAndNamesWhoAnswered() {
    sim.staffPhones().add(StaffPhone.answering(AGENT_PHONE, 200, 300));

    Transfer t = distressCall();
    var ended = Telephony.awaitEnd(events, t.attemptId());

    assertThat(ended.result()).isEqualTo(AttemptResult.ANSWERED);
    assertThat(ended.conversationOutcome()).isEqualTo("TRANSFERRED");
    assertThat(casesAtFirstRing.get()).as("DISTRESS cases when the first phone rang").isEqualTo(1);
    assertThat(t.record().agentsCalled()).containsExactly(AGENT_PHONE);
    assertThat(t.record().answeredBy()).isEqualTo(AGENT_PHONE);
    assertThat(t.record().variablesAtAgiEnd())
        .containsEntry("TANFANG_TRANSFER", "staff")
        .containsEntry("TANFANG_QUEUE_TIMEOUT", "2");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> AGENT.equals(escalation(t.caseId()).get("answered_by")));
    assertThat(escalation(t.caseId())).containsEntry("urgent_callback", false);
    assertThat(history(t.caseId())).containsSubsequence("OPENED", "ANSWERED");
  }

  @Test
  void
      givenNobodyAnswers_whenTheQueueTimesOut_thenTheElderHearsStaffWillCallBackAndTheCaseIsUrgent() {
    sim.staffPhones().add(StaffPhone.neverAnswering(AGENT_PHONE));

    Transfer t = distressCall();
    Telephony.awaitEnd(events, t.attemptId());

    assertThat(t.record().queueResult()).isEqualTo("TIMEOUT");
    assertThat(t.record().agiRequests()).hasSize(2);
    assertThat(t.record().agiRequests().get(1)).endsWith("/transfer-unanswered");
    assertThat(t.record().prompts())
        .containsSubsequence(PROMPTS + "transfer", PROMPTS + "staff-callback")
        .doesNotContain(PROMPTS + "staff-busy");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Boolean.TRUE.equals(escalation(t.caseId()).get("urgent_callback")));
    assertThat(escalation(t.caseId()))
        .containsEntry(
            "priority", props.priorityOf(EscalationType.DISTRESS) + props.urgentPriorityBoost())
        .containsEntry("answered_by", null);
    assertThat(history(t.caseId())).containsSubsequence("OPENED", "QUEUE_TIMEOUT", "NO_ANSWER");
  }

  @Test
  void givenAnElderWhoHangsUpWhileQueued_thenTheHistorySaysSoAndTheCaseIsUrgent() {
    sim.staffPhones().add(StaffPhone.neverAnswering(AGENT_PHONE));

    Transfer t = distressCall();
    await().atMost(Duration.ofSeconds(10)).until(() -> !t.record().agentsCalled().isEmpty());
    sim.hangup(t.record().number());
    Telephony.awaitEnd(events, t.attemptId());

    assertThat(t.record().queueResult()).isEqualTo("ABANDONED");
    assertThat(t.record().prompts()).doesNotContain(PROMPTS + "staff-callback");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Boolean.TRUE.equals(escalation(t.caseId()).get("urgent_callback")));
    assertThat(history(t.caseId())).containsSubsequence("OPENED", "ABANDONED", "NO_ANSWER");
  }
}
