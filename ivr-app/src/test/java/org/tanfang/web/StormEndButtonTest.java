package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.TrunkOutage;
import org.tanfang.dialer.StormWatch;
import org.tanfang.dialer.Storms;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/**
 * The storm banner's end button on the desk and the calls page: shown to ADMIN and SUPERVISOR only,
 * refused without CSRF and for STAFF, ends the storm for every node, audited, with a notice in the
 * reader's language; an over or unknown storm says so and changes nothing.
 */
@TanfangTest
class StormEndButtonTest {
  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired StormWatch watch;
  @Autowired Storms log;
  @Autowired AsteriskSim sim;
  long id;
  String form;

  @BeforeEach
  void aStorm() {
    Rows.clean(jdbc);
    watch.reload();
    sim.callees().setOutage(TrunkOutage.congestion()); // probes fail: only the button ends it
    clock.setLocal("2026-03-10T09:30:00");
    id =
        jdbc.queryForObject(
            "insert into pbx_storm (pbx, trunk, cause, started_at, reason)"
                + " values ('sim', 'trunk', 'AMI_LOST', now(), 'AMI connection lost') returning id",
            Long.class);
    form = "action=\"/storms/" + id + "/end\"";
  }

  @AfterEach
  void noStormLeft() {
    sim.callees().setOutage(null);
    log.open().forEach(s -> watch.end(s.id(), "test"));
  }

  private static RequestPostProcessor as(String role) {
    return user("admin").roles(role);
  }

  @Test
  void theButtonIsShownToSupervisorsAndAdminsOnly() throws Exception {
    for (String page : List.of("/desk", "/calls")) {
      for (String role : List.of("SUPERVISOR", "ADMIN")) {
        mvc.perform(get(page).param("lang", "en").with(as(role)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString(form)))
            .andExpect(content().string(containsString("End storm mode")))
            .andExpect(content().string(containsString("AMI connection lost")));
      }
      mvc.perform(get(page).param("lang", "en").with(as("STAFF")))
          .andExpect(status().isOk())
          .andExpect(content().string(containsString("storm-banner")))
          .andExpect(content().string(not(containsString(form))))
          .andExpect(content().string(not(containsString("End storm mode"))));
    }
    mvc.perform(get("/desk").param("lang", "zh-CN").with(as("SUPERVISOR")))
        .andExpect(content().string(containsString("结束风暴模式")))
        .andExpect(content().string(containsString("AMI 连接中断")));
  }

  @Test
  void staffAndRequestsWithoutCsrfAreRefusedAndNothingChanges() throws Exception {
    mvc.perform(post("/storms/" + id + "/end").with(as("SUPERVISOR")))
        .andExpect(status().isForbidden());
    mvc.perform(post("/storms/" + id + "/end").with(csrf()).with(as("STAFF")))
        .andExpect(status().isForbidden());
    assertThat(log.byId(id).orElseThrow().open()).isTrue();
    assertThat(watch.degraded("sim")).isTrue();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'END_STORM'", Integer.class))
        .isZero();
  }

  @Test
  void aSupervisorEndsTheStormFromTheDeskAuditedWithANoticeInTheirLanguage() throws Exception {
    var ended =
        mvc.perform(
                post("/storms/" + id + "/end")
                    .param("back", "desk")
                    .param("lang", "en")
                    .with(csrf())
                    .with(as("SUPERVISOR")))
            .andExpect(status().is3xxRedirection())
            .andExpect(redirectedUrl("/desk"))
            .andExpect(
                flash()
                    .attribute("stormNotice", "Storm mode on PBX sim ended: calls to it resume."))
            .andReturn();
    Storms.Storm over = log.byId(id).orElseThrow();
    assertThat(over.open()).isFalse();
    assertThat(over.endedBy()).isEqualTo("admin");
    assertThat(watch.degraded("sim")).isFalse();
    Map<String, Object> audit =
        jdbc.queryForMap("select * from audit_event where action = 'END_STORM'");
    assertThat(audit)
        .containsEntry("username", "admin")
        .containsEntry("subject_type", "pbx_storm")
        .containsEntry("subject_id", String.valueOf(id))
        .containsEntry("purpose", "role SUPERVISOR");
    assertThat((String) audit.get("detail")).contains("AMI connection lost");
    mvc.perform(
            get("/desk").param("lang", "en").flashAttrs(ended.getFlashMap()).with(as("SUPERVISOR")))
        .andExpect(content().string(containsString("Storm mode on PBX sim ended")))
        .andExpect(content().string(not(containsString("storm-banner"))));

    // Pressed again (another tab, another supervisor): already over, said in Chinese, no change.
    mvc.perform(
            post("/storms/" + id + "/end").param("lang", "zh-CN").with(csrf()).with(as("ADMIN")))
        .andExpect(redirectedUrl("/calls"))
        .andExpect(flash().attribute("stormError", "线路 sim 的风暴模式早已结束，未做任何更改。"));
    assertThat(log.byId(id).orElseThrow().endedBy()).isEqualTo("admin");
    mvc.perform(
            post("/storms/999999/end")
                .param("back", "https://evil.example/")
                .param("lang", "en")
                .with(csrf())
                .with(as("ADMIN")))
        .andExpect(redirectedUrl("/calls"))
        .andExpect(
            flash().attribute("stormError", "There is no storm number 999999; nothing changed."));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'END_STORM'", Integer.class))
        .isEqualTo(1);
  }
}
