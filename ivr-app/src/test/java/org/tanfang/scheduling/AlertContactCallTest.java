package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * A weather alert's call to an elder's first emergency contact, end to end: the pacer dials it into
 * [tanfang-family] through asterisk-sim, the contact's scripted phone hears the alert's safety
 * message over FastAGI and presses 1, and the round's page shows the contact received it.
 */
@TanfangTest
class AlertContactCallTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired MutableClock clock;
  @Autowired Pacer pacer;
  @Autowired SpecialRounds rounds;
  @Autowired MockMvc mvc;
  Rows rows;

  @BeforeEach
  void cleanSlate() {
    clock.setLocal("2026-07-01T10:00:00");
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    rows = new Rows(jdbc);
  }

  @AfterEach
  void resetClock() {
    clock.setLocal("2026-03-15T10:00:00");
  }

  @Test
  void shouldCallTheFirstContactWithTheAlertsSafetyMessageAndShowThatItWasReceived()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.noAnswer());
    rows.removeEmergencyContacts(elder.id());
    rows.emergencyContact(elder.id(), 1, "王一", "儿子", "13907660001");
    rows.emergencyContact(elder.id(), 2, "王二", "女儿", "13907660002");
    sim.callees().put("13907660001", CalleeScript.answers().afterMs(200).press("1", 300).build());
    sim.callees().put("13907660002", CalleeScript.alwaysPress("1"));

    long id =
        rounds.declareAlert(
            new AlertRequest(
                "HEAT",
                List.of("美兰区"),
                LocalDateTime.parse("2026-07-01T10:00"),
                LocalDateTime.parse("2026-07-02T20:00")),
            "supervisor");
    assertThat(rounds.expected(id).contactCalls()).isEqualTo(1);
    pacer.pace();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rounds.contacts(id).equals(new SpecialRounds.Contacts(1, 1, 0, 0)));
    List<CallRecord> calls = sim.callsTo("13907660001");
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).originate().context()).isEqualTo("tanfang-family");
    assertThat(calls.get(0).agiRequest()).endsWith("/family");
    // The key is recorded before the thanks prompt plays: wait for the prompt, not just the count.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(calls.get(0).prompts())
                    .anySatisfy(p -> assertThat(p).endsWith("/cmn/alert-contact-heat"))
                    .anySatisfy(p -> assertThat(p).endsWith("/cmn/alert-contact-thanks"))
                    .noneSatisfy(p -> assertThat(p).endsWith("/cmn/family-notice")));
    assertThat(sim.callsTo("13907660002")).as("only the first contact is called").isEmpty();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from escalation where type = 'UNREACHABLE'", Integer.class))
        .isZero();

    assertThat(
            mvc.perform(get("/special-rounds").with(user("supervisor").roles("SUPERVISOR")))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("共 1：已收到 1，接听未确认 0，未接通 0，待拨 0");
  }
}
