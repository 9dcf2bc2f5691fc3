package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
 * The trunk's outbound registration, through asterisk-sim's AMI {@code Registry} events: a
 * registration rejected by the carrier opens a storm on the PBX (the pacer dials nothing), the
 * trunk registered again ends it.
 */
@TanfangTest
class RegistrationStormTest {
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
  @Autowired org.tanfang.testsupport.DatabaseLink link;
  @Autowired AmiEventQueue queue;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;
  String pbx;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    storms.reload();
    pbx = simulated.pbx().name();
    clock.setLocal("2026-03-10T09:30:00");
    // An unregistered trunk's carrier refuses calls: the probes fail, only the registration ends
    // it.
    sim.callees().setOutage(TrunkOutage.congestion());
  }

  @AfterEach
  void trunkBack() {
    link.restore();
    sim.clearOutboundRegistrations();
    sim.callees().setOutage(null);
    log.open().forEach(s -> storms.end(s.id(), "test"));
  }

  @Test
  void aRejectedRegistrationIsAStormUntilTheTrunkRegistersAgain() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    Rows rows = new Rows(jdbc);
    long visit =
        rows.visit(elder.id())
            .purpose("ROUTINE")
            .status("PLANNED")
            .inMarch2026()
            .plannedAt(clock.instant())
            .save();
    long waiting =
        rows.attempt(visit)
            .phone(elder.primaryPhone())
            .phoneIndex(0)
            .priority(100)
            .due(clock.instant())
            .status("SCHEDULED")
            .save();

    sim.registry("sip:12349@carrier.example", "sip:carrier.example", "Rejected", "403 Forbidden");

    await().atMost(Duration.ofSeconds(10)).until(() -> log.openOn(pbx).isPresent());
    Storms.Storm storm = log.openOn(pbx).orElseThrow();
    assertThat(storm.cause()).isEqualTo(Storms.Cause.REGISTRATION_LOST);
    assertThat(storm.reason()).isEqualTo("registration Rejected: 403 Forbidden");
    assertThat(storm.trunk()).isEqualTo(simulated.pbx().trunk());
    assertThat(dialer.freeChannels()).isZero();
    assertThat(pacer.pace()).as("nothing is dialled while the trunk is unregistered").isEmpty();

    sim.callees().setOutage(null);
    sim.registry("sip:12349@carrier.example", "sip:carrier.example", "Registered", null);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> log.byId(storm.id()).map(s -> !s.open()).orElse(false));
    assertThat(log.byId(storm.id()).orElseThrow().endedBy()).isEqualTo("registration");
    assertThat(dialer.freeChannels()).isPositive();
    assertThat(pacer.pace()).containsExactly(waiting);
    assertThat(Telephony.awaitEnd(events, waiting).result()).isEqualTo(AttemptResult.ANSWERED);
  }

  @Test
  void aRegisteredTrunkOpensNoStormAFailedRegistrationDoes() {
    sim.registry("sip:12349@carrier.example", "sip:carrier.example", "Registered", null);
    sim.registry("sip:12349@carrier.example", "sip:carrier.example", "Failed", null);
    await().atMost(Duration.ofSeconds(10)).until(() -> log.openOn(pbx).isPresent());
    // Events of one connection arrive in order: the Registered before it opened nothing.
    assertThat(log.latest(10)).hasSize(1);
    assertThat(log.openOn(pbx).orElseThrow().reason()).isEqualTo("registration Failed");
  }

  @Test
  void aRegistrationLostWhileTheAmiWasDownIsSeenAtTheLogin() {
    // The carrier rejected the re-registration while no AMI client listened: no Registry event
    // reached Tanfang, the PBX's listing says so. Then the AMI connection drops and comes back.
    sim.outboundRegistration(
        "carrier", "sip:carrier.example", "sip:12349@carrier.example", "Rejected");

    sim.dropAmiConnections();

    // The reconnect ends the AMI storm, the listing at login opens the registration's.
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                log.openOn(pbx)
                    .filter(s -> s.cause() == Storms.Cause.REGISTRATION_LOST)
                    .isPresent());
    Storms.Storm storm = log.openOn(pbx).orElseThrow();
    assertThat(storm.reason()).isEqualTo("registration Rejected at login: carrier");
    assertThat(storm.trunk()).isEqualTo(simulated.pbx().trunk());
    assertThat(log.latest(10))
        .filteredOn(s -> s.cause() == Storms.Cause.AMI_LOST)
        .allSatisfy(s -> assertThat(s.endedBy()).isEqualTo("reconnect"));
    assertThat(pacer.pace()).as("nothing is dialled while the trunk is unregistered").isEmpty();

    sim.outboundRegistration(
        "carrier", "sip:carrier.example", "sip:12349@carrier.example", "Registered");
    sim.registry("sip:12349@carrier.example", "sip:carrier.example", "Registered", null);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> log.byId(storm.id()).map(s -> !s.open()).orElse(false));
    assertThat(log.byId(storm.id()).orElseThrow().endedBy()).isEqualTo("registration");
  }

  @Test
  void aRegistrationBackWhileTheAmiWasDownEndsItsStormAtTheLogin() {
    sim.registry("sip:12349@carrier.example", "sip:carrier.example", "Rejected", "403 Forbidden");
    await().atMost(Duration.ofSeconds(10)).until(() -> log.openOn(pbx).isPresent());
    Storms.Storm storm = log.openOn(pbx).orElseThrow();
    assertThat(storm.cause()).isEqualTo(Storms.Cause.REGISTRATION_LOST);
    // Registered again with no Registry event seen (the AMI was down), then the login.
    sim.outboundRegistration(
        "carrier", "sip:carrier.example", "sip:12349@carrier.example", "Registered");

    sim.dropAmiConnections();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> log.byId(storm.id()).map(s -> !s.open()).orElse(false));
    assertThat(log.byId(storm.id()).orElseThrow().endedBy()).isEqualTo("registration");
  }

  @Test
  void aPbxWithoutOutboundRegistrationsOpensNothingAtLogin() {
    sim.dropAmiConnections();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !log.latest(10).isEmpty() && log.openOn(pbx).isEmpty());
    // The listing comes after the reconnect's end: nothing opens for a while after it either.
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                log.openOn(pbx).isEmpty()
                    && log.latest(10).stream()
                        .noneMatch(s -> s.cause() == Storms.Cause.REGISTRATION_LOST));
  }

  private double stormWritesFailed(String change) {
    var c = meters.find("tanfang.storm.writes.failed").tag("change", change).counter();
    return c == null ? 0 : c.count();
  }

  /**
   * Issue 13: a storm change is not lost in a database outage. The registration is rejected while
   * the database is away (every connection cut by the tests' relay): the storm cannot be written,
   * the failure is counted, and the change waits in the PBX's lane of the AMI event queue (before,
   * it was logged and dropped: no storm ever opened, and the pacer would dial into a trunk that is
   * not registered once the database was back). When the database is back the storm opens.
   */
  @Test
  void aRegistrationRejectedDuringADatabaseOutageOpensItsStormWhenTheDatabaseIsBack() {
    double before = stormWritesFailed("REGISTRATION_LOST");
    String lane = AmiEventDispatch.pbxLane(pbx);
    link.cut();
    try {
      sim.registry("sip:12349@carrier.example", "sip:carrier.example", "Rejected", "403 Forbidden");
      // Counted by the step, then found to wait for the database by the lane.
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> stormWritesFailed("REGISTRATION_LOST") > before && queue.failing());
      assertThat(queue.waiting(lane)).as("the storm change waits in the PBX's lane").isPositive();
    } finally {
      link.restore();
    }
    // The pool's connections the cut broke fail once each: asked again until one answers.
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(() -> log.openOn(pbx).isPresent());
    Storms.Storm storm = log.openOn(pbx).orElseThrow();
    assertThat(storm.cause()).isEqualTo(Storms.Cause.REGISTRATION_LOST);
    assertThat(storm.reason()).isEqualTo("registration Rejected: 403 Forbidden");
    await().atMost(Duration.ofSeconds(30)).until(() -> queue.waiting(lane) == 0);
    assertThat(log.latest(10)).as("written once").hasSize(1);
    assertThat(dialer.freeChannels()).isZero();
  }
}
