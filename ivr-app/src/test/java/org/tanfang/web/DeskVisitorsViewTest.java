package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;

/** The desk lists staff work by default; visitors' tasks have their own view with filters. */
@TanfangTest
class DeskVisitorsViewTest {
  static final RequestPostProcessor STAFF = user("staff").roles("STAFF");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired Escalations escalations;
  @Autowired MutableClock clock;

  long distress;
  long chenHome;
  long liHome;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    Rows rows = new Rows(jdbc);
    long chen = rows.elder().in("美兰区", "海甸街道", "沿江社区").save();
    long li = rows.elder().in("龙华区", "金贸街道", "金岛社区").save();
    jdbc.update(
        "update elder set visitor_name = '陈网格', visitor_phone = '13612345678' where id = ?", chen);
    jdbc.update(
        "update elder set visitor_name = '李社工', visitor_phone = '13787654321' where id = ?", li);
    distress = open(chen, EscalationType.DISTRESS, null);
    chenHome = open(chen, EscalationType.HOME_VISIT, clock.instant().plus(Duration.ofDays(5)));
    liHome = open(li, EscalationType.HOME_VISIT, clock.instant().plus(Duration.ofHours(2)));
  }

  private long open(long elder, EscalationType type, Instant deadline) {
    return escalations.open(
        new NewEscalation(elder, type, null, null, Text.of("case.note", "x"), null, deadline));
  }

  private String queue(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.with(STAFF))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private static String row(long id) {
    return "data-id=\"" + id + "\"";
  }

  @Test
  void shouldKeepHomeVisitTasksOutOfTheMainQueue() throws Exception {
    assertThat(queue(get("/desk")))
        .contains(row(distress))
        .doesNotContain(row(chenHome), row(liHome));
    // Asked for by type, they are there.
    assertThat(queue(get("/desk/queue").param("type", "HOME_VISIT")))
        .contains(row(chenHome), row(liHome));
  }

  @Test
  void shouldListVisitorsTasksByRegionVisitorAndOverdue() throws Exception {
    assertThat(queue(get("/desk").param("view", "VISITORS")))
        .contains(row(chenHome), row(liHome), "陈网格", "id=\"filter-overdue\"")
        .doesNotContain(row(distress));
    assertThat(queue(get("/desk/queue").param("view", "VISITORS").param("district", "龙华区")))
        .contains(row(liHome))
        .doesNotContain(row(chenHome));
    assertThat(queue(get("/desk/queue").param("view", "VISITORS").param("street", "海甸街道")))
        .contains(row(chenHome))
        .doesNotContain(row(liHome));
    assertThat(queue(get("/desk/queue").param("view", "VISITORS").param("visitor", "陈")))
        .contains(row(chenHome))
        .doesNotContain(row(liHome));
    assertThat(queue(get("/desk/queue").param("view", "VISITORS").param("visitor", "7654")))
        .contains(row(liHome))
        .doesNotContain(row(chenHome));

    clock.advance(Duration.ofHours(3));
    assertThat(queue(get("/desk/queue").param("view", "VISITORS").param("overdue", "true")))
        .contains(row(liHome))
        .doesNotContain(row(chenHome));
    String api =
        queue(
            get("/api/escalations")
                .param("view", "VISITORS")
                .param("overdue", "true")
                .param("visitor", "李"));
    assertThat(api).contains("\"id\":" + liHome, "\"visitorName\":\"李社工\"");
    assertThat(queue(get("/api/escalations"))).doesNotContain("\"id\":" + liHome + ",");
  }
}
