package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.PersonNames;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Staff place a test call by API or from the elder's page, and read it back. */
@TanfangTest
class CallsApiTest {
  static final RequestPostProcessor STAFF = httpBasic("call-staff", "staff-test-password");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired UserAccounts accounts;
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired TelephonyEvents events;

  @BeforeEach
  void setUp() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    if (!accounts.exists("call-staff")) {
      accounts.create("call-staff", "staff-test-password", Role.STAFF, "测试坐席");
    }
  }

  @Test
  void givenStaff_whenPlacingATestCallByApi_thenItIsDialledAndReadableWithAMaskedNumber()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));

    String body =
        mvc.perform(
                post("/api/calls/test")
                    .with(STAFF)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"elderId\": " + elder.id() + "}"))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.result").value("QUEUED"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    long attemptId = json.readTree(body).get("attemptId").asLong();
    Telephony.awaitEnd(events, attemptId);

    String read =
        mvc.perform(get("/api/calls/" + attemptId).with(STAFF))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.result").value("ANSWERED"))
            .andExpect(jsonPath("$.outcome").value("COMPLETED"))
            .andExpect(jsonPath("$.purpose").value("TEST"))
            .andExpect(jsonPath("$.answers[1].questionId").value("health"))
            .andExpect(jsonPath("$.answers[1].intent").value("FINE"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    JsonNode call = json.readTree(read);
    assertThat(call.get("phone").asString()).contains("****").isNotEqualTo(elder.primaryPhone());
    mvc.perform(get("/api/calls").with(STAFF))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].attemptId").value(attemptId));
  }

  @Test
  void givenAPausedElder_whenPlacingATestCall_thenConflict() throws Exception {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    elders.changeStatus(elder.id(), ElderStatus.PAUSED, "住院");

    mvc.perform(
            post("/api/calls/test")
                .with(STAFF)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"elderId\": " + elder.id() + "}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].rule").value("elder.notCallable"));
    mvc.perform(
            post("/api/calls/test")
                .with(STAFF)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"elderId\": 987654}"))
        .andExpect(status().isNotFound());
  }

  @Test
  void givenNoPbxConnected_whenPlacingATestCall_then503WithABilingualMessageAndNothingWritten()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    sim.refuseAmiConnections();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> dialer.freeChannels() == 0);

      mvc.perform(
              post("/api/calls/test")
                  .with(STAFF)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"elderId\": " + elder.id() + "}"))
          .andExpect(status().isServiceUnavailable())
          .andExpect(jsonPath("$.error").value("no-line"))
          .andExpect(jsonPath("$.errors[0].field").value("elderId"))
          .andExpect(jsonPath("$.errors[0].rule").value("call.noLine"))
          .andExpect(jsonPath("$.errors[0].message['zh-CN']").value(Matchers.containsString("线路")))
          .andExpect(jsonPath("$.errors[0].message.en").value(Matchers.containsString("line")));
      var staff = user("staff").roles("STAFF");
      mvc.perform(post("/elders/" + elder.id() + "/test-call").with(staff).with(csrf()))
          .andExpect(redirectedUrl("/elders/" + elder.id()))
          .andExpect(flash().attribute("noLine", true));

      assertThat(jdbc.queryForObject("select count(*) from visit", Integer.class)).isZero();
      assertThat(jdbc.queryForObject("select count(*) from call_attempt", Integer.class)).isZero();
      assertThat(sim.callsTo(elder.primaryPhone())).isEmpty();
    } finally {
      sim.restoreAmiConnections();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> dialer.freeChannels() > 0);
  }

  @Test
  void givenStaffOnAnEldersPage_whenPressingTheTestCallButton_thenTheCallShowsOnTheCallsPage()
      throws Exception {
    Elder elder =
        Telephony.elder(elders, sim, CalleeScript.answers().press("1").press("9").build());
    var staff = user("staff").roles("STAFF");

    mvc.perform(get("/elders/" + elder.id()).with(staff))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("id=\"test-call-button\"")));
    mvc.perform(post("/elders/" + elder.id() + "/test-call").with(staff).with(csrf()))
        .andExpect(redirectedUrl("/calls"));
    Telephony.awaitEnd(events, 1);

    mvc.perform(get("/calls").with(staff))
        .andExpect(status().isOk())
        // staff hold no case of this elder: the name is masked (ElderAccess)
        .andExpect(content().string(Matchers.containsString(PersonNames.mask(elder.name()))))
        .andExpect(content().string(Matchers.not(Matchers.containsString(elder.name()))))
        .andExpect(content().string(Matchers.containsString("已转人工")))
        .andExpect(content().string(Matchers.containsString("健康 求助")))
        .andExpect(content().string(Matchers.not(Matchers.containsString(elder.primaryPhone()))));
  }
}
