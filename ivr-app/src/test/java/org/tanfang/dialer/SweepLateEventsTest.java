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
 * and stopped the round). Nor does it end an answered call past max-call-duration whose
 * conversation still runs or still hands over its writes on this node: ended then, its visit went
 * back for a retry while the elder's outcome waited in the hand-off.
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
  void givenAnAnsweredCallPastMaxCallDurationWhoseConversationStillWrites_whenSwept_thenItWaits() {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("IN_PROGRESS").save();
    long attempt = answeredNow(visit, "13800000002", "writing");
    // The conversation runs on this node, or its writes are still being handed over (the
    // hand-off far behind): live until its outcome is in.
    conversations.started(attempt);
    clock.advance(Duration.ofMinutes(25)); // past max-call-duration
    try {
      DialerSweep.runNow(dialer);
      assertThat(status(attempt))
          .as("ended now, its visit would go back for a retry before its outcome is written")
          .isEqualTo("IN_CALL");
      assertThat(visitStatus(visit)).isEqualTo("IN_PROGRESS");
    } finally {
      conversations.finished(attempt);
    }

    // Its writes are in and no Hangup came: the next sweep ends it.
    DialerSweep.runNow(dialer);
    assertThat(status(attempt)).isEqualTo("ENDED");
    assertThat(
            jdbc.queryForObject(
                "select result from call_attempt where id = ?", String.class, attempt))
        .isEqualTo("ANSWERED");
  }

  @Test
  void givenAConversationStillLiveAfterTwiceMaxCallDuration_whenSwept_thenItsChannelIsFreed() {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("IN_PROGRESS").save();
    long attempt = answeredNow(visit, "13800000003", "stuck");
    // A conversation thread that never finishes (stuck, not writing) must not hold its channel
    // for ever: past twice max-call-duration (20 min in tests) the sweep ends it anyway.
    conversations.started(attempt);
    try {
      clock.advance(Duration.ofMinutes(39));
      DialerSweep.runNow(dialer);
      assertThat(status(attempt)).as("still within twice max-call-duration").isEqualTo("IN_CALL");
      clock.advance(Duration.ofMinutes(2));
      DialerSweep.runNow(dialer);
      assertThat(status(attempt)).isEqualTo("ENDED");
    } finally {
      conversations.finished(attempt);
    }
  }

  /** An attempt of the visit answered now on pbx1, its channel named after {@code suffix}. */
  private long answeredNow(long visit, String phone, String suffix) {
    long attempt = rows.attempt(visit).phone(phone).due(clock.instant()).status("IN_CALL").save();
    jdbc.update(
        "update call_attempt set channel_id = ?, pbx = 'pbx1', dialed_at = ?, answered_at = ?"
            + " where id = ?",
        "tf-" + attempt + "-" + suffix,
        Timestamp.from(clock.instant()),
        Timestamp.from(clock.instant()),
        attempt);
    return attempt;
  }

  private String visitStatus(long visit) {
    return jdbc.queryForObject("select status from visit where id = ?", String.class, visit);
  }

  private String status(long attempt) {
    return jdbc.queryForObject(
        "select status from call_attempt where id = ?", String.class, attempt);
  }
}
