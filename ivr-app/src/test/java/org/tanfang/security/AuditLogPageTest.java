package org.tanfang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;
import org.tanfang.testsupport.TestElders;

/**
 * The audit log page and API: filters (who, what, elder, days), paging, the CSV export (itself
 * audited), scope (a district supervisor sees entries about their district's elders and their own),
 * staff refused; and the table refuses changes and deletions.
 */
@TanfangTest
class AuditLogPageTest {
  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired ElderService elders;
  @Autowired AuditLog audit;
  @Autowired MutableClock clock;

  Elder meilan;
  Elder longhua;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    if (!accounts.exists("au-lh")) {
      accounts.create(
          "au-lh", "audit-test-pw", Role.SUPERVISOR, "au-lh", RegionScope.district("龙华区"));
    }
    meilan =
        elders.create(
            TestElders.form(
                "王建华", TestElders.idNumber(LocalDate.of(1944, 4, 4), 61, true), "13900000061"));
    clock.advance(Duration.ofDays(1));
    longhua =
        elders.create(
            TestElders.livingIn(
                TestElders.form(
                    "李秀英", TestElders.idNumber(LocalDate.of(1940, 5, 5), 62, false), "13900000062"),
                "龙华区",
                "中山街道",
                "滨海社区"));
    for (int i = 0; i < 60; i++) {
      audit.record("tester", "VIEW", "elder", longhua.id(), "page", "role SUPERVISOR");
    }
  }

  @Test
  void theAuditTableIsAppendOnly() {
    assertThatThrownBy(() -> jdbc.update("update audit_event set username = 'x'"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from audit_event"))
        .hasMessageContaining("append-only");
  }

  @Test
  void aDataSubjectExportHoldsEverythingOnTheElderAndIsAudited() throws Exception {
    long visit = new Rows(jdbc).visit(longhua.id()).status("DONE").save();
    new Rows(jdbc)
        .answer(visit)
        .spoken("UNWELL", "我头有点晕", "/tmp/x.wav")
        .to("health", "HEALTH")
        .save();
    var district = user("au-lh").roles("SUPERVISOR");
    mvc.perform(get("/api/elders/" + longhua.id() + "/export").with(district))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.elder.name").value("李秀英"))
        .andExpect(jsonPath("$.elder.idNumber").value(longhua.idNumber()))
        .andExpect(jsonPath("$.visits[0].id").value(visit))
        .andExpect(jsonPath("$.answers[0].transcript").value("我头有点晕"))
        .andExpect(
            jsonPath("$.auditEntries.length()").value(org.hamcrest.Matchers.greaterThan(60)));
    mvc.perform(get("/api/elders/" + meilan.id() + "/export").with(district))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/elders/" + longhua.id() + "/export").with(user("staff").roles("STAFF")))
        .andExpect(status().isForbidden());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'EXPORT' and subject_id = ?",
                Integer.class,
                String.valueOf(longhua.id())))
        .isEqualTo(1);
  }

  @Test
  void filtersPagingExportAndScope() throws Exception {
    var city = user("admin").roles("ADMIN");
    mvc.perform(get("/api/audit").param("who", "tester").with(city))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(60))
        .andExpect(jsonPath("$.items.length()").value(50));
    mvc.perform(get("/api/audit").param("who", "tester").param("page", "1").with(city))
        .andExpect(jsonPath("$.items.length()").value(10));
    mvc.perform(get("/api/audit").param("what", "create").with(city))
        .andExpect(jsonPath("$.total").value(2));
    mvc.perform(get("/api/audit").param("elder", String.valueOf(meilan.id())).with(city))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].detail").value("王建华"));
    mvc.perform(get("/api/audit").param("what", "CREATE").param("to", "2026-03-15").with(city))
        .andExpect(jsonPath("$.total").value(1));
    mvc.perform(get("/api/audit").param("from", "2026-03-16").param("what", "CREATE").with(city))
        .andExpect(jsonPath("$.items[0].subjectId").value(String.valueOf(longhua.id())));
    mvc.perform(get("/api/audit").param("from", "16.3.2026").with(city))
        .andExpect(status().isBadRequest());

    // a district supervisor: entries about their district's elders, not the other one
    var district = user("au-lh").roles("SUPERVISOR");
    String page =
        mvc.perform(get("/audit").param("what", "CREATE").with(district))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("李秀英").doesNotContain("王建华");
    String csv =
        mvc.perform(get("/audit.csv").with(district))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\ufeffid,at,username,action").contains("李秀英").doesNotContain("王建华");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'EXPORT' and username = 'au-lh'",
                Integer.class))
        .isEqualTo(1);

    mvc.perform(get("/audit").with(user("staff").roles("STAFF"))).andExpect(status().isForbidden());
    mvc.perform(get("/api/audit").with(user("staff").roles("STAFF")))
        .andExpect(status().isForbidden());
  }
}
