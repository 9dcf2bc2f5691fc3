package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * The inbound line end to end: asterisk-sim places a call into [tanfang-inbound] (a PJSIP trunk
 * channel, FastAGI to ivr-app with the caller's number), the call flow identifies the caller and
 * the check-in counts as the elder's phone visit, or the caller is put through to staff.
 */
@TanfangTest
class InboundCallTest {
  private static final String PROMPTS = "/var/lib/asterisk/sounds/tanfang/cmn/";
  private static final String LINE = "089866120000";

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired MockMvc mvc;
  @Autowired java.time.Clock clock;
  @Autowired org.tanfang.security.UserAccounts accounts;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
  }

  /** Keys the caller presses in order, then 1 to everything. */
  private static CalleeScript keys(String... keys) {
    var script = CalleeScript.answers();
    for (String k : keys) {
      script.press(k);
    }
    return script.thenAlways(new CalleeReply.Digits("1", 0)).build();
  }

  private Map<String, Object> inboundCall(CallRecord call) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                call.hangupCause() != null
                    && jdbc.queryForObject(
                            "select count(*) from inbound_call where result is not null",
                            Integer.class)
                        == 1);
    return jdbc.queryForMap("select * from inbound_call");
  }

  @Test
  void givenARegisteredNumber_whenTheElderCallsIn_thenTheCheckinIsAValidVisitOfTheCycle() {
    Elder elder = Telephony.elder(elders, sim, keys());
    long planned = new Rows(jdbc).visit(elder.id()).inMarch2026().save();
    jdbc.update(
        "insert into call_attempt (visit_id, attempt_no, phone, due_at, status, created_at)"
            + " values (?, 1, ?, now() + interval '1 hour', 'SCHEDULED', now())",
        planned,
        elder.primaryPhone());

    CallRecord call = sim.callIn(elder.primaryPhone(), LINE);

    Map<String, Object> row = inboundCall(call);
    assertThat(row.get("caller_number")).isEqualTo(elder.primaryPhone());
    assertThat(row.get("dialled")).isEqualTo(LINE);
    assertThat(((Number) row.get("elder_id")).longValue()).isEqualTo(elder.id());
    assertThat(row.get("identified_by")).isEqualTo("CALLER_ID");
    assertThat(row.get("result")).isEqualTo("VISIT");
    assertThat(call.prompts())
        .startsWith(PROMPTS + "inbound-welcome", PROMPTS + "confirm-identity", PROMPTS + "q-health")
        .doesNotContain(PROMPTS + "greeting", PROMPTS + "transfer");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "DONE"
                    .equals(
                        jdbc.queryForObject(
                            "select status from visit where id = ?", String.class, planned)));
    Map<String, Object> visit = jdbc.queryForMap("select * from visit where id = ?", planned);
    assertThat(visit.get("valid")).isEqualTo(true);
    assertThat(visit.get("outcome")).isEqualTo("COMPLETED");
    assertThat(jdbc.queryForObject("select count(*) from visit", Integer.class))
        .as("the cycle's planned visit is the one the call counts for")
        .isEqualTo(1);
    assertThat(
            jdbc.queryForList(
                "select status || '/' || direction from call_attempt where visit_id = ?"
                    + " order by attempt_no",
                String.class,
                planned))
        .as("the scheduled call is not placed; the inbound call is the visit's attempt")
        .containsExactly("CANCELLED/OUT", "ENDED/IN");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit_answer where visit_id = ? and question_id = 'health'"
                    + " and intent = 'FINE'",
                Integer.class,
                planned))
        .isEqualTo(1);
    assertThat(call.queueResult()).isNull();
  }

  @Test
  void
      givenAnswersOfTheLastDays_whenTheElderCallsIn_thenTheShortCheckinAsksHealthAndOnlyWhatIsDue() {
    Elder elder = Telephony.elder(elders, sim, keys());
    Rows rows = new Rows(jdbc);
    java.time.Instant now = clock.instant();
    long earlier = rows.visit(elder.id()).status("DONE").valid(true).outcome("COMPLETED").save();
    java.time.Instant twoDaysAgo = now.minus(Duration.ofDays(2));
    rows.answer(earlier).to("health", "HEALTH").keyed("FINE").answeredAt(twoDaysAgo).save();
    rows.answer(earlier).to("living", "LIVING").keyed("FINE").answeredAt(twoDaysAgo).save();
    rows.answer(earlier).to("family", "FAMILY").keyed("YES").answeredAt(twoDaysAgo).save();
    rows.answer(earlier).to("safety", "SAFETY").keyed("FINE").answeredAt(twoDaysAgo).save();
    // Not a real answer: still due. Answered too long ago (7 days by default): due again.
    rows.answer(earlier)
        .to("care-needs", "CARE_NEEDS")
        .keyed("UNCLEAR")
        .answeredAt(twoDaysAgo)
        .save();
    rows.answer(earlier)
        .to("special", "SPECIAL")
        .keyed("FINE")
        .answeredAt(now.minus(Duration.ofDays(10)))
        .save();

    CallRecord call = sim.callIn(elder.primaryPhone(), LINE);

    Map<String, Object> row = inboundCall(call);
    assertThat(row.get("result")).isEqualTo("VISIT");
    assertThat(call.prompts())
        .startsWith(
            PROMPTS + "inbound-welcome",
            PROMPTS + "confirm-identity",
            PROMPTS + "q-health",
            PROMPTS + "q-care-needs",
            PROMPTS + "q-special",
            PROMPTS + "thanks")
        .doesNotContain(PROMPTS + "q-living", PROMPTS + "q-family", PROMPTS + "q-safety");
    long visit =
        ((Number)
                jdbc.queryForObject(
                    "select visit_id from call_attempt where id = ?",
                    Long.class,
                    row.get("attempt_id")))
            .longValue();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject("select valid from visit where id = ?", Boolean.class, visit));
    assertThat(
            jdbc.queryForList(
                "select question_id from visit_answer where visit_id = ? order by id",
                String.class,
                visit))
        .containsExactly("identity", "health", "care-needs", "special");
  }

  @Test
  void givenANumberTwoEldersShare_whenOneCallsIn_thenTheIdDigitsNameTheRightElder() {
    Elder first = Telephony.elder(elders, sim, keys());
    Elder second = Telephony.elder(elders, sim, keys());
    // Every test elder has the landline 0898-66123456 besides the mobile; the carrier presents
    // it without the area code.
    String tail = second.idNumber().substring(14).replace('X', '*');
    sim.callees().put("66123456", keys("0000", tail));

    CallRecord call = sim.callIn("66123456", LINE);

    Map<String, Object> row = inboundCall(call);
    assertThat(row.get("caller_number")).isEqualTo("089866123456");
    assertThat(((Number) row.get("elder_id")).longValue()).isEqualTo(second.id());
    assertThat(row.get("identified_by")).isEqualTo("ID_DIGITS");
    assertThat(call.prompts())
        .startsWith(
            PROMPTS + "inbound-welcome",
            PROMPTS + "inbound-id-digits",
            PROMPTS + "inbound-id-retry",
            PROMPTS + "confirm-identity",
            PROMPTS + "q-health");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from visit where elder_id = ? and status = 'DONE'"
                            + " and valid",
                        Integer.class,
                        second.id())
                    == 1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where elder_id = ?", Integer.class, first.id()))
        .isZero();
  }

  @Test
  void givenAnUnknownNumber_whenItCallsIn_thenTheCallerReachesTheStaffQueue() {
    sim.callees().put("13912340000", keys());

    CallRecord call = sim.callIn("13912340000", LINE);

    Map<String, Object> row = inboundCall(call);
    assertThat(row.get("elder_id")).isNull();
    assertThat(row.get("result")).isEqualTo("STAFF");
    assertThat(call.prompts()).startsWith(PROMPTS + "inbound-welcome", PROMPTS + "transfer");
    assertThat(call.variablesSet()).containsEntry("TANFANG_TRANSFER", "staff");
    assertThat(call.queueResult()).isNotNull();
    assertThat(jdbc.queryForObject("select count(*) from visit", Integer.class)).isZero();
  }

  @Test
  void theCallsPageListsCallsIntoTheLineMaskedWithTheIdentifiedElderOrUnknown() throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys());
    inboundCall(sim.callIn(elder.primaryPhone(), LINE));
    jdbc.update("update inbound_call set elder_id = elder_id"); // only one row is awaited at a time
    sim.callees().put("13912340000", keys());
    CallRecord unknown = sim.callIn("13912340000", LINE);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                unknown.hangupCause() != null
                    && jdbc.queryForObject(
                            "select count(*) from inbound_call where result is not null",
                            Integer.class)
                        == 2);

    String page =
        mvc.perform(get("/calls/table").with(user("admin").roles("SUPERVISOR")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(page)
        .contains("inbound-table", "呼入", "未识别", "139****0000", "已转人工", "已作电话探访")
        .contains(org.tanfang.registry.PhoneNumbers.mask(elder.primaryPhone()))
        .doesNotContain("13912340000");
    assertThat(page).contains(elder.name());
  }

  @Test
  void givenASharedNumber_whenTheCallerPressesNineInsteadOfTheDigits_thenStaffAnswers() {
    Telephony.elder(elders, sim, keys());
    Telephony.elder(elders, sim, keys());
    sim.callees().put("66123456", keys("9"));

    CallRecord call = sim.callIn("66123456", LINE);

    Map<String, Object> row = inboundCall(call);
    assertThat(row.get("result")).isEqualTo("STAFF");
    assertThat(row.get("elder_id")).isNull();
    assertThat(call.prompts())
        .containsExactly(
            PROMPTS + "inbound-welcome", PROMPTS + "inbound-id-digits", PROMPTS + "transfer");
  }

  @Test
  void
      givenASharedNumber_whenTheCallerPressesNineBeforeBeingIdentified_thenADistressCaseForTheUnidentifiedCallerIsOnTheDesk()
          throws Exception {
    Telephony.elder(elders, sim, keys());
    Telephony.elder(elders, sim, keys());
    sim.callees().put("66123456", keys("9"));

    CallRecord call = sim.callIn("66123456", LINE);

    Map<String, Object> row = inboundCall(call);
    assertThat(row.get("result")).isEqualTo("STAFF");
    assertThat(call.variablesSet()).containsEntry("TANFANG_TRANSFER", "staff");
    assertThat(call.queueResult()).isNotNull();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> jdbc.queryForObject("select count(*) from escalation", Integer.class) == 1);
    Map<String, Object> c = jdbc.queryForMap("select * from escalation");
    assertThat(c.get("elder_id")).isNull();
    assertThat(c.get("type")).isEqualTo("DISTRESS");
    assertThat(c.get("state")).isEqualTo("OPEN");
    assertThat(c.get("caller_number")).isEqualTo("089866123456");
    long id = ((Number) c.get("id")).longValue();
    String masked = org.tanfang.registry.PhoneNumbers.mask("089866123456");

    if (!accounts.exists("inb-desk")) {
      accounts.create("inb-desk", "inb-desk-password", org.tanfang.security.Role.STAFF, "inb");
    }
    if (!accounts.exists("inb-district")) {
      accounts.create(
          "inb-district", "inb-desk-password", org.tanfang.security.Role.STAFF, "inb district");
      accounts.setScope("inb-district", org.tanfang.security.RegionScope.district("美兰区"));
    }
    var staff = user("inb-desk").roles("STAFF");
    String queue = page(get("/desk").with(staff));
    assertThat(queue).contains("未识别来电者 " + masked).doesNotContain("089866123456");
    assertThat(page(get("/desk").param("lang", "en").with(staff)))
        .contains("Unidentified caller " + masked);
    String one = page(get("/desk/" + id).with(staff));
    assertThat(one)
        .contains("未识别来电者", "热线来电：未识别的来电者在身份核验前按9求助，已转接坐席", "在身份核验前按了9求助", masked, "认领工单后显示完整号码。")
        .doesNotContain("089866123456");
    assertThat(page(get("/desk/" + id).param("lang", "en").with(staff)))
        .contains(
            "The caller (not identified)",
            "pressed 9 for help before being identified",
            "Call into the line: an unidentified caller pressed 9 for help",
            masked);
    // Supervisors (and the claimer) see the number in full, to call back.
    assertThat(page(get("/desk/" + id).with(user("admin").roles("SUPERVISOR"))))
        .contains("089866123456");
    // No elder, no region: a district's desk does not see it.
    assertThat(page(get("/desk").with(user("inb-district").roles("STAFF"))))
        .doesNotContain("未识别来电者");
    mvc.perform(get("/desk/" + id).with(user("inb-district").roles("STAFF")))
        .andExpect(status().isNotFound());

    // The claimer sees the number in full; a visit with the elder cannot be recorded on the case
    // (nobody to record it for), another outcome with a note closes it without a visit.
    mvc.perform(post("/api/escalations/" + id + "/claim").with(staff))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.escalation.callerNumber").value("089866123456"));
    mvc.perform(
            post("/api/escalations/" + id + "/call-back")
                .with(staff)
                .contentType("application/json")
                .content("{}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.unidentifiedNoCallBack"));
    mvc.perform(
            post("/api/escalations/" + id + "/resolve")
                .with(staff)
                .param("lang", "en")
                .contentType("application/json")
                .content("{\"outcome\": \"REACHED_BY_PHONE\", \"notes\": \"\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.unidentifiedNoVisit"));
    assertThat(jdbc.queryForObject("select state from escalation", String.class))
        .isEqualTo("CLAIMED");
    mvc.perform(
            post("/api/escalations/" + id + "/resolve")
                .with(staff)
                .contentType("application/json")
                .content("{\"outcome\": \"OTHER\", \"notes\": \"called back: Mr Wu, fine\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.visitId").isEmpty());
    assertThat(jdbc.queryForMap("select state, resolution_visit_id from escalation"))
        .containsEntry("state", "RESOLVED")
        .containsEntry("resolution_visit_id", null);
    assertThat(jdbc.queryForObject("select count(*) from visit", Integer.class)).isZero();
  }

  @Test
  void givenASharedNumber_whenTheCallerPressesZero_thenStaffAnswersWithoutACase() {
    Telephony.elder(elders, sim, keys());
    Telephony.elder(elders, sim, keys());
    sim.callees().put("66123456", keys("0"));

    CallRecord call = sim.callIn("66123456", LINE);

    assertThat(inboundCall(call).get("result")).isEqualTo("STAFF");
    assertThat(call.queueResult()).isNotNull();
    assertThat(jdbc.queryForObject("select count(*) from escalation", Integer.class)).isZero();
  }

  private String page(org.springframework.test.web.servlet.RequestBuilder request)
      throws Exception {
    return mvc.perform(request)
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void devModesCallInEndpointPlacesACallIntoTheLineAndRefusesBadInput() throws Exception {
    Elder elder = Telephony.elder(elders, sim, keys());
    int before = sim.calls().size();
    mvc.perform(
            post("/api/simulator/call-in")
                .with(user("admin").roles("ADMIN"))
                .contentType("application/json")
                .content("{\"from\": \"13x\", \"keys\": [\"1\", \"a\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].rule").value("simulator.callIn.from"))
        .andExpect(jsonPath("$.errors[1].field").value("keys[1]"));
    assertThat(sim.calls()).as("nothing was placed").hasSize(before);

    mvc.perform(
            post("/api/simulator/call-in")
                .with(user("admin").roles("ADMIN"))
                .contentType("application/json")
                .content("{\"from\": \"" + elder.primaryPhone() + "\", \"keys\": [\"1\", \"2\"]}"))
        .andExpect(status().isAccepted());

    Map<String, Object> row = inboundCall(sim.callsTo(elder.primaryPhone()).get(0));
    assertThat(((Number) row.get("elder_id")).longValue()).isEqualTo(elder.id());
    assertThat(
            jdbc.queryForObject(
                "select intent from visit_answer where question_id = 'health'", String.class))
        .isEqualTo("UNWELL");
  }
}
