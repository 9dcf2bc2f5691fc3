package org.tanfang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import org.tanfang.registry.ElderService;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestElders;

/**
 * Issue 14's bypass, closed: what a staff member, a colleague and a supervisor see of one elder on
 * {@code /api/elders/{id}}, {@code /elders/{id}}, the desk case and the calls list, before and
 * after the staff member claims the elder's case, and what the audit log says about it.
 */
@TanfangTest
class ElderDisclosureTest {
  static final String PASSWORD = "disclosure-test-pw";
  static final RequestPostProcessor ANN = httpBasic("dis-ann", PASSWORD);
  static final RequestPostProcessor BOB = httpBasic("dis-bob", PASSWORD);
  static final RequestPostProcessor SUE = httpBasic("dis-sue", PASSWORD);

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;

  Elder wang;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    account("dis-ann", Role.STAFF);
    account("dis-bob", Role.STAFF);
    account("dis-sue", Role.SUPERVISOR);
    wang =
        elders.create(
            TestElders.form(
                "王建华", TestElders.idNumber(LocalDate.of(1944, 4, 4), 71, true), "13900000071"));
  }

  private void account(String name, Role role) {
    if (!accounts.exists(name)) {
      accounts.create(name, PASSWORD, role, name);
    }
  }

  private long claimedBy(RequestPostProcessor who) throws Exception {
    long id =
        escalations.open(
            NewEscalation.of(
                wang.id(), EscalationType.FOLLOW_UP, null, null, Text.of("case.note", "测试")));
    mvc.perform(post("/api/escalations/" + id + "/claim").with(who)).andExpect(status().isOk());
    return id;
  }

  /** Entries before this id are not looked at (the audit log cannot be emptied). */
  long seenUpTo;

  private List<Map<String, Object>> audit() {
    return jdbc.queryForList(
        "select username, action, subject_type, subject_id, detail, purpose from audit_event"
            + " where action = 'VIEW' and subject_type = 'elder' and id > ? order by id",
        seenUpTo);
  }

  @Test
  void staffWithoutTheClaimedCaseGetTheMaskedRecordFromApiAndPage() throws Exception {
    mvc.perform(get("/api/elders/" + wang.id()).with(ANN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.masked").value(true))
        .andExpect(jsonPath("$.name").value("王*华"))
        .andExpect(jsonPath("$.address").doesNotExist())
        .andExpect(jsonPath("$.birthDate").doesNotExist())
        .andExpect(jsonPath("$.primaryPhone").value("139****0071"))
        .andExpect(jsonPath("$.alternatePhones[0]").value("0898****3456"))
        .andExpect(jsonPath("$.emergencyContacts[0].phone").value("137****5678"))
        .andExpect(jsonPath("$.idNumber").value(org.hamcrest.Matchers.containsString("****")));
    String page =
        mvc.perform(get("/elders/" + wang.id()).with(user("dis-ann").roles("STAFF")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("王*华").doesNotContain("王建华").doesNotContain("沿江社区12号");
    assertThat(page).doesNotContain("13900000071").doesNotContain("13712345678");
    // a status change answers with what the caller may see, too
    mvc.perform(
            post("/api/elders/" + wang.id() + "/pause")
                .with(ANN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"住院\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("王*华"))
        .andExpect(jsonPath("$.address").doesNotExist());
    assertThat(audit()).isEmpty();
  }

  @Test
  void theClaimerSeesTheFullRecordAColleagueStillMaskedAndEachFullViewIsAudited() throws Exception {
    long caseId = claimedBy(ANN);
    seenUpTo = jdbc.queryForObject("select coalesce(max(id), 0) from audit_event", Long.class);

    mvc.perform(get("/api/elders/" + wang.id()).with(ANN))
        .andExpect(jsonPath("$.masked").value(false))
        .andExpect(jsonPath("$.name").value("王建华"))
        .andExpect(jsonPath("$.address").value("海甸街道沿江社区12号"))
        .andExpect(jsonPath("$.primaryPhone").value("13900000071"))
        .andExpect(jsonPath("$.idNumber").value(org.hamcrest.Matchers.containsString("****")));
    mvc.perform(get("/api/elders/" + wang.id()).with(BOB))
        .andExpect(jsonPath("$.masked").value(true))
        .andExpect(jsonPath("$.name").value("王*华"));
    mvc.perform(get("/api/escalations/" + caseId).with(BOB))
        .andExpect(jsonPath("$.elder.masked").value(true))
        .andExpect(jsonPath("$.elder.address").doesNotExist());
    mvc.perform(get("/api/elders/" + wang.id()).with(SUE))
        .andExpect(jsonPath("$.masked").value(false))
        .andExpect(jsonPath("$.idNumber").value(wang.idNumber()));

    assertThat(audit())
        .extracting(r -> r.get("username") + " " + r.get("detail") + " " + r.get("purpose"))
        .containsExactly("dis-ann api escalation " + caseId, "dis-sue api role SUPERVISOR");

    // once resolved the case no longer opens the record
    jdbc.update("update escalation set state = 'RESOLVED' where id = ?", caseId);
    mvc.perform(get("/api/elders/" + wang.id()).with(ANN))
        .andExpect(jsonPath("$.masked").value(true));
  }

  @Test
  void listsMaskNamesForStaffExceptTheElderWhoseCaseTheyHold() throws Exception {
    mvc.perform(get("/api/elders").with(ANN)).andExpect(jsonPath("$.items[0].name").value("王*华"));
    mvc.perform(get("/api/elders").with(SUE)).andExpect(jsonPath("$.items[0].name").value("王建华"));
    claimedBy(ANN);
    mvc.perform(get("/api/elders").with(ANN)).andExpect(jsonPath("$.items[0].name").value("王建华"));
    mvc.perform(get("/api/elders").with(BOB)).andExpect(jsonPath("$.items[0].name").value("王*华"));
  }
}
