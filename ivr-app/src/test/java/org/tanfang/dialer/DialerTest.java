package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/** The AMI dialer against asterisk-sim: outcomes of unanswered calls, channels, reconnection. */
@TanfangTest
class DialerTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired Visits visits;
  @Autowired Attempts attempts;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
  }

  @AfterEach
  void asteriskBack() {
    sim.restoreAmiConnections();
  }

  private AttemptEnded callAndWait(CalleeScript script) {
    Elder elder = Telephony.elder(elders, sim, script);
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    return Telephony.awaitEnd(events, placed.attemptId());
  }

  private Map<String, Object> attempt(long id) {
    return jdbc.queryForMap("select * from call_attempt where id = ?", id);
  }

  @Test
  void givenAPhoneNobodyAnswers_whenCalled_thenNoAnswerAfterTheRingTimeout() {
    AttemptEnded ended = callAndWait(CalleeScript.noAnswer());

    assertThat(ended.result()).isEqualTo(AttemptResult.NO_ANSWER);
    assertThat(ended.conversationOutcome()).isNull();
    assertThat(attempt(ended.attemptId()))
        .containsEntry("status", "ENDED")
        .containsEntry("result", "NO_ANSWER")
        .containsEntry("originate_reason", 3)
        .containsEntry("hangup_cause", 19)
        .containsEntry("answered_at", null);
    // A staff test call is closed by the dialer; a scheduled visit would go back to PLANNED.
    assertThat(
            jdbc.queryForObject(
                "select status from visit where id = ?", String.class, ended.visitId()))
        .isEqualTo("UNREACHABLE");
    assertThat(jdbc.queryForObject("select count(*) from visit_answer", Integer.class)).isZero();
  }

  @Test
  void givenABusyLine_whenCalled_thenBusy() {
    AttemptEnded ended = callAndWait(CalleeScript.busy());

    assertThat(ended.result()).isEqualTo(AttemptResult.BUSY);
    assertThat(attempt(ended.attemptId()))
        .containsEntry("originate_reason", 0)
        .containsEntry("hangup_cause", 17)
        .containsEntry("hangup_cause_text", "User busy");
  }

  @Test
  void givenAnUnallocatedNumber_whenCalled_thenInvalidNumber() {
    AttemptEnded ended = callAndWait(CalleeScript.unallocated());

    assertThat(ended.result()).isEqualTo(AttemptResult.INVALID_NUMBER);
    assertThat(ended.hangupCause()).isEqualTo(1);
  }

  @Test
  void givenCongestion_whenCalled_thenCongestion() {
    assertThat(callAndWait(CalleeScript.congestion()).result()).isEqualTo(AttemptResult.CONGESTION);
  }

  @Test
  void givenARingingCall_thenItHoldsAChannelUntilItEnds() {
    int free = dialer.freeChannels();
    Elder elder = Telephony.elder(elders, sim, CalleeScript.noAnswer());

    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);

    assertThat(dialer.freeChannels()).isEqualTo(free - 1);
    Telephony.awaitEnd(events, placed.attemptId());
    assertThat(dialer.freeChannels()).isEqualTo(free);
  }

  @Test
  void givenAnAttemptAlreadyDialled_whenDialledAgain_thenNothingIsSent() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.busy());
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    Telephony.awaitEnd(events, placed.attemptId());

    assertThat(dialer.dial(placed.attemptId())).isEqualTo(DialResult.NOT_DIALABLE);
    assertThat(dialer.dial(999_999)).isEqualTo(DialResult.NOT_DIALABLE);
    assertThat(sim.callsTo(elder.primaryPhone())).hasSize(1);
  }

  @Test
  void givenTheAmiConnectionDrops_thenTheDialerReconnectsAndKeepsWorking() {
    sim.dropAmiConnections();
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.amiConnections() > 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> dialer.freeChannels() > 0);

    assertThat(callAndWait(CalleeScript.alwaysPress("1")).result())
        .isEqualTo(AttemptResult.ANSWERED);
  }

  @Test
  void givenAOneOffCallNotPlacedAfterAll_whenWithdrawn_thenItsRowsAreGoneButNotADialledOnes() {
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    java.time.Instant now = java.time.Instant.now();
    long unplaced = visits.openOneOff(elder.id(), "TEST", "test-call", now);
    attempts.add(new Attempts.NewAttempt(unplaced, 1, elder.primaryPhone(), 0, 100, now), now);
    long dialled = visits.openOneOff(elder.id(), "TEST", "test-call", now);
    long dialledAttempt =
        attempts.add(new Attempts.NewAttempt(dialled, 1, elder.primaryPhone(), 0, 100, now), now);
    attempts.claimChannel(dialledAttempt, "pbx1", "tf-x", "test", now);

    visits.withdrawUnplaced(unplaced);
    visits.withdrawUnplaced(dialled);

    assertThat(jdbc.queryForList("select id from visit", Long.class)).containsExactly(dialled);
    assertThat(jdbc.queryForList("select id from call_attempt", Long.class))
        .containsExactly(dialledAttempt);
    attempts.end(dialledAttempt, "FAILED", null, now); // not left DIALING for the next test
  }

  @Test
  void givenAsteriskIsDown_thenNoChannelIsOfferedUntilItIsBack() {
    sim.refuseAmiConnections();
    await().atMost(Duration.ofSeconds(10)).until(() -> dialer.freeChannels() == 0);
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));

    assertThatThrownBy(() -> calls.place(elder.id(), TestCalls.Origin.STAFF))
        .isInstanceOf(TestCalls.NoLineException.class);
    // Nothing half-written: no visit, no attempt.
    assertThat(jdbc.queryForObject("select count(*) from visit", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from call_attempt", Integer.class)).isZero();

    sim.restoreAmiConnections();
    await().atMost(Duration.ofSeconds(20)).until(() -> dialer.freeChannels() > 0);
    assertThat(callAndWait(CalleeScript.alwaysPress("1")).result())
        .isEqualTo(AttemptResult.ANSWERED);
  }

  @Test
  void givenThePbxIsKilledWithACallUp_whenItComesBack_thenTheCallIsEndedAtTheFirstLogin() {
    // The elder answers and takes their time over the first question: the call is up (IN_CALL).
    Elder elder = Telephony.elder(elders, sim, CalleeScript.answers().press("1", 60_000).build());
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "IN_CALL".equals(attempt(placed.attemptId()).get("status")));

    // kill -9 (trace 11b): the sockets close, no Hangup and no Shutdown is ever sent.
    sim.kill();
    await().atMost(Duration.ofSeconds(10)).until(() -> dialer.freeChannels() == 0);
    assertThat(attempt(placed.attemptId())).containsEntry("status", "IN_CALL");
    sim.restart();

    // One reconnect: the login's CoreShowChannels lists no channel of that call, so it is ended.
    AttemptEnded ended = Telephony.awaitEnd(events, placed.attemptId());
    assertThat(ended.result()).isEqualTo(AttemptResult.ANSWERED);
    assertThat(attempt(placed.attemptId()))
        .containsEntry("status", "ENDED")
        .containsEntry("hangup_cause", 0)
        .containsEntry("hangup_cause_text", Reconciler.REASON);
    assertThat(sim.amiConnections()).isEqualTo(1);
  }
}
