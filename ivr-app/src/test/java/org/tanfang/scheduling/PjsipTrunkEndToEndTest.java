package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.AttemptResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * A scheduled visit dialled through the test context's channel template, the default {@code
 * PJSIP/{number}@trunk} ({@code tanfang.telephony.ami.channel-template}), against asterisk-sim's
 * PJSIP trunk: the carrier's SIP answer reaches the dialer as Asterisk 22 reports it (Reason 0 for
 * every refusal, the Hangup's cause decides), and the attempt records the right result.
 */
@TanfangTest
class PjsipTrunkEndToEndTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired Pacer pacer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired Clock clock;
  Rows rows;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    rows = new Rows(jdbc);
  }

  private long plannedAttempt(Elder elder) {
    long visit =
        rows.visit(elder.id())
            .purpose("ROUTINE")
            .status("PLANNED")
            .inMarch2026()
            .plannedAt(clock.instant())
            .save();
    return rows.attempt(visit)
        .phone(elder.primaryPhone())
        .phoneIndex(0)
        .priority(100)
        .due(clock.instant())
        .status("SCHEDULED")
        .save();
  }

  private AttemptEnded dial(Elder elder) {
    long attempt = plannedAttempt(elder);
    assertThat(pacer.pace()).containsExactly(attempt);
    AttemptEnded ended = Telephony.awaitEnd(events, attempt);
    assertThat(sim.callsTo(elder.primaryPhone()))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.originate().channel())
                    .isEqualTo("PJSIP/" + elder.primaryPhone() + "@trunk"));
    return ended;
  }

  private Map<String, Object> attempt(long id) {
    return jdbc.queryForMap("select * from call_attempt where id = ?", id);
  }

  @Test
  void givenA486_thenBusyAlthoughTheReasonIsZero() {
    AttemptEnded ended = dial(Telephony.elder(elders, sim, CalleeScript.busy()));

    assertThat(ended.result()).isEqualTo(AttemptResult.BUSY);
    assertThat(attempt(ended.attemptId()))
        .containsEntry("result", "BUSY")
        .containsEntry("originate_reason", 0)
        .containsEntry("hangup_cause", 17)
        .containsEntry("hangup_cause_text", "User busy");
  }

  @Test
  void givenA404_thenInvalidNumberAndThePhoneIsFlaggedForCorrection() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.unallocated());
    AttemptEnded ended = dial(elder);

    assertThat(ended.result()).isEqualTo(AttemptResult.INVALID_NUMBER);
    assertThat(attempt(ended.attemptId()))
        .containsEntry("originate_reason", 0)
        .containsEntry("hangup_cause", 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "select phone from phone_correction where elder_id = ?",
                            String.class,
                            elder.id()))
                    .containsExactly(elder.primaryPhone()));
  }

  @ParameterizedTest(name = "SIP {0} -> cause {1}: {2}")
  @CsvSource({"503, 34, CONGESTION", "500, 38, CONGESTION", "502, 27, CONGESTION"})
  void givenANetworkFailure_thenCongestionAndARetry(int status, int cause, AttemptResult result) {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.rejects(status));
    AttemptEnded ended = dial(elder);

    assertThat(ended.result()).isEqualTo(result);
    assertThat(attempt(ended.attemptId()))
        .containsEntry("originate_reason", 0)
        .containsEntry("hangup_cause", cause);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from call_attempt where visit_id ="
                            + " (select visit_id from call_attempt where id = ?)",
                        Integer.class,
                        ended.attemptId())
                    == 2);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from phone_correction where elder_id = ?",
                Integer.class,
                elder.id()))
        .isZero();
  }
}
