package org.tanfang.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallOutcome;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.asterisksim.StaffPhone;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * Click-to-call over the REST API through asterisk-sim: the Originate rings the staff member's
 * phone into [tanfang-callback], whose Dial() rings the elder; the case's history says so.
 */
@TanfangTest
class ClickToCallTest {
  private static final String AGENT = "callback-agent";
  private static final String AGENT_PHONE = "agent8";
  private static final RequestPostProcessor AS_AGENT = httpBasic(AGENT, "agent-test-password");
  private static final RequestPostProcessor AS_PHONELESS =
      httpBasic("phoneless-agent", "agent-test-password");
  private static final RequestPostProcessor AS_ADMIN = httpBasic("admin", "admin-test-password");

  @Autowired MockMvc mvc;
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired UserAccounts accounts;

  @BeforeEach
  void setUp() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    for (String user : List.of(AGENT, "phoneless-agent")) {
      if (!accounts.exists(user)) {
        accounts.create(user, "agent-test-password", Role.STAFF, "回拨坐席");
      }
    }
    accounts.setPhone(AGENT, AGENT_PHONE);
    accounts.setPhone("phoneless-agent", null);
    sim.staffPhones().add(StaffPhone.answering(AGENT_PHONE, 100, 1500));
  }

  @AfterEach
  void removePhone() {
    sim.staffPhones().remove(AGENT_PHONE);
  }

  private long caseFor(Elder elder) {
    return escalations.open(
        NewEscalation.of(
            elder.id(), EscalationType.FOLLOW_UP, null, null, Text.of("case.note", "测试回拨")));
  }

  private List<Rows.Event> history(long id) {
    return new Rows(jdbc).history(id);
  }

  @Test
  void givenAStaffPhone_whenCallingBack_thenTheStaffPhoneRingsFirstThenTheElderAndHistoryHasBoth()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.answers().afterMs(100).build());
    long id = caseFor(elder);
    int freeBefore = dialer.freeChannels();

    mvc.perform(post("/api/escalations/" + id + "/call-back").with(AS_AGENT))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.escalationId").value(id));

    // The call-back holds a channel while it lasts.
    await().atMost(Duration.ofSeconds(5)).until(() -> dialer.freeChannels() == freeBefore - 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                history(id).stream()
                    .anyMatch(h -> CaseAction.CALL_BACK_RESULT.name().equals(h.action())));
    List<CallRecord> toAgent = sim.callsTo(AGENT_PHONE); // the sim's log spans the test class
    CallRecord staff = toAgent.get(toAgent.size() - 1);
    assertThat(staff.originate().channel()).isEqualTo("PJSIP/" + AGENT_PHONE);
    assertThat(staff.originate().context()).isEqualTo("tanfang-callback");
    assertThat(staff.originate().exten()).isEqualTo(elder.primaryPhone());
    assertThat(staff.originate().variables())
        .containsEntry("TANFANG_ESCALATION_ID", String.valueOf(id))
        .containsKey("TANFANG_DIAL_TIMEOUT")
        // [tanfang-callback] dials what the dialer's channel template makes of the elder's number
        .containsEntry("TANFANG_DIAL_STRING", "PJSIP/" + elder.primaryPhone() + "@trunk");
    assertThat(staff.originate().channelId()).startsWith("tfcb-" + id + "-");
    CallRecord elderLeg = sim.callsTo(elder.primaryPhone()).get(0);
    assertThat(elderLeg.dialedBy()).isEqualTo(staff.channel());
    assertThat(elderLeg.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(sim.calls().indexOf(staff)).isLessThan(sim.calls().indexOf(elderLeg));

    String masked = PhoneNumbers.mask(elder.primaryPhone());
    assertThat(history(id))
        .extracting(Rows.Event::action)
        .containsSubsequence(
            "OPENED", CaseAction.CALL_BACK.name(), CaseAction.CALL_BACK_RESULT.name());
    assertThat(history(id))
        .filteredOn(h -> CaseAction.CALL_BACK.name().equals(h.action()))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.actor()).isEqualTo(AGENT);
              assertThat(h.detail())
                  .contains(AGENT, masked, AGENT_PHONE)
                  .doesNotContain(elder.primaryPhone());
            });
    assertThat(history(id))
        .filteredOn(h -> CaseAction.CALL_BACK_RESULT.name().equals(h.action()))
        .singleElement()
        .satisfies(h -> assertThat(h.detail()).contains("老人已接听", masked));
    assertThat(jdbc.queryForMap("select * from staff_call where escalation_id = ?", id))
        .containsEntry("status", "ENDED")
        .containsEntry("result", "ANSWERED")
        .containsEntry("dial_status", "ANSWER");
    await().atMost(Duration.ofSeconds(5)).until(() -> dialer.freeChannels() == freeBefore);
  }

  @Test
  void givenABusyElder_whenCallingBack_thenTheResultSaysBusy() throws Exception {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.busy());
    long id = caseFor(elder);

    mvc.perform(post("/api/escalations/" + id + "/call-back").with(AS_AGENT))
        .andExpect(status().isAccepted());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                history(id).stream()
                    .anyMatch(h -> CaseAction.CALL_BACK_RESULT.name().equals(h.action())));
    assertThat(sim.callsTo(elder.primaryPhone()).get(0).outcome()).isEqualTo(CallOutcome.BUSY);
    assertThat(
            jdbc.queryForObject(
                "select result from staff_call where escalation_id = ?", String.class, id))
        .isEqualTo("BUSY");
  }

  @Test
  void givenNoPhoneOnTheAccount_whenCallingBack_then409AndNothingIsDialled() throws Exception {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.answers().build());
    long id = caseFor(elder);

    mvc.perform(post("/api/escalations/" + id + "/call-back").with(AS_PHONELESS))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.noPhone"));
    mvc.perform(post("/api/escalations/999999/call-back").with(AS_AGENT))
        .andExpect(status().isNotFound());
    assertThat(sim.callsTo(elder.primaryPhone())).isEmpty();
    assertThat(history(id)).extracting(Rows.Event::action).containsExactly("OPENED");
  }

  @Test
  void phonesAreSetByAdminsOrTheirOwnersAndValidated() throws Exception {
    mvc.perform(
            put("/api/users/phoneless-agent/phone")
                .with(AS_ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"phone\": \"138 0013 8000\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phone").value("13800138000"));
    mvc.perform(
            put("/api/users/" + AGENT + "/phone")
                .with(AS_AGENT)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"phone\": \"Staff2\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phone").value("staff2"));
    mvc.perform(
            put("/api/users/" + AGENT + "/phone")
                .with(AS_AGENT)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"phone\": \"12\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].rule").value("staffPhone.invalid"));
    mvc.perform(
            put("/api/users/phoneless-agent/phone")
                .with(AS_AGENT)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"phone\": \"staff3\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/users/nobody-here/phone")
                .with(AS_ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"phone\": \"staff3\"}"))
        .andExpect(status().isNotFound());
    assertThat(accounts.phone("phoneless-agent")).contains("13800138000");
    assertThat(accounts.phone(AGENT)).contains("staff2");
  }
}
