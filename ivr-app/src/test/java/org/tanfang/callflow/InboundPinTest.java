package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.Dialer;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.security.RegionScope;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;
import org.tanfang.testsupport.TestClockConfig;

/**
 * The phone PIN end to end: staff set it on the elder page, then a caller from an unknown or
 * withheld number (asterisk-sim's call into the line) types the elder's registered number or ID
 * last four and the PIN, and the check-in counts as the elder's visit; wrong entries go to staff
 * and lock the PIN after five in a row.
 */
@TanfangTest
class InboundPinTest {
  private static final String PROMPTS = "/var/lib/asterisk/sounds/tanfang/cmn/";
  private static final String LINE = "089866120000";
  private static final String STRANGER = "13912340000";
  private static final String PIN = "2580";

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired UserAccounts accounts;
  @Autowired Escalations escalations;

  long auditBefore;

  @BeforeEach
  void cleanSlate() {
    clock.setLocal(TestClockConfig.START);
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    auditBefore = jdbc.queryForObject("select coalesce(max(id), 0) from audit_event", Long.class);
  }

  @AfterEach
  void clockBack() {
    clock.setLocal(TestClockConfig.START);
  }

  /** Keys the caller presses in order, then 1 to everything. */
  private static CalleeScript keys(String... keys) {
    var script = CalleeScript.answers();
    for (String k : keys) {
      script.press(k);
    }
    return script.thenAlways(new CalleeReply.Digits("1", 0)).build();
  }

  private MvcResult setPin(long elderId, String pin, String confirm) throws Exception {
    return mvc.perform(
            post("/elders/{id}/phone-pin", elderId)
                .with(user("admin").roles("ADMIN"))
                .with(csrf())
                .param("pin", pin)
                .param("confirm", confirm))
        .andExpect(status().is3xxRedirection())
        .andReturn();
  }

