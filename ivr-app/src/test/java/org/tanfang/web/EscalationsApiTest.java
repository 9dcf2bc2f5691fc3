package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.ElderService;
import org.tanfang.scheduling.Coverage;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.speech.SpeechProperties;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;
import org.tanfang.testsupport.TestElders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The desk's REST API: queue filters and order, claim, reassign, resolve, errors, recordings. */
@TanfangTest
class EscalationsApiTest {
  static final RequestPostProcessor ANN = httpBasic("desk-ann", "desk-test-password");
  static final RequestPostProcessor BOB = httpBasic("desk-bob", "desk-test-password");
  static final RequestPostProcessor SUE = httpBasic("desk-sue", "desk-test-password");
  static final String SIX_FINE =
      """
      {"outcome":"REACHED_BY_PHONE","notes":"回电确认安全","areas":{
        "HEALTH":{"status":"CONCERN","note":"膝盖痛"},"LIVING":{"status":"FINE"},
        "FAMILY":{"status":"FINE"},"SAFETY":{"status":"FINE"},
        "CARE_NEEDS":{"status":"NOT_CHECKED"},"SPECIAL":{"status":"FINE"}}}
      """;

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired UserAccounts accounts;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired org.tanfang.escalation.OverdueCases overdue;
  @Autowired Coverage coverage;
  @Autowired SpeechProperties speech;
  @Autowired MutableClock clock;

