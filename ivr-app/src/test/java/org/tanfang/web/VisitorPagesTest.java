package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;
import org.tanfang.visitors.VisitorAccounts;

/** The VISITOR role: only its own pages, its own elders and tasks; bad records write nothing. */
@TanfangTest
class VisitorPagesTest {
  static final String PHONE = "13612340002";
  static final RequestPostProcessor VISITOR = user("visitor-wu").roles("VISITOR");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired VisitorAccounts visitors;
  @Autowired UserAccounts accounts;
  @Autowired Escalations escalations;
  long mine;
  long others;
  long myTask;
  long othersTask;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    if (!accounts.exists("visitor-wu")) {
      visitors.create(
          new VisitorAccounts.NewVisitor("visitor-wu", "吴社工", PHONE, "visitor-password-1"));
    }
    Rows rows = new Rows(jdbc);
    mine = rows.elder().named("王阿婆").save();
    others = rows.elder().named("黄阿公").save();
    jdbc.update("update elder set visitor_phone = ? where id = ?", PHONE, mine);
    jdbc.update("update elder set visitor_phone = '13700000000' where id = ?", others);
    myTask = open(mine);
    othersTask = open(others);
  }

  private long open(long elder) {
    return escalations.open(
        NewEscalation.of(
            elder, EscalationType.UNREACHABLE, null, null, Text.of("case.note", "多次未接")));
  }

  @Test
  void shouldKeepAVisitorToTheirOwnPagesEldersAndTasks() throws Exception {
    mvc.perform(get("/").with(VISITOR)).andExpect(redirectedUrl("/visit"));
    for (String page :
        new String[] {"/elders", "/desk", "/calls", "/coverage", "/elders/" + mine}) {
      mvc.perform(get(page).with(VISITOR)).andExpect(status().isForbidden());
    }
    mvc.perform(get("/api/elders").with(VISITOR)).andExpect(status().isForbidden());
    mvc.perform(get("/visit").with(user("staff-x").roles("STAFF")))
        .andExpect(status().isForbidden());

    String tasks =
        mvc.perform(get("/visit").with(VISITOR)).andReturn().getResponse().getContentAsString();
    assertThat(tasks)
        .contains("data-id=\"" + myTask + "\"")
        .doesNotContain("data-id=\"" + othersTask + "\"");
    mvc.perform(get("/visit/elders/" + others).with(VISITOR)).andExpect(status().isNotFound());
    mvc.perform(get("/visit/tasks/" + othersTask).with(VISITOR)).andExpect(status().isNotFound());
    String card =
        mvc.perform(get("/visit/elders/" + mine).with(VISITOR))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(card).contains("王阿婆", "**********");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where username = 'visitor-wu' and action = 'VIEW'"
                    + " and subject_id = ?",
                Integer.class,
                String.valueOf(mine)))
        .isEqualTo(1);
  }

  @Test
  void shouldRejectAnIncompleteRecordAndWriteNothing() throws Exception {
    String page =
        mvc.perform(
                post("/visit/tasks/" + myTask)
                    .with(VISITOR)
                    .with(csrf())
                    .param("area.HEALTH", "CONCERN")
                    .param("area.LIVING", "FINE")
                    .param("hazards", "电线裸露")
                    .param("hazardsRemoved", "NONE"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("id=\"error\"", "电线裸露", "已填写隐患", "探访意愿", "亲情关怀")
        .contains("id=\"area-HEALTH-CONCERN\" checked");
    assertThat(
            jdbc.queryForObject("select state from escalation where id = ?", String.class, myTask))
        .isEqualTo("OPEN");
    assertThat(jdbc.queryForObject("select count(*) from visit", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from home_visit_report", Integer.class))
        .isZero();
    mvc.perform(post("/visit/tasks/" + othersTask).with(VISITOR).with(csrf()).param("wish", "SAME"))
        .andExpect(status().isNotFound());
  }

  @Test
  void shouldCreateVisitorAccountsWithEveryBadFieldNamed() throws Exception {
    mvc.perform(
            post("/api/visitors")
                .with(httpBasic("admin", "admin-test-password"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"username\":\"a\",\"displayName\":\"\",\"phone\":\"123\",\"password\":\"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            r ->
                assertThat(r.getResponse().getContentAsString())
                    .contains(
                        "\"field\":\"username\"",
                        "\"field\":\"displayName\"",
                        "\"field\":\"phone\"",
                        "\"field\":\"password\""));
    mvc.perform(
            post("/api/visitors")
                .with(httpBasic("admin", "admin-test-password"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"username\":\"visitor-wu\",\"displayName\":\"吴\",\"phone\":\""
                        + PHONE
                        + "\",\"password\":\"long-enough-1\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            r ->
                assertThat(r.getResponse().getContentAsString())
                    .contains("visitor.usernameTaken", "visitor.phoneTaken"));
    if (!accounts.exists("visitor-new")) {
      mvc.perform(
              post("/api/visitors")
                  .with(httpBasic("admin", "admin-test-password"))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(
                      "{\"username\":\"visitor-new\",\"displayName\":\"新\",\"phone\":\"136 1234 0099\","
                          + "\"password\":\"long-enough-1\"}"))
          .andExpect(status().isCreated())
          .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("13612340099"));
    }
    assertThat(visitors.phoneOf("visitor-new")).contains("13612340099");
  }
}
