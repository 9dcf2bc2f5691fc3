package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.AttemptResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.DialerSweep;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * The scheduler's pacer and the AMI dialer together, through asterisk-sim: a claimed attempt is
 * dialled once, and its outcome goes back to the retry policy.
 */
@TanfangTest
class SchedulerDialerWiringTest {
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

  /** A routine monthly visit planned by the scheduler, its first attempt due now. */
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

  @Test
  void givenAnElderWhoAnswersFine_whenPaced_thenTheVisitIsDoneAndValid() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    long attempt = plannedAttempt(elder);

    assertThat(pacer.pace()).containsExactly(attempt);
    AttemptEnded ended = Telephony.awaitEnd(events, attempt);

    assertThat(ended.result()).isEqualTo(AttemptResult.ANSWERED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "DONE".equals(visitOf(attempt).get("status")));
    assertThat(visitOf(attempt)).containsEntry("valid", true).containsEntry("outcome", "COMPLETED");
    assertThat(sim.callsTo(elder.primaryPhone())).hasSize(1);
  }

  @Test
  void givenNoAnswer_whenPaced_thenTheSchedulerPlansARetryHalfAnHourLater() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.noAnswer());
    long attempt = plannedAttempt(elder);

    pacer.pace();
    assertThat(Telephony.awaitEnd(events, attempt).result()).isEqualTo(AttemptResult.NO_ANSWER);

    await().atMost(Duration.ofSeconds(10)).until(() -> attemptsOf(attempt).size() == 2);
    Map<String, Object> retry = attemptsOf(attempt).get(1);
    assertThat(retry).containsEntry("status", "SCHEDULED").containsEntry("attempt_no", 2);
    assertThat(
            ((Timestamp) retry.get("due_at"))
                .toInstant()
                .atZone(ZoneId.of("Asia/Shanghai"))
                .toLocalDateTime())
        .isEqualTo(LocalDateTime.now(clock).plusMinutes(30));
    assertThat(sim.callsTo(elder.primaryPhone())).hasSize(1);
  }

  @Test
  void givenANodeThatDiedBetweenClaimAndDial_whenTheSweepRuns_thenTheAttemptFailsAndIsRetried() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    long attempt = plannedAttempt(elder);
    jdbc.update(
        "update call_attempt set status = 'DIALING', claimed_by = 'dead-node', dialed_at = ? where id = ?",
        Timestamp.from(clock.instant()),
        attempt);
    ((org.tanfang.testsupport.MutableClock) clock).advance(Duration.ofMinutes(5));

    // The moved clock makes this attempt stale; the test context runs no sweep timer.
    DialerSweep.runNow(dialer);
    AttemptEnded ended = Telephony.awaitEnd(events, attempt);
    assertThat(ended.result()).isEqualTo(AttemptResult.FAILED);
    await().atMost(Duration.ofSeconds(10)).until(() -> attemptsOf(attempt).size() == 2);
    assertThat(attemptsOf(attempt).get(1)).containsEntry("status", "SCHEDULED");
    assertThat(sim.callsTo(elder.primaryPhone())).isEmpty();
  }

  private Map<String, Object> visitOf(long attempt) {
    return jdbc.queryForMap(
        "select v.* from visit v join call_attempt a on a.visit_id = v.id where a.id = ?", attempt);
  }

  private List<Map<String, Object>> attemptsOf(long attempt) {
    return jdbc.queryForList(
        "select * from call_attempt where visit_id = (select visit_id from call_attempt where id = ?)"
            + " order by attempt_no",
        attempt);
  }
}