  /** The {@code n}-th call into the line since the clean slate, once it is over. */
  private Map<String, Object> call(CallRecord call, int n) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                call.hangupCause() != null
                    && jdbc.queryForObject(
                            "select count(*) from inbound_call where result is not null",
                            Integer.class)
                        == n);
    return jdbc.queryForMap("select * from inbound_call order by id desc limit 1");
  }

  private List<String> auditActions(long elderId) {
    return jdbc.queryForList(
        "select action || ' ' || username from audit_event where id > ? and subject_type = 'elder'"
            + " and subject_id = ? and action like '%PHONE_PIN' order by id",
        String.class, auditBefore, String.valueOf(elderId));
  }

  private Map<String, Object> pinRow(long elderId) {
    return jdbc.queryForMap(
        "select phone_pin_hash, phone_pin_set_at, phone_pin_failed, phone_pin_locked_until"
            + " from elder where id = ?",
        elderId);
  }

  private String elderPage(long elderId) throws Exception {
    return mvc.perform(get("/elders/{id}", elderId).with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private static String tail(Elder e) {
    return e.idNumber().substring(14).replace('X', '*');
  }

  @Test
  void
      givenAnUnknownNumber_whenTheCallerTypesTheRegisteredNumberAndTheRightPin_thenItIsTheElderAndTheVisitCounts()
          throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys());
    setPin(elder.id(), PIN, PIN);
    Map<String, Object> stored = pinRow(elder.id());
    String hash = (String) stored.get("phone_pin_hash");
    assertThat(hash).isNotEqualTo(PIN).doesNotContain(PIN).startsWith("{bcrypt}$2");
    assertThat(stored.get("phone_pin_set_at")).isNotNull();
    assertThat(auditActions(elder.id())).containsExactly("SET_PHONE_PIN admin");
    assertThat(elderPage(elder.id())).contains("id=\"pin-state\"").doesNotContain(PIN, hash);
    long planned = new Rows(jdbc).visit(elder.id()).inMarch2026().save();

    sim.callees().put(STRANGER, keys(elder.primaryPhone() + "#", PIN + "#"));
    CallRecord call = sim.callIn(STRANGER, LINE);

    Map<String, Object> row = call(call, 1);
    assertThat(((Number) row.get("elder_id")).longValue()).isEqualTo(elder.id());
    assertThat(row.get("identified_by")).isEqualTo("PIN");
    assertThat(row.get("result")).isEqualTo("VISIT");
    assertThat(call.prompts())
        .startsWith(
            PROMPTS + "inbound-welcome",
            PROMPTS + "inbound-pin-who",
            PROMPTS + "inbound-pin",
            PROMPTS + "confirm-identity",
            PROMPTS + "q-health");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "DONE"
                    .equals(
                        jdbc.queryForObject(
                            "select status from visit where id = ?", String.class, planned)));
    assertThat(jdbc.queryForObject("select valid from visit where id = ?", Boolean.class, planned))
        .isTrue();
    assertThat(
            jdbc.queryForObject(
                "select phone || '/' || direction from call_attempt where visit_id = ?",
                String.class,
                planned))
        .isEqualTo(STRANGER + "/IN");
    assertThat(call.queueResult()).isNull();
  }

  @Test
  void givenAWithheldNumber_whenTheCallerTypesTheIdLastFourAndTheRightPin_thenItIsTheElder()
      throws Exception {
    Elder other = Telephony.elder(elders, sim, keys());
    Elder elder = Telephony.elder(elders, sim, keys());
    setPin(other.id(), "7391", "7391");
    setPin(elder.id(), PIN, PIN);
    sim.callees().put("", keys(tail(elder) + "#", PIN + "#"));

    CallRecord call = sim.callIn("", LINE);

    Map<String, Object> row = call(call, 1);
    assertThat(((Number) row.get("elder_id")).longValue()).isEqualTo(elder.id());
    assertThat(row.get("identified_by")).isEqualTo("PIN");
    assertThat(row.get("result")).isEqualTo("VISIT");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from visit where elder_id = ? and status = 'DONE' and valid",
                        Integer.class,
                        elder.id())
                    == 1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where elder_id = ?", Integer.class, other.id()))
        .isZero();
  }

  @Test
  void givenAWrongPinTwice_thenTheCallerReachesStaffAndNeverHearsWhichPartWasWrong()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys());
    setPin(elder.id(), PIN, PIN);
    sim.callees()
        .put(STRANGER, keys(elder.primaryPhone() + "#", "2581#", "13800009999#", PIN + "#"));

    CallRecord call = sim.callIn(STRANGER, LINE);

    Map<String, Object> row = call(call, 1);
    assertThat(row.get("elder_id")).isNull();
    assertThat(row.get("result")).isEqualTo("STAFF");
    assertThat(call.prompts())
        .as("a wrong PIN and an unknown number get the same retry, then staff")
        .containsExactly(
            PROMPTS + "inbound-welcome",
            PROMPTS + "inbound-pin-who",
            PROMPTS + "inbound-pin",
            PROMPTS + "inbound-pin-retry",
            PROMPTS + "inbound-pin",
            PROMPTS + "transfer");
    assertThat(call.variablesSet()).containsEntry("TANFANG_TRANSFER", "staff");
    assertThat(call.queueResult()).isNotNull();
    assertThat(pinRow(elder.id()).get("phone_pin_failed"))
        .as("only the entry that named the elder counts against the elder's PIN")
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from visit", Integer.class)).isZero();
  }

  @Test
  void givenZeroOrNineAtThePinPrompt_thenStaffAtOnce() throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys());
    setPin(elder.id(), PIN, PIN);
    sim.callees().put(STRANGER, keys(elder.primaryPhone() + "#", "9"));

    CallRecord call = sim.callIn(STRANGER, LINE);

    Map<String, Object> row = call(call, 1);
    assertThat(row.get("result")).isEqualTo("STAFF");
    assertThat(call.prompts())
        .containsExactly(
            PROMPTS + "inbound-welcome",
            PROMPTS + "inbound-pin-who",
            PROMPTS + "inbound-pin",
            PROMPTS + "transfer");
    assertThat(pinRow(elder.id()).get("phone_pin_failed")).isEqualTo(0);
  }

  @Test
  void givenFiveWrongPinsInARow_thenThePinIsLockedShownLockedAndStaffCanUnlockIt()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys());
    setPin(elder.id(), PIN, PIN);
    String who = elder.primaryPhone() + "#";
    sim.callees().put(STRANGER, keys(who, "1357#", who, "1358#"));
    call(sim.callIn(STRANGER, LINE), 1);
    call(sim.callIn(STRANGER, LINE), 2);
    assertThat(pinRow(elder.id()).get("phone_pin_failed")).isEqualTo(4);
    assertThat(pinRow(elder.id()).get("phone_pin_locked_until")).isNull();

    // the fifth wrong entry locks it: the right PIN on the retry is refused like a wrong one
    sim.callees().put(STRANGER, keys(who, "1359#", who, PIN + "#"));
    Map<String, Object> third = call(sim.callIn(STRANGER, LINE), 3);
    assertThat(third.get("elder_id")).isNull();
    assertThat(third.get("result")).isEqualTo("STAFF");
    Timestamp until = (Timestamp) pinRow(elder.id()).get("phone_pin_locked_until");
    assertThat(until.toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    assertThat(auditActions(elder.id()))
        .containsExactly("SET_PHONE_PIN admin", "LOCK_PHONE_PIN system");
    assertThat(elderPage(elder.id())).contains("id=\"pin-locked\"", "pin-unlock");
    long caseId =
        escalations.open(
            NewEscalation.of(
                elder.id(), EscalationType.FOLLOW_UP, null, null, Text.of("case.note", "测试")));
    assertThat(
            mvc.perform(get("/desk/{id}", caseId).with(user("admin").roles("SUPERVISOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8))
        .as("the desk's case page shows the lock")
        .contains("id=\"profile-pin-locked\"");

    // half an hour later the lock has run out by itself
    clock.advance(Duration.ofMinutes(31));
    sim.callees().put(STRANGER, keys(who, PIN + "#"));
    assertThat(call(sim.callIn(STRANGER, LINE), 4).get("identified_by")).isEqualTo("PIN");
    assertThat(pinRow(elder.id()).get("phone_pin_failed")).isEqualTo(0);
    await().atMost(Duration.ofSeconds(20)).until(() -> sim.liveChannels().isEmpty());

    // locked again, then unlocked by staff before the half hour is out
    jdbc.update(
        "update elder set phone_pin_locked_until = ? where id = ?",
        Timestamp.from(clock.instant().plus(Duration.ofMinutes(30))),
        elder.id());
    assertThat(elderPage(elder.id())).contains("id=\"pin-locked\"");
    mvc.perform(
            post("/elders/{id}/phone-pin/unlock", elder.id())
                .with(user("admin").roles("ADMIN"))
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(pinRow(elder.id()).get("phone_pin_locked_until")).isNull();
    assertThat(elderPage(elder.id())).doesNotContain("id=\"pin-locked\"");
    assertThat(auditActions(elder.id())).endsWith("UNLOCK_PHONE_PIN admin");
  }

  @Test
  void givenStaffResetThePin_thenTheOldPinFailsAndTheNewOneIdentifies() throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys());
    setPin(elder.id(), PIN, PIN);
    String first = (String) pinRow(elder.id()).get("phone_pin_hash");
    setPin(elder.id(), "482613", "482613");
    assertThat((String) pinRow(elder.id()).get("phone_pin_hash"))
        .isNotEqualTo(first)
        .doesNotContain("482613");
    assertThat(auditActions(elder.id()))
        .containsExactly("SET_PHONE_PIN admin", "RESET_PHONE_PIN admin");
    String who = elder.primaryPhone() + "#";
    sim.callees().put(STRANGER, keys(who, PIN + "#", who, "482613#"));

    CallRecord call = sim.callIn(STRANGER, LINE);

    Map<String, Object> row = call(call, 1);
    assertThat(((Number) row.get("elder_id")).longValue()).isEqualTo(elder.id());
    assertThat(call.prompts()).contains(PROMPTS + "inbound-pin-retry");
  }

  @Test
  void aBadPinIsRefusedInBothLanguagesAndNothingIsWritten() throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys());
    for (String[] bad :
        new String[][] {
          {"12a4", "12a4"},
          {"123", "123"},
          {"1111", "1111"},
          {"4321", "4321"},
          {"2580", "2581"},
          {"", ""}
        }) {
      for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
        MvcResult r =
            mvc.perform(
                    post("/elders/{id}/phone-pin", elder.id())
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .cookie(new Cookie("tanfang-lang", locale.toLanguageTag()))
                        .param("pin", bad[0])
                        .param("confirm", bad[1]))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) r.getFlashMap().get("pinErrors");
        assertThat(errors).as("%s in %s", bad[0], locale).hasSize(1);
        if (locale == Locale.ENGLISH) {
          assertThat(errors.get(0)).startsWith("Phone PIN").doesNotContainPattern("\\p{IsHan}");
        } else {
          assertThat(errors.get(0)).containsPattern("\\p{IsHan}");
        }
      }
    }
    assertThat(pinRow(elder.id()).get("phone_pin_hash")).isNull();
    assertThat(auditActions(elder.id())).isEmpty();
  }

  @Test
  void staffOutsideTheElderRegionCannotSetOrUnlockThePin() throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys()); // Meilan district
    if (!accounts.exists("pin-lh")) {
      accounts.create("pin-lh", "pin-test-pw-1", Role.STAFF, "pin-lh", RegionScope.district("龙华区"));
    }
    mvc.perform(
            post("/elders/{id}/phone-pin", elder.id())
                .with(user("pin-lh").roles("STAFF"))
                .with(csrf())
                .param("pin", PIN)
                .param("confirm", PIN))
        .andExpect(status().isNotFound());
    mvc.perform(
            post("/elders/{id}/phone-pin/unlock", elder.id())
                .with(user("pin-lh").roles("STAFF"))
                .with(csrf()))
        .andExpect(status().isNotFound());
    assertThat(pinRow(elder.id()).get("phone_pin_hash")).isNull();
    assertThat(auditActions(elder.id())).isEmpty();
    // without the CSRF token nothing is set either
    mvc.perform(
            post("/elders/{id}/phone-pin", elder.id())
                .with(user("admin").roles("ADMIN"))
                .param("pin", PIN)
                .param("confirm", PIN))
        .andExpect(status().isForbidden());
    assertThat(pinRow(elder.id()).get("phone_pin_hash")).isNull();
  }

  @Test
  void whileNoElderHasAPin_anUnknownNumberGoesToStaffWithoutBeingAsked() {
    Telephony.elder(elders, sim, keys());
    sim.callees().put(STRANGER, keys());

    CallRecord call = sim.callIn(STRANGER, LINE);

    assertThat(call(call, 1).get("result")).isEqualTo("STAFF");
    assertThat(call.prompts()).containsExactly(PROMPTS + "inbound-welcome", PROMPTS + "transfer");
  }
}
