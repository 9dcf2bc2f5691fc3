package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.servlet.MockMvc;
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
import org.tanfang.visits.Attempts;

/**
 * Storm state lives in {@code pbx_storm}, not in a node: a second node (its own {@link StormWatch}
 * and {@link Storms} over its own connections to the same database) opens a storm and this node's
 * dialer, pacer and pages obey it at once; this node ends it and the other sees it over.
 */
@TanfangTest
class StormAcrossNodesTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired Pacer pacer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired MutableClock clock;
  @Autowired StormWatch nodeA;
  @Autowired Storms log;
  @Autowired SimulatedPbx simulated;
  @Autowired StormProperties props;
  @Autowired Attempts attempts;
  @Autowired DataSource dataSource;
  @Autowired ApplicationContext context;
  @Autowired MockMvc mvc;
  StormWatch nodeB;
  Storms logB;
  String pbx;

  @BeforeEach
  void twoNodes() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    nodeA.reload();
    sim.callees().setOutage(TrunkOutage.congestion()); // the probes fail: only the nodes end it
    clock.setLocal("2026-03-10T09:30:00");
    pbx = simulated.pbx().name();
    HikariDataSource db = (HikariDataSource) dataSource;
    JdbcTemplate other =
        new JdbcTemplate(
            new DriverManagerDataSource(
                db.getJdbcUrl(),
                db.getUsername(),
                db.getPassword() == null ? "" : db.getPassword()));
    logB = new Storms(other);
    nodeB =
        new StormWatch(
            props,
            logB,
            attempts,
            clock,
            context.getBeanProvider(AmiDialer.class),
            context.getBean(StormWrites.class));
  }

  @AfterEach
  void noStormLeft() {
    sim.callees().setOutage(null);
    log.open().forEach(s -> nodeA.end(s.id(), "test"));
  }

  @Test
  void aStormTheOtherNodeOpensHoldsThisNodesCallsBackUntilEitherEndsIt() throws Exception {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    long visit =
        new Rows(jdbc)
            .visit(elder.id())
            .purpose("ROUTINE")
            .status("PLANNED")
            .inMarch2026()
            .plannedAt(clock.instant())
            .save();
    long waiting =
        new Rows(jdbc)
            .attempt(visit)
            .phone(elder.primaryPhone())
            .phoneIndex(0)
            .priority(100)
            .due(clock.instant())
            .status("SCHEDULED")
            .save();
    assertThat(dialer.freeChannels()).isPositive();

    nodeB.amiLost(pbx, "trunk");

    assertThat(nodeA.degraded(pbx)).as("this node reads the other node's storm").isTrue();
    assertThat(dialer.freeChannels()).isZero();
    assertThat(pacer.pace()).as("the pacer here dials nothing").isEmpty();
    mvc.perform(get("/calls").param("lang", "en").with(user("admin").roles("ADMIN")))
        .andExpect(content().string(containsString("PBX " + pbx + " degraded since")));
    Storms.Storm storm = log.openOn(pbx).orElseThrow();
    assertThat(storm.cause()).isEqualTo(Storms.Cause.AMI_LOST);
    assertThat(storm.reason()).isEqualTo("AMI connection lost");
    assertThat(storm.trunk()).isEqualTo("trunk");

    // Both nodes lose the connection at once: one storm, not two.
    nodeA.amiLost(pbx, "trunk");
    assertThat(log.open()).extracting(Storms.Storm::id).containsExactly(storm.id());

    // A storm of failing calls is not ended by a reconnect; one of the lost connection is.
    nodeA.amiBack(pbx);
    assertThat(nodeB.degraded(pbx)).as("the other node reads this node's end").isFalse();
    assertThat(log.byId(storm.id()).orElseThrow().endedBy()).isEqualTo("reconnect");
    assertThat(pacer.pace()).as("dialled again (into the outage)").containsExactly(waiting);
    Telephony.awaitEnd(events, waiting);

    long failures = log.start(pbx, "19/20 failed", clock.instant());
    assertThat(nodeB.degraded(pbx)).isTrue();
    nodeB.amiBack(pbx);
    assertThat(nodeA.degraded(pbx)).as("a reconnect leaves a storm of failing calls").isTrue();
    assertThat(nodeB.end(failures, "storm-boss")).isTrue();
    assertThat(nodeA.degraded(pbx)).isFalse();
    assertThat(nodeA.end(failures, "storm-boss")).as("already over on every node").isFalse();
    assertThat(dialer.freeChannels()).isPositive();
  }
}
