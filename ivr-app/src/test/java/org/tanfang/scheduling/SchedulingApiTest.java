package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

@TanfangTest
class SchedulingApiTest {
  static final RequestPostProcessor ADMIN = httpBasic("admin", "admin-test-password");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired CyclePlanning planning;
  Rows rows;

  @BeforeEach
  void clean() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    clock.setLocal("2026-03-20T10:00:00");
  }

  private void validVisit(long elderId, String localDay) {
    jdbc.update(
        """
        update visit set valid = true, status = 'DONE', ended_at = ? where elder_id = ? and kind = 'PHONE'
        """,
        Timestamp.from(MutableClock.at(localDay + "T10:00:00").instant()),
        elderId);
  }

  @Test
  void shouldShowAnEldersCycleWithReasonVisitsAndNextCall() throws Exception {
    long id =
        rows.elder().born(java.time.LocalDate.of(1940, 1, 1)).categories("LIVING_ALONE").save();
    planning.planCurrentCycles();

    mvc.perform(get("/api/elders/{id}/cycle", id).with(ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.inScope").value(true))
        .andExpect(jsonPath("$.cycle").value("2026-03-H2"))
        .andExpect(jsonPath("$.cycleKind").value("HALF_MONTH"))
        .andExpect(jsonPath("$.reasons[0]").value("半月：高龄独居"))
        .andExpect(jsonPath("$.mode").value("PHONE"))
        .andExpect(jsonPath("$.lastDay").value("2026-03-31"))
        .andExpect(jsonPath("$.covered").value(false))
        .andExpect(jsonPath("$.visits[0].status").value("PLANNED"))
        .andExpect(jsonPath("$.visits[0].attempts[0].status").value("SCHEDULED"))
        .andExpect(jsonPath("$.nextCall.dueAt").exists());
    mvc.perform(get("/api/elders/999999/cycle").with(ADMIN)).andExpect(status().isNotFound());
  }

  @Test
  void shouldComputeTheMonthsCoveragePerDistrictAndStreetWithTheOverdueList() throws Exception {
    clock.setLocal("2026-03-01T08:00:00");
    long a = rows.elder().in("美兰区", "海甸街道", "沿江社区").save();
    long b = rows.elder().in("美兰区", "白龙街道", "白龙社区").save();
    long c = rows.elder().in("龙华区", "中山街道", "博爱社区").save();
    long half = rows.elder().in("龙华区", "中山街道", "博爱社区").categories("SOLITARY_CHILDLESS").save();
    planning.planCurrentCycles();
    clock.setLocal("2026-03-20T10:00:00");
    planning.planCurrentCycles(); // the second half month
    validVisit(a, "2026-03-05");
    validVisit(c, "2026-03-06");
    // the half-month elder was visited only in the first half: not covered for March
    jdbc.update(
        "update visit set valid = true, ended_at = ? where elder_id = ? and cycle_start = '2026-03-01'",
        Timestamp.from(MutableClock.at("2026-03-04T10:00:00").instant()),
        half);

    mvc.perform(get("/api/coverage").param("month", "2026-03").with(ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.inScope").value(4))
        .andExpect(jsonPath("$.covered").value(2))
        .andExpect(jsonPath("$.rate").value(0.5))
        .andExpect(jsonPath("$.level").value("district"))
        .andExpect(jsonPath("$.groups[?(@.name=='美兰区')].rate").value(0.5))
        .andExpect(jsonPath("$.groups[?(@.name=='龙华区')].covered").value(1));
    mvc.perform(get("/api/coverage").param("month", "2026-03").param("district", "美兰区").with(ADMIN))
        .andExpect(jsonPath("$.level").value("street"))
        .andExpect(jsonPath("$.groups[?(@.name=='海甸街道')].rate").value(1.0))
        .andExpect(jsonPath("$.groups[?(@.name=='白龙街道')].rate").value(0.0));
    mvc.perform(
            get("/api/coverage")
                .param("month", "2026-03")
                .param("district", "美兰区")
                .param("street", "海甸街道")
                .with(ADMIN))
        .andExpect(jsonPath("$.level").value("community"))
        .andExpect(jsonPath("$.groups[?(@.name=='沿江社区')].rate").value(1.0));
    mvc.perform(
            get("/api/coverage")
                .param("month", "2026-03")
                .param("district", "美兰区")
                .param("street", "海甸街道")
                .param("community", "沿江社区")
                .with(ADMIN))
        .andExpect(jsonPath("$.level").value("grid"))
        .andExpect(jsonPath("$.inScope").value(1))
        .andExpect(jsonPath("$.groups.length()").value(1))
        .andExpect(jsonPath("$.groups[0].covered").value(1));

    clock.setLocal("2026-03-29T10:00:00");
    mvc.perform(get("/api/coverage").param("month", "2026-03").with(ADMIN))
        .andExpect(
            jsonPath("$.overdue[*].elderId", Matchers.containsInAnyOrder((int) b, (int) half)));
    mvc.perform(get("/api/coverage").param("month", "March").with(ADMIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("month"));
  }

  @Test
  void shouldDeclareAWeatherAlertRoundCallingTheMostVulnerableFirst() throws Exception {
    long young = rows.elder().in("美兰区", "海甸街道", "沿江社区").save();
    long frail =
        rows.elder()
            .in("美兰区", "海甸街道", "沿江社区")
            .born(java.time.LocalDate.of(1935, 1, 1))
            .categories("SOLITARY_CHILDLESS")
            .save();
    long home =
        rows.elder()
            .in("美兰区", "海甸街道", "沿江社区")
            .categories("DISABLED_CARE")
            .disability("TOTAL")
            .selfCare(false)
            .save();
    long elsewhere = rows.elder().in("龙华区", "中山街道", "博爱社区").save();

    mvc.perform(
            post("/api/special-rounds")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"kind":"TYPHOON","districts":["美兰区"],"start":"2026-03-20T08:00","end":"2026-03-21T20:00"}
                    """))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").exists());

    assertThat(
            jdbc.queryForList(
                """
                select v.elder_id from call_attempt a join visit v on v.id = a.visit_id
                where v.purpose = 'WEATHER_ALERT' order by a.priority desc
                """,
                Long.class))
        .containsExactly(frail, young);
    assertThat(
            jdbc.queryForObject(
                "select script_id from visit where elder_id = ?", String.class, frail))
        .isEqualTo("alert-typhoon");
    assertThat(
            jdbc.queryForObject(
                "select kind from visit where elder_id = ? and purpose = 'WEATHER_ALERT'",
                String.class,
                home))
        .isEqualTo("HOME");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where elder_id = ?", Integer.class, elsewhere))
        .isZero();
    mvc.perform(get("/api/special-rounds").with(ADMIN))
        .andExpect(jsonPath("$[0].reason").value("台风预警"))
        .andExpect(jsonPath("$[0].visits").value(3));
  }

  @Test
  void shouldRejectABadAlertNamingEveryField() throws Exception {
    mvc.perform(
            post("/api/special-rounds")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"kind":"TORNADO","districts":["美兰区","火星区"],"start":"2026-03-21T08:00","end":"2026-03-20T08:00"}
                    """))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath(
                "$.errors[*].field", Matchers.containsInAnyOrder("kind", "districts[1]", "end")))
        .andExpect(
            jsonPath("$.errors[?(@.field=='end')].message.en")
                .value("End: must be after the start"))
        .andExpect(content().string(Matchers.containsString("火星区")));
    mvc.perform(
            post("/api/special-rounds")
                .with(httpBasic("nobody", "x"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            post("/api/special-rounds")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath(
                "$.errors[*].field",
                Matchers.containsInAnyOrder("kind", "districts", "start", "end")));
  }
}
