package org.tanfang.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;

/** The outcome log's JSON API and page: filters, 400s in both languages, who may read it. */
@TanfangTest
class OutcomeLogApiTest {
  static final RequestPostProcessor SUPERVISOR = httpBasic("log-supervisor", "supervisor-pw-1");
  static final RequestPostProcessor STAFF = httpBasic("log-staff", "staff-pw-1");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired MutableClock clock;
  LogFixtures data;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    data = new LogFixtures(jdbc);
    data.clean();
    if (!accounts.exists("log-supervisor")) {
      accounts.create("log-supervisor", "supervisor-pw-1", Role.SUPERVISOR, "测试督导");
      accounts.create("log-staff", "staff-pw-1", Role.STAFF, "测试坐席");
    }
  }

  @Test
  void givenASupervisor_whenFiltering_thenTheApiAnswersAPageWithTheFiltersUsed() throws Exception {
    long meilan = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    long longhua = data.elder("陈阿公", "龙华区", "金宇街道", "金宇社区", "LIVING_ALONE");
    long visit = data.visit(meilan, "PHONE", "ROUTINE", "PLANNED", null, false, "2026-03-14T10:00");
    data.dial(visit, 1, "NO_ANSWER", "2026-03-14T10:00");
    data.phoneVisit(longhua, "ROUTINE", "DONE", "COMPLETED", "2026-03-14T11:00");

    mvc.perform(get("/api/outcomes").param("district", "美兰区").with(SUPERVISOR))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.filter.from").value("2026-03-09"))
        .andExpect(jsonPath("$.filter.to").value("2026-03-15"))
        .andExpect(jsonPath("$.filter.district").value("美兰区"))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].visitId").value(visit))
        .andExpect(jsonPath("$.items[0].at").value("2026-03-14T02:00:00Z"))
        .andExpect(jsonPath("$.items[0].elderName").value("林亚妹"))
        .andExpect(jsonPath("$.items[0].outcome").value("NO_ANSWER"))
        .andExpect(jsonPath("$.items[0].attempts").value(1))
        .andExpect(jsonPath("$.items[0].lastResult").value("NO_ANSWER"))
        .andExpect(jsonPath("$.items[0].idNumberMasked").value(Matchers.containsString("****")));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'LIST' and subject_type = 'visit'"
                    + " and detail like '%district=美兰区%'",
                Integer.class))
        .isEqualTo(1);
  }

  @Test
  void givenBadFilters_thenBadRequestNamingEachInChineseAndEnglish() throws Exception {
    mvc.perform(
            get("/api/outcomes")
                .param("from", "2026-02-30")
                .param("outcome", "LOST")
                .with(SUPERVISOR))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("from"))
        .andExpect(jsonPath("$.errors[0].rule").value("date.invalid"))
        .andExpect(
            jsonPath("$.errors[0].message['zh-CN']").value("开始日期：「2026-02-30」不是日期，应写成 2026-03-15"))
        .andExpect(
            jsonPath("$.errors[0].message.en")
                .value("From: \"2026-02-30\" is not a date, expected e.g. 2026-03-15"))
        .andExpect(jsonPath("$.errors[1].field").value("outcome"))
        .andExpect(jsonPath("$.errors[1].rule").value("code.unknown"))
        .andExpect(jsonPath("$.errors[1].message.en").value(Matchers.containsString("NO_ANSWER")));
    mvc.perform(
            get("/api/outcomes.csv")
                .param("from", "2026-03-10")
                .param("to", "2026-03-01")
                .with(SUPERVISOR))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("to"))
        .andExpect(jsonPath("$.errors[0].rule").value("range.order"))
        .andExpect(
            jsonPath("$.errors[0].message['zh-CN']")
                .value("结束日期：（2026-03-01）不能早于开始日期（2026-03-10）"));
    mvc.perform(get("/api/outcomes").param("page", "x").with(SUPERVISOR))
        .andExpect(status().isBadRequest());
  }

  @Test
  void givenStaff_thenTheLogAndItsExportsAreForbidden() throws Exception {
    var staff = user("staff").roles("STAFF");
    for (String path : new String[] {"/api/outcomes", "/api/outcomes.csv", "/api/outcomes.xlsx"}) {
      mvc.perform(get(path).with(STAFF)).andExpect(status().isForbidden());
    }
    for (String path : new String[] {"/outcomes", "/outcomes.csv", "/outcomes.xlsx"}) {
      mvc.perform(get(path).with(staff)).andExpect(status().isForbidden());
    }
    mvc.perform(get("/elders").with(staff))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.not(Matchers.containsString("nav-outcomes"))));
    mvc.perform(get("/api/outcomes")).andExpect(status().isUnauthorized());
  }

  @Test
  void givenTheSupervisorsPage_thenItShowsTheRowsOrTheFilterProblems() throws Exception {
    var supervisor = user("supervisor").roles("SUPERVISOR");
    long elder = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    data.homeVisit(elder, "2026-03-14T10:00");

    mvc.perform(get("/outcomes").with(supervisor))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("林亚妹")))
        .andExpect(content().string(Matchers.containsString("人工探访完成")))
        .andExpect(
            content()
                .string(
                    Matchers.containsString("/outcomes.csv?from=2026-03-09&amp;to=2026-03-15")));
    mvc.perform(get("/outcomes").param("to", "昨天").param("kind", "CAR").with(supervisor))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(Matchers.containsString("结束日期：「昨天」不是日期")))
        .andExpect(content().string(Matchers.containsString("类型：「CAR」不是可选的值（PHONE, HOME）")));
  }

  @Test
  void theApiAndItsFiltersAreInTheOpenApiDocs() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.paths['/api/outcomes'].get.parameters[*].name")
                .value(Matchers.hasItems("from", "to", "district", "outcome", "intent", "page")))
        .andExpect(jsonPath("$.paths['/api/outcomes.csv']").exists())
        .andExpect(jsonPath("$.paths['/api/outcomes.xlsx']").exists());
  }
}
