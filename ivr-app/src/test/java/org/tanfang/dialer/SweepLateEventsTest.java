package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;

/**
 * The sweep ends an attempt that got no outcome from Asterisk (FAILED), but not one whose events
 * are still waiting in its lane of the AMI event queue: that one is late, not lost (3,000-channel
 * load benchmark: 514 such attempts ended FAILED, counted as the network's failures, opened a storm
 * and stopped the round).
 */
@TanfangTest
class SweepLateEventsTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired Dialer dialer;
  @Autowired AmiEventQueue queue;
  @Autowired MutableClock clock;
  @Autowired LiveConversations conversations;

  private Rows rows;

  @BeforeEach
  void cleanSlate() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    clock.setLocal(TestClockConfig.START);
  }

  @AfterEach
  void clockBack() {
    clock.setLocal(TestClockConfig.START);
  }

  @Test
  void givenAStaleDialingAttemptWithEventsWaiting_whenSwept_thenItIsLeftUntilTheyAreApplied()
      throws Exception {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("IN_PROGRESS").save();
    long attempt =
        rows.attempt(visit).phone("13800000001").due(clock.instant()).status("DIALING").save();
    jdbc.update(
        "update call_attempt set channel_id = ?, pbx = 'pbx1', dialed_at = ? where id = ?",
        "tf-" + attempt + "-late",
        Timestamp.from(clock.instant()),
        attempt);
    clock.advance(Duration.ofMinutes(10)); // past ring timeout + lost-after

    CountDownLatch release = new CountDownLatch(1);
    queue.submit(
        AmiEventQueue.attemptLane(attempt),
        () -> {
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    try {
      DialerSweep.runNow(dialer);
      assertThat(status(attempt)).as("its OriginateResponse is on its way").isEqualTo("DIALING");
    } finally {
      release.countDown();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> queue.waiting(AmiEventQueue.attemptLane(attempt)) == 0);

    DialerSweep.runNow(dialer);
    assertThat(status(attempt)).isEqualTo("ENDED");
    assertThat(
            jdbc.queryForObject(
                "select result from call_attempt where id = ?", String.class, attempt))
        .isEqualTo("FAILED");
  }

  @Test
  void givenAnOldAnsweredCallWhoseConversationIsStillWriting_whenSwept_thenItEndsAfterTheWrites() {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("IN_PROGRESS").save();
    long attempt =
        rows.attempt(visit).phone("13800000002").due(clock.instant()).status("IN_CALL").save();
    jdbc.update(
        "update call_attempt set channel_id = ?, pbx = 'pbx1', dialed_at = ?, answered_at = ?"
            + " where id = ?",
        "tf-" + attempt + "-long",
        Timestamp.from(clock.instant()),
        Timestamp.from(clock.instant()),
        attempt);
    conversations.started(attempt);
    try {
      clock.advance(Duration.ofMinutes(30)); // past max-call-duration
      DialerSweep.runNow(dialer);
      assertThat(status(attempt))
          .as("its conversation's outcome is not in yet: not ended, no retry")
          .isEqualTo("IN_CALL");

      // The outcome is written (the hand-off), then the conversation says it is done.
      jdbc.update("update visit set outcome = 'COMPLETED', valid = true where id = ?", visit);
    } finally {
      conversations.finished(attempt);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> "ENDED".equals(status(attempt)));
    assertThat(jdbc.queryForObject("select status from visit where id = ?", String.class, visit))
        .isEqualTo("DONE");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from call_attempt where visit_id = ? and status = 'SCHEDULED'",
                Integer.class,
                visit))
        .as("no retry for an answered elder")
        .isZero();
  }

  private String status(long attempt) {
    return jdbc.queryForObject(
        "select status from call_attempt where id = ?", String.class, attempt);
  }
}
