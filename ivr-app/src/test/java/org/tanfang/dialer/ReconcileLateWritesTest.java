package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * The reconcile at an AMI login ends the answered calls the PBX no longer carries, but not before
 * the conversation of one that still runs or still hands over its writes on this node: a connection
 * lost under load, while the hand-off is far behind, ended such calls at once, their visits not yet
 * valid, and sent them back for a retry — the elder who had answered was called again.
 */
@TanfangTest
class ReconcileLateWritesTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired LiveConversations conversations;
  @Autowired Clock clock;
  @Autowired SimulatedPbx pbx;

  private Rows rows;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    rows = new Rows(jdbc);
  }

  /** An answered call of the simulator's PBX whose channel the PBX does not carry (hung up). */
  private long answeredCall(String phone) {
    long visit = rows.visit(rows.elder().save()).status("IN_PROGRESS").save();
    long attempt = rows.attempt(visit).phone(phone).due(clock.instant()).status("IN_CALL").save();
    jdbc.update(
        "update call_attempt set channel_id = ?, pbx = ?, dialed_at = ?, answered_at = ?,"
            + " hung_up_at = ? where id = ?",
        "tf-" + attempt + "-gone",
        pbx.pbx().name(),
        Timestamp.from(clock.instant().minusSeconds(30)),
        Timestamp.from(clock.instant().minusSeconds(29)),
        Timestamp.from(clock.instant().minusSeconds(1)),
        attempt);
    return attempt;
  }

  private String status(long attempt) {
    return jdbc.queryForObject(
        "select status from call_attempt where id = ?", String.class, attempt);
  }

  @Test
  void givenTheAmiDropsWhileAConversationStillWrites_whenTheLoginReconciles_thenTheEndWaitsForIt() {
    long writing = answeredCall("13800000021");
    long lost = answeredCall("13800000022");
    conversations.started(writing);
    try {
      sim.dropAmiConnections();
      // The login's reconcile ends the call with no conversation here ...
      await().atMost(Duration.ofSeconds(30)).until(() -> "ENDED".equals(status(lost)));
      // ... and is over: nothing is dialled on the line until then.
      await().atMost(Duration.ofSeconds(30)).until(() -> dialer.freeChannels() > 0);
      assertThat(status(writing))
          .as("ended now, its visit would go back for a retry before its outcome is written")
          .isEqualTo("IN_CALL");
    } finally {
      conversations.finished(writing);
    }

    // The writes are in: it ends, answered, as the reconcile found it.
    await().atMost(Duration.ofSeconds(20)).until(() -> "ENDED".equals(status(writing)));
    assertThat(
            jdbc.queryForMap(
                "select result, hangup_cause_text from call_attempt where id = ?", writing))
        .containsEntry("result", "ANSWERED")
        .containsEntry("hangup_cause_text", Reconciler.REASON);
  }
}