  static int sequence = 500;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    account("desk-ann", Role.STAFF);
    account("desk-bob", Role.STAFF);
    account("desk-sue", Role.SUPERVISOR);
  }

  private void account(String name, Role role) {
    if (!accounts.exists(name)) {
      accounts.create(name, "desk-test-password", role, name);
    }
  }

  private Elder elder(String name, String district) {
    sequence++;
    ElderForm f =
        TestElders.form(
            name,
            TestElders.idNumber(LocalDate.of(1944, 4, 4), sequence, true),
            String.format("1390000%04d", sequence));
    return elders.create(TestElders.with(f, district, null));
  }

  private long open(Elder e, EscalationType type) {
    return escalations.open(
        NewEscalation.of(e.id(), type, null, null, Text.of("case.note", "测试：" + type)));
  }

  private JsonNode body(org.springframework.test.web.servlet.ResultActions r) throws Exception {
    return json.readTree(r.andReturn().getResponse().getContentAsString());
  }

  @Test
  void givenOpenCases_whenListing_thenByPriorityThenDeadlineWithNamesMaskedAndFiltersApplied()
      throws Exception {
    Elder wang = elder("王建华", "美兰区");
    Elder li = elder("李秀英", "龙华区");
    long needs = open(wang, EscalationType.NEEDS);
    long followWang = open(wang, EscalationType.FOLLOW_UP);
    clock.advance(Duration.ofMinutes(10));
    long followLi = open(li, EscalationType.FOLLOW_UP);
    long distress = open(li, EscalationType.DISTRESS);

    JsonNode all = body(mvc.perform(get("/api/escalations").with(ANN)).andExpect(status().isOk()));
    assertThat(ids(all)).containsExactly(distress, followWang, followLi, needs);
    assertThat(all.get(0).get("elderName").asString()).isEqualTo("李*英");
    assertThat(all.get(1).get("elderName").asString()).isEqualTo("王*华");
    assertThat(all.get(0).get("district").asString()).isEqualTo("龙华区");
    // opened at 10:10 local time, due 15 minutes later
    assertThat(all.get(0).get("deadline").asString()).isEqualTo("2026-03-15T02:25:00Z");
    assertThat(all.toString()).doesNotContain("王建华").doesNotContain(wang.primaryPhone());

    assertThat(ids(body(mvc.perform(get("/api/escalations?type=FOLLOW_UP").with(ANN)))))
        .containsExactly(followWang, followLi);
    assertThat(ids(body(mvc.perform(get("/api/escalations").param("district", "龙华区").with(ANN)))))
        .containsExactly(distress, followLi);
    assertThat(ids(body(mvc.perform(get("/api/escalations?mine=true").with(ANN))))).isEmpty();
    mvc.perform(post("/api/escalations/" + needs + "/claim").with(ANN)).andExpect(status().isOk());
    assertThat(ids(body(mvc.perform(get("/api/escalations?mine=true").with(ANN)))))
        .containsExactly(needs);
    assertThat(ids(body(mvc.perform(get("/api/escalations?mine=true").with(BOB))))).isEmpty();

    // The deadline of the distress case passes: it moves up to the street supervisors.
    clock.advance(Duration.ofMinutes(16));
    overdue.escalateOverdue();
    assertThat(ids(body(mvc.perform(get("/api/escalations?level=STREET").with(ANN)))))
        .containsExactly(distress);

    mvc.perform(get("/api/escalations?type=NOPE").with(ANN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("type"));
    mvc.perform(get("/api/escalations")).andExpect(status().isUnauthorized());
  }

  @Test
  void givenTwoStaff_whenBothClaim_thenTheSecondGetsAConflictAndOnlyTheClaimerSeesTheProfile()
      throws Exception {
    Elder wang = elder("王建华", "美兰区");
    long id = open(wang, EscalationType.DISTRESS);

    mvc.perform(get("/api/escalations/" + id).with(ANN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.profileOpen").value(false))
        .andExpect(jsonPath("$.elder.masked").value(true))
        .andExpect(jsonPath("$.elder.name").value("王*华"))
        .andExpect(jsonPath("$.elder.address").doesNotExist())
        .andExpect(jsonPath("$.elder.primaryPhone").value(Matchers.containsString("****")))
        .andExpect(jsonPath("$.escalation.elderName").value("王*华"));
    int auditedBefore = audited(wang);

    mvc.perform(post("/api/escalations/" + id + "/claim").with(ANN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.escalation.state").value("CLAIMED"))
        .andExpect(jsonPath("$.escalation.claimedBy").value("desk-ann"))
        .andExpect(jsonPath("$.profileOpen").value(true))
        .andExpect(jsonPath("$.elder.name").value("王建华"))
        .andExpect(jsonPath("$.elder.primaryPhone").value(wang.primaryPhone()))
        .andExpect(jsonPath("$.elder.address").value(wang.address()))
        .andExpect(jsonPath("$.elder.emergencyContacts[0].phone").value("13712345678"))
        // staff see ID-card numbers masked even on their own case
        .andExpect(jsonPath("$.elder.idNumber").value(Matchers.containsString("*")));
    assertThat(audited(wang)).isEqualTo(auditedBefore + 1);

    mvc.perform(post("/api/escalations/" + id + "/claim").with(BOB))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.claimedByOther"))
        .andExpect(jsonPath("$.errors[0].message.en").value(Matchers.containsString("desk-ann")));
    mvc.perform(get("/api/escalations/" + id).with(BOB))
        .andExpect(jsonPath("$.elder.masked").value(true));
    // Claiming twice is harmless for the claimer.
    mvc.perform(post("/api/escalations/" + id + "/claim").with(ANN)).andExpect(status().isOk());
    // Supervisors see the full record, ID number included.
    mvc.perform(get("/api/escalations/" + id).with(SUE))
        .andExpect(jsonPath("$.elder.masked").value(false))
        .andExpect(jsonPath("$.elder.idNumber").value(wang.idNumber()));

    mvc.perform(post("/api/escalations/987654/claim").with(ANN))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.notFound"));
    mvc.perform(get("/api/escalations/987654").with(ANN)).andExpect(status().isNotFound());
  }

  @Test
  void givenAClaimedCase_whenReassigned_thenTheNewAssigneeSeesItAsTheirsAndOthersCannotClaim()
      throws Exception {
    long id = open(elder("王建华", "美兰区"), EscalationType.FOLLOW_UP);
    mvc.perform(post("/api/escalations/" + id + "/claim").with(ANN)).andExpect(status().isOk());

    mvc.perform(
            post("/api/escalations/" + id + "/reassign")
                .with(BOB)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"to\":\"desk-bob\"}"))
        .andExpect(status().isConflict());
    mvc.perform(
            post("/api/escalations/" + id + "/reassign")
                .with(ANN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"to\":\"nobody-here\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("assignee"))
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.unknownUser"));
    mvc.perform(
            post("/api/escalations/" + id + "/reassign")
                .with(ANN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"to\":\"desk-bob\",\"reason\":\"下班交接\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.escalation.state").value("REASSIGNED"))
        .andExpect(jsonPath("$.escalation.assignedTo").value("desk-bob"))
        .andExpect(jsonPath("$.history[-1].action").value("REASSIGNED"))
        .andExpect(jsonPath("$.history[-1].detail").value("→ desk-bob：下班交接"));

    assertThat(ids(body(mvc.perform(get("/api/escalations?mine=true").with(BOB)))))
        .containsExactly(id);
    mvc.perform(post("/api/escalations/" + id + "/claim").with(ANN))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.assignedToOther"));
    mvc.perform(post("/api/escalations/" + id + "/claim").with(BOB)).andExpect(status().isOk());
    mvc.perform(
            post("/api/escalations/" + id + "/notes")
                .with(BOB)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"已电话联系，明天再回访\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.history[-1].actor").value("desk-bob"))
        .andExpect(jsonPath("$.history[-1].detail").value("已电话联系，明天再回访"));
    mvc.perform(
            post("/api/escalations/" + id + "/notes")
                .with(BOB)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"  \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("text"));
    mvc.perform(
            post("/api/escalations/987654/reassign")
                .with(SUE)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"to\":\"desk-bob\"}"))
        .andExpect(status().isNotFound());
  }

  @Test
  void givenAClaimedCase_whenResolvedReachedByPhone_thenAValidVisitWithSixAreasCountsForCoverage()
      throws Exception {
    Elder wang = elder("王建华", "美兰区");
    long id = open(wang, EscalationType.FOLLOW_UP);
    int coveredBefore = coverage.month(YearMonth.of(2026, 3), "美兰区", null).covered();

    mvc.perform(
            post("/api/escalations/" + id + "/resolve")
                .with(ANN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(SIX_FINE))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.claimFirst"));
    mvc.perform(post("/api/escalations/" + id + "/claim").with(ANN)).andExpect(status().isOk());
    mvc.perform(
            post("/api/escalations/" + id + "/resolve")
                .with(ANN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"outcome\":\"REACHED_BY_PHONE\",\"areas\":{\"HEALTH\":{\"status\":\"CONCERN\"}}}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[*].field", Matchers.hasItems("areas.HEALTH.note", "areas.LIVING")));
    mvc.perform(
            post("/api/escalations/" + id + "/resolve")
                .with(ANN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"outcome\":\"MAYBE\"}"))
        .andExpect(status().isBadRequest());

    JsonNode resolved =
        body(
            mvc.perform(
                    post("/api/escalations/" + id + "/resolve")
                        .with(ANN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SIX_FINE))
                .andExpect(status().isOk()));
    long visitId = resolved.get("visitId").asLong();

    var visit = jdbc.queryForMap("select * from visit where id = ?", visitId);
    assertThat(visit)
        .containsEntry("valid", true)
        .containsEntry("kind", "PHONE")
        .containsEntry("purpose", "CALLBACK")
        .containsEntry("recorded_by", "desk-ann")
        .containsEntry("escalation_id", id);
    assertThat(
            jdbc.queryForList(
                "select area, intent, method from visit_answer where visit_id = ? order by id",
                visitId))
        .extracting(a -> a.get("area") + "=" + a.get("intent") + "/" + a.get("method"))
        .containsExactly(
            "HEALTH=UNWELL/PERSON",
            "LIVING=FINE/PERSON",
            "FAMILY=FINE/PERSON",
            "SAFETY=FINE/PERSON",
            "CARE_NEEDS=UNCLEAR/PERSON",
            "SPECIAL=FINE/PERSON");
    assertThat(coverage.month(YearMonth.of(2026, 3), "美兰区", null).covered())
        .isEqualTo(coveredBefore + 1);

    assertThat(ids(body(mvc.perform(get("/api/escalations").with(ANN))))).doesNotContain(id);
    JsonNode done = body(mvc.perform(get("/api/escalations?view=RESOLVED").with(ANN)));
    assertThat(ids(done)).containsExactly(id);
    assertThat(done.get(0).get("outcome").asString()).isEqualTo("REACHED_BY_PHONE");
    mvc.perform(
            post("/api/escalations/" + id + "/resolve")
                .with(ANN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(SIX_FINE))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].rule").value("escalation.alreadyResolved"));
    mvc.perform(
            post("/api/escalations/987654/resolve")
                .with(SUE)
                .contentType(MediaType.APPLICATION_JSON)
                .content(SIX_FINE))
        .andExpect(status().isNotFound());
  }

  @Test
  void givenARecordedReply_whenFetched_thenStreamedOnlyFromInsideTheRecordingsFolder()
      throws Exception {
    Elder wang = elder("王建华", "美兰区");
    long visitId = new Rows(jdbc).visit(wang.id()).status("DONE").save();
    Path dir = Files.createDirectories(speech.recordingsDir());
    Path wav = dir.resolve(visitId + "-health-0.wav");
    byte[] audio = "RIFF....WAVEfmt fake".getBytes();
    Files.write(wav, audio);
    long inside = answer(visitId, wav.toString());
    long outside = answer(visitId, "/etc/hostname");
    long sneaky = answer(visitId, dir + "/../../etc/hostname");
    long gone = answer(visitId, dir.resolve("deleted.wav").toString());
    long id =
        escalations.open(
            NewEscalation.of(
                wang.id(), EscalationType.DISTRESS, visitId, null, Text.of("case.note", "测试录音")));

    mvc.perform(get("/api/escalations/" + id).with(ANN))
        .andExpect(jsonPath("$.otherAnswers[0].hasRecording").value(true))
        .andExpect(jsonPath("$.otherAnswers[0].transcript").value("help me i fell"));
    // the elder's voice is for the claimer (and supervisors): before claiming, 403
    mvc.perform(get("/api/escalations/" + id + "/answers/" + inside + "/recording").with(ANN))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/escalations/" + id + "/claim").with(ANN)).andExpect(status().isOk());
    byte[] got =
        mvc.perform(get("/api/escalations/" + id + "/answers/" + inside + "/recording").with(ANN))
            .andExpect(status().isOk())
            .andExpect(
                org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                    .contentType("audio/wav"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(got).isEqualTo(audio);
    assertThat(
            jdbc.queryForList(
                "select username || ' ' || purpose from audit_event where action = 'LISTEN'",
                String.class))
        .containsExactly("desk-ann escalation " + id);
    for (long other : List.of(outside, sneaky, gone)) {
      mvc.perform(get("/api/escalations/" + id + "/answers/" + other + "/recording").with(ANN))
          .andExpect(status().isNotFound());
    }
    // An answer of another case's visit is not reachable through this case.
    long otherCase = open(elder("李秀英", "龙华区"), EscalationType.NEEDS);
    mvc.perform(
            get("/api/escalations/" + otherCase + "/answers/" + inside + "/recording").with(SUE))
        .andExpect(status().isNotFound());
  }

  private long answer(long visitId, String path) {
    return new Rows(jdbc)
        .answer(visitId)
        .to("health", "HEALTH")
        .spoken("HELP", "help me i fell", path)
        .save();
  }

  private int audited(Elder e) {
    return jdbc.queryForObject(
        "select count(*) from audit_event where action = 'VIEW' and subject_type = 'elder'"
            + " and subject_id = ?",
        Integer.class,
        e.id().toString());
  }

  private static List<Long> ids(JsonNode rows) {
    List<Long> ids = new java.util.ArrayList<>();
    rows.forEach(r -> ids.add(r.get("id").asLong()));
    return ids;
  }
}
