package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.asterisksim.TrunkOutage;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.scheduling.Pacer;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * A trunk that fails every call, end to end through asterisk-sim: the storm is detected, pacing to
 * the PBX stops, the failed calls are the network's (no UNREACHABLE case, no family call, each
 * visit's call rescheduled), and probes to the test number end the storm by themselves once the
 * trunk works again.
 */
@TanfangTest
class StormModeTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired Pacer pacer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired MutableClock clock;
  @Autowired StormWatch storms;
  @Autowired Storms log;
  @Autowired SimulatedPbx simulated;
  Rows rows;
  String pbx;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    storms.reload();
    rows = new Rows(jdbc);
    pbx = simulated.pbx().name();
    clock.setLocal("2026-03-10T09:30:00");
    // The probe number answers (a busy one reads as Reason 0 on a PJSIP trunk: not through).
    sim.callees().put("10086", CalleeScript.answers().hangUp().build());
  }

  @AfterEach
  void trunkBack() {
    sim.callees().setOutage(null);
    log.open().forEach(s -> storms.end(s.id(), "test"));
  }

  private int count(String sql) {
    return jdbc.queryForObject(sql, Integer.class);
  }

  @Test
  void aTrunkFailingEveryCallIsAStormNotAHundredUnreachableElders() {
    List<Long> planned = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
      long visit =
          rows.visit(elder.id())
              .purpose("ROUTINE")
              .status("PLANNED")
              .inMarch2026()
              .plannedAt(clock.instant())
              .save();
      planned.add(
          rows.attempt(visit)
              .phone(elder.primaryPhone())
              .phoneIndex(0)
              .priority(100)
              .due(clock.instant())
              .status("SCHEDULED")
              .save());
    }
    TrunkOutage outage = TrunkOutage.congestion();
    sim.callees().setOutage(outage);

    // Pace as the Quartz job would, until the storm holds the calls back.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              pacer.pace();
              return storms.degraded(pbx);
            });
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count("select count(*) from call_attempt where status in ('DIALING', 'IN_CALL')")
                    == 0);
    // Each end is written, then its listeners (the storm's window among them) hear of it.
    await().atMost(Duration.ofSeconds(20)).until(events::writesSettled);
    assertThat(pacer.pace()).as("pacing to the degraded PBX stops").isEmpty();

    int failed = count("select count(*) from call_attempt where status = 'ENDED'");
    assertThat(failed).isGreaterThanOrEqualTo(10);
    assertThat(
            count(
                "select count(*) from call_attempt where status = 'ENDED' and not network_failure"))
        .as("every failure inside the storm is the network's")
        .isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("select count(*) from call_attempt where status = 'SCHEDULED'") == 100);
    assertThat(count("select count(*) from visit where status = 'UNREACHABLE'")).isZero();
    assertThat(count("select count(*) from escalation")).as("no UNREACHABLE case").isZero();
    assertThat(count("select count(*) from visit where purpose = 'FAMILY_NOTICE'"))
        .as("no family call")
        .isZero();
    Storms.Storm storm = log.open().get(0);
    assertThat(storm.pbx()).isEqualTo(pbx);
    assertThat(storm.heldBack()).isEqualTo(failed);

    outage.end();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> log.byId(storm.id()).map(s -> !s.open()).orElse(false));
    assertThat(log.byId(storm.id()).orElseThrow().endedBy()).isEqualTo("probe");
    assertThat(storms.degraded(pbx)).isFalse();
    List<Long> resumed = pacer.pace();
    assertThat(resumed).as("calls resume after the storm").isNotEmpty();
    for (long attempt : resumed) {
      assertThat(Telephony.awaitEnd(events, attempt).result()).isEqualTo(AttemptResult.ANSWERED);
    }
  }

  @Autowired org.springframework.test.web.servlet.MockMvc mvc;
  @Autowired StormHealthIndicator health;

  @Test
  void theDeskCallsPageAndHealthShowAStormUntilASupervisorEndsIt() throws Exception {
    sim.callees().setOutage(TrunkOutage.congestion()); // the probes keep failing
    long id = log.start(pbx, "19/20 failed", clock.instant());
    storms.reload();
    assertThat(storms.degraded(pbx)).isTrue();
    assertThat(dialer.freeChannels()).isZero();
    var staff = user("storm-staff").roles("STAFF");
    var boss = user("storm-boss").roles("SUPERVISOR");
    for (String page : List.of("/calls", "/desk")) {
      mvc.perform(get(page).param("lang", "en").with(boss))
          .andExpect(status().isOk())
          .andExpect(
              content().string(containsString("PBX " + pbx + " degraded since 2026-03-10 09:30")));
    }
    mvc.perform(get("/calls").param("lang", "zh-CN").with(boss))
        .andExpect(content().string(containsString("线路 " + pbx + " 自 2026-03-10 09:30 起故障")));
    assertThat(health.health().getDetails()).containsEntry("degraded", true).containsKey(pbx);
    assertThat(health.health().getDetails().get(pbx).toString()).contains("cause=FAILURES");
    mvc.perform(post("/api/storms/" + id + "/end").with(staff)).andExpect(status().isForbidden());

    mvc.perform(post("/api/storms/" + id + "/end").with(boss))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.endedBy").value("storm-boss"));

    assertThat(storms.degraded(pbx)).isFalse();
    assertThat(dialer.freeChannels()).isPositive();
    mvc.perform(post("/api/storms/" + id + "/end").with(boss)).andExpect(status().isConflict());
    mvc.perform(post("/api/storms/999/end").with(boss)).andExpect(status().isNotFound());
    mvc.perform(get("/calls").with(boss))
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("storm-banner"))));
    mvc.perform(get("/api/storms").with(staff))
        .andExpect(jsonPath("$[0].id").value(id))
        .andExpect(jsonPath("$[0].reason").value("19/20 failed"));
    assertThat(health.health().getDetails()).containsEntry("degraded", false);
  }
}
