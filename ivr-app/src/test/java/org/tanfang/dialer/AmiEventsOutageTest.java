package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.DatabaseLink;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * Issue 13: the AMI event thread never waits on the database. The database goes away (every
 * connection cut by {@link DatabaseLink}, the relay the tests' pool goes through) for longer than
 * the pool's connection timeout (the time after which the old event thread gave up a Hangup; 10 s
 * in tests, application-test.properties, Hikari's 30 s in production; so 15 s here), while one call
 * hangs up after its conversation and another rings out; real asterisk-sim, real PostgreSQL.
 */
@TanfangTest
class AmiEventsOutageTest {
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired TelephonyEvents events;
  @Autowired DatabaseLink link;
  @Autowired AmiEventQueue queue;

  /** {@code -Dtanfang.test.db-outage=60s} keeps it away longer. */
  private static final Duration OUTAGE =
      Duration.parse("PT" + System.getProperty("tanfang.test.db-outage", "0s").toUpperCase());

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
  }

  @AfterEach
  void databaseBack() {
    link.restore();
  }

  private int answers(long visitId) {
    return jdbc.queryForObject(
        "select count(*) from visit_answer where visit_id = ?", Integer.class, visitId);
  }

  @Test
  @Timeout(300)
  void
      givenTheDatabaseAwayLongerThanThePoolTimeout_whenCallsEnd_thenTheirEventsWaitAndEachIsAppliedOnceWhenItIsBack()
          throws Exception {
    Elder talker =
        Telephony.elder(
            elders,
            sim,
            CalleeScript.answers().thenAlways(new CalleeReply.Digits("1", 250)).build());
    Elder ringer = Telephony.elder(elders, sim, CalleeScript.noAnswer());
    TestCalls.PlacedCall talk = calls.place(talker.id(), TestCalls.Origin.STAFF);
    assertThat(talk.result()).isEqualTo(DialResult.QUEUED);
    await().atMost(Duration.ofSeconds(20)).until(() -> answers(talk.visitId()) > 0);
    TestCalls.PlacedCall ring = calls.place(ringer.id(), TestCalls.Origin.STAFF);
    assertThat(ring.result()).isEqualTo(DialResult.QUEUED);

    link.cut();
    long cutAt = System.nanoTime();
    Duration poolTimeout =
        Duration.ofMillis(((HikariDataSource) dataSource).getConnectionTimeout());
    Duration away = OUTAGE.compareTo(poolTimeout) > 0 ? OUTAGE : poolTimeout.plusSeconds(5);

    // Both calls end at the PBX while the database is gone: the elder hangs up after goodbye,
    // the other phone rings out. The event thread reads both calls' events (a later call's too)
    // and they wait in their calls' lanes.
    CallRecord talked = sim.callsTo(talker.primaryPhone()).get(0);
    await().atMost(Duration.ofSeconds(30)).until(talked::ended);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                queue.waiting(AmiEventQueue.attemptLane(talk.attemptId())) > 0
                    && queue.waiting(AmiEventQueue.attemptLane(ring.attemptId())) > 0);
    await()
        .atMost(away.plusSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> System.nanoTime() - cutAt >= away.toNanos());
    // Longer than the pool's timeout: still waiting, nothing given up, nothing reported ended.
    assertThat(link.isDown()).isTrue();
    assertThat(queue.waiting(AmiEventQueue.attemptLane(talk.attemptId()))).isPositive();
    assertThat(queue.waiting(AmiEventQueue.attemptLane(ring.attemptId()))).isPositive();
    assertThat(queue.failing()).isTrue();
    assertThat(events.ended(talk.attemptId())).isEmpty();
    assertThat(events.ended(ring.attemptId())).isEmpty();
    // The AMI connection stayed up through it (its event thread was never held).
    assertThat(dialerLinesConnected()).isTrue();

    link.restore();

    // Applied in order once it is back: each call ends with its result, once.
    await().atMost(Duration.ofSeconds(90)).until(() -> events.ended(talk.attemptId()).isPresent());
    await().atMost(Duration.ofSeconds(90)).until(() -> events.ended(ring.attemptId()).isPresent());
    AttemptEnded talkEnded = events.ended(talk.attemptId()).orElseThrow();
    assertThat(talkEnded.result()).isEqualTo(AttemptResult.ANSWERED);
    assertThat(talkEnded.conversationOutcome()).isEqualTo("COMPLETED");
    assertThat(talkEnded.visitValid()).isTrue();
    assertThat(events.ended(ring.attemptId()).orElseThrow().result())
        .isEqualTo(AttemptResult.NO_ANSWER);
    await().atMost(Duration.ofSeconds(60)).until(events::writesSettled);
    assertThat(events.endedCount(talk.attemptId())).isEqualTo(1);
    assertThat(events.endedCount(ring.attemptId())).isEqualTo(1);
    assertThat(
            jdbc.queryForList(
                "select status || ' ' || result from call_attempt where id in (?, ?) order by id",
                String.class,
                talk.attemptId(),
                ring.attemptId()))
        .containsExactly("ENDED ANSWERED", "ENDED NO_ANSWER");
    assertThat(
            jdbc.queryForObject(
                "select status from visit where id = ?", String.class, talk.visitId()))
        .isEqualTo("DONE");
    assertThat(
            jdbc.queryForObject(
                "select count(distinct question_id) = count(*) from visit_answer"
                    + " where visit_id = ?",
                Boolean.class,
                talk.visitId()))
        .isTrue();
    assertThat(queue.waiting()).isZero();
    assertThat(queue.failing()).isFalse();
  }

  @Autowired AmiDialer amiDialer;

  private boolean dialerLinesConnected() {
    return amiDialer.lines().stream().allMatch(PbxLine::connected);
  }
}
