package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.scheduling.Pacer;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * The dialer loses its AMI connection (asterisk-sim killed with a call ringing, trace 11b): a storm
 * opens with the cause "AMI connection lost", the pacer dials nothing while it lasts, the call lost
 * with the connection is the network's failure (not the elder's, rescheduled, no case), and the
 * reconnect ends the storm, after which the call is dialled again.
 */
@TanfangTest
class AmiLostStormTest {
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
  String pbx;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    storms.reload();
    pbx = simulated.pbx().name();
    clock.setLocal("2026-03-10T09:30:00");
  }

  @AfterEach
  void pbxBack() {
    sim.restart();
    log.open().forEach(s -> storms.end(s.id(), "test"));
  }

  private Map<String, Object> attempt(long id) {
    return jdbc.queryForMap("select * from call_attempt where id = ?", id);
  }

  private int count(String sql) {
    return jdbc.queryForObject(sql, Integer.class);
  }

  @Test
  void aLostAmiConnectionIsAStormTheReconnectEnds() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.noAnswer());
    Rows rows = new Rows(jdbc);
    long visit =
        rows.visit(elder.id())
            .purpose("ROUTINE")
            .status("PLANNED")
            .inMarch2026()
            .plannedAt(clock.instant())
            .save();
    long ringing =
        rows.attempt(visit)
            .phone(elder.primaryPhone())
            .phoneIndex(0)
            .priority(100)
            .due(clock.instant())
            .status("SCHEDULED")
            .save();
    assertThat(pacer.pace()).containsExactly(ringing);
    await().atMost(Duration.ofSeconds(5)).until(() -> !sim.liveChannels().isEmpty());
    assertThat(attempt(ringing)).containsEntry("status", "DIALING");

    sim.kill(); // the ringing call is gone with the PBX, no event says so
    sim.callees().put(elder.primaryPhone(), CalleeScript.alwaysPress("1"));

    await().atMost(Duration.ofSeconds(10)).until(() -> log.openOn(pbx).isPresent());
    Storms.Storm storm = log.openOn(pbx).orElseThrow();
    assertThat(storm.cause()).isEqualTo(Storms.Cause.AMI_LOST);
    assertThat(storm.reason()).isEqualTo("AMI connection lost");
    assertThat(storm.trunk()).isEqualTo(simulated.pbx().trunk());
    assertThat(storms.degraded(pbx)).isTrue();
    assertThat(pacer.pace()).as("nothing is dialled while the storm lasts").isEmpty();
    assertThat(attempt(ringing)).containsEntry("status", "DIALING");

    sim.restart();

    // The login reconciles the lost call inside the storm, then ends the storm.
    AttemptEnded ended = Telephony.awaitEnd(events, ringing);
    assertThat(ended.result()).isEqualTo(AttemptResult.FAILED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> log.byId(storm.id()).map(s -> !s.open()).orElse(false));
    Storms.Storm over = log.byId(storm.id()).orElseThrow();
    assertThat(over.endedBy()).isEqualTo("reconnect");
    assertThat(over.heldBack()).isEqualTo(1);
    assertThat(attempt(ringing))
        .containsEntry("result", "FAILED")
        .as("the network's failure, not the elder's")
        .containsEntry("network_failure", true);
    assertThat(count("select count(*) from call_attempt where result = 'NO_ANSWER'")).isZero();
    assertThat(count("select count(*) from escalation")).as("no case").isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                count(
                        "select count(*) from call_attempt where visit_id = "
                            + visit
                            + " and status = 'SCHEDULED'")
                    == 1);
    assertThat(storms.degraded(pbx)).isFalse();

    await().atMost(Duration.ofSeconds(10)).until(() -> dialer.freeChannels() > 0);
    List<Long> again = pacer.pace();
    assertThat(again).as("the call is dialled again after the reconnect").hasSize(1);
    assertThat(Telephony.awaitEnd(events, again.get(0)).result()).isEqualTo(AttemptResult.ANSWERED);
  }
}
