package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.DialResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.DatabaseLink;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;
import org.tanfang.visits.VisitAnswers;
import org.tanfang.visits.Visits;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13, "conversations never wait on the database", on the real call path (dialer → AMI →
 * asterisk-sim → FastAGI → conversation): the database going away mid-call (every connection cut by
 * {@link DatabaseLink}, the relay the tests' pool goes through), a long lock on {@code
 * visit_answer}, and the journal replayed at start-up.
 *
 * <p>The outage lasts as long as the rest of the call (a few seconds), not the 60 s of the issue:
 * the mechanism is the same (the writer journals from the first failed write and retries every
 * {@code retry-interval}, 200 ms in tests), the test just does not wait the extra minute. {@code
 * -Dtanfang.test.db-outage=60s} keeps the database away at least that long.
 */
@TanfangTest
class HandoffFaultTest {
  private static final String PROMPTS = "/var/lib/asterisk/sounds/tanfang/cmn/";
  private static final List<String> QUESTIONS =
      List.of("identity", "health", "living", "family", "safety", "care-needs", "special");

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired TelephonyEvents events;
  @Autowired DatabaseLink link;
  @Autowired Handoff handoff;
  @Autowired HandoffHealthIndicator health;
  @Autowired HandoffProperties props;
  @Autowired Visits visits;
  @Autowired VisitAnswers answers;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired PlatformTransactionManager transactions;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;
  @Autowired org.tanfang.scheduling.Pacer pacer;
  @Autowired org.tanfang.shared.DatabaseState database;
  @Autowired java.time.Clock clock;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
  }

  @AfterEach
  void databaseBack() {
    link.restore();
  }

  /** An elder who presses 1 at every question, a moment after each prompt. */
  private static CalleeScript unhurried() {
    return CalleeScript.answers().thenAlways(new CalleeReply.Digits("1", 250)).build();
  }

  private List<Map<String, Object>> answersOf(long visitId) {
    return jdbc.queryForList(
        "select question_id, intent, handoff_key from visit_answer where visit_id = ? order by id",
        visitId);
  }

  /** The shortest outage of the mid-call test: {@code -Dtanfang.test.db-outage=60s}. */
  private static final Duration OUTAGE =
      Duration.parse("PT" + System.getProperty("tanfang.test.db-outage", "0s").toUpperCase());

  @Test
  @Timeout(240)
  void
      givenTheDatabaseGoesAwayMidCall_whenTheElderAnswers_thenTheCallGoesOnAndEveryAnswerIsWrittenOnce()
          throws Exception {
    Elder elder = Telephony.elder(elders, sim, unhurried());
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    // The first answer is in: the conversation is under way. Now the database goes away.
    await().atMost(Duration.ofSeconds(20)).until(() -> !answersOf(placed.visitId()).isEmpty());
    link.cut();
    long cutAt = System.nanoTime();

    // The elder hears the whole check-in, to goodbye, while the database is gone.
    CallRecord record = sim.callsTo(elder.primaryPhone()).get(0);
    await().atMost(Duration.ofSeconds(20)).until(record::ended);
    assertThat(link.isDown()).isTrue();
    assertThat(record.prompts())
        .contains(PROMPTS + "q-health", PROMPTS + "q-special")
        .endsWith(PROMPTS + "goodbye");
    // What it learnt waits in the journal; the health says why.
    await().atMost(Duration.ofSeconds(10)).until(() -> handoff.journalled() > 0);
    assertThat(handoff.databaseReachable()).isFalse();
    var h = health.health(true);
    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
    assertThat(h.getDetails())
        .containsEntry("databaseReachable", false)
        .containsKeys("backlog", "journal", "reason");
    assertThat(Files.readAllLines(handoff.journalFile())).isNotEmpty();
    assertThat(meters.get("tanfang_handoff_backlog").gauge().value()).isPositive();
    // The pacer dials nothing meanwhile, at once (no pass waits for a pool connection).
    assertThat(database.reachable()).isFalse();
    assertThat(
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(2), pacer::pace))
        .isEmpty();
    // The attempt is not reported ended before its answers and outcome are written.
    assertThat(events.ended(placed.attemptId())).isEmpty();
    await()
        .atMost(OUTAGE.plusSeconds(10))
        .until(() -> System.nanoTime() - cutAt >= OUTAGE.toNanos());
    assertThat(events.ended(placed.attemptId())).isEmpty();

    link.restore();

    // The journal is replayed: every answer once, and the outcome.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> handoff.journalled() == 0 && handoff.databaseReachable());
    assertThat(
            jdbc.queryForObject(
                "select outcome from visit where id = ?", String.class, placed.visitId()))
        .isEqualTo("COMPLETED");
    // The AMI Hangup waited in the attempt's lane of the AMI event queue, however long the
    // outage (AmiEventsOutageTest): the attempt is reported ended after the replay, once.
    AttemptEnded ended = Telephony.awaitEnd(events, placed.attemptId());
    assertThat(ended.conversationOutcome()).isEqualTo("COMPLETED");
    assertThat(ended.visitValid()).isTrue();
    assertThat(
            jdbc.queryForObject(
                "select status from visit where id = ?", String.class, placed.visitId()))
        .isEqualTo("DONE");
    assertThat(events.endedCount(placed.attemptId())).isEqualTo(1);
    List<Map<String, Object>> written = answersOf(placed.visitId());
    assertThat(written).extracting(a -> a.get("question_id")).containsExactlyElementsOf(QUESTIONS);
    assertThat(written)
        .extracting(a -> a.get("handoff_key"))
        .doesNotContainNull()
        .doesNotHaveDuplicates();
    assertThat(database.reachable()).isTrue();
    assertThat(handoff.journalFile()).doesNotExist();
    assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
  }

  @Test
  @Timeout(60)
  void givenVisitAnswerLockedForTenSeconds_whenCalled_thenTheCallDoesNotWaitForTheLock()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, unhurried());
    int freeBefore = dialer.freeChannels();
    long lockedAt;
    CallRecord record;
    TestCalls.PlacedCall placed;
    try (Connection locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      try (Statement s = locker.createStatement()) {
        s.execute("lock table visit_answer in access exclusive mode");
      }
      lockedAt = System.nanoTime();
      placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !sim.callsTo(elder.primaryPhone()).isEmpty());
      record = sim.callsTo(elder.primaryPhone()).get(0);
      // The whole call, every answer and the follow-up read included, is over well within the
      // lock: no step waited for it (the read gave up after its budget, the writes are queued).
      await().atMost(Duration.ofSeconds(10)).until(record::ended);
      long heldMs = (System.nanoTime() - lockedAt) / 1_000_000;
      assertThat(heldMs).isLessThan(10_000);
      assertThat(record.prompts()).endsWith(PROMPTS + "goodbye");
      assertThat(record.prompts()).contains(PROMPTS + "q-special");
      assertThat(handoff.queued() + handoff.journalled()).isPositive();
      // Still held: nothing is written yet, and the attempt is not reported ended.
      assertThat(events.ended(placed.attemptId())).isEmpty();
      // But the PBX hung up, so its channel is free for pacing already (issue 13: a typhoon
      // round's channels are re-dialled at the hang-up, not once the writer caught up).
      long attemptId = placed.attemptId();
      await().atMost(Duration.ofSeconds(10)).until(() -> dialer.freeChannels() == freeBefore);
      assertThat(
              jdbc.queryForMap(
                  "select status, hung_up_at is not null as hung_up from call_attempt where id = ?",
                  attemptId))
          .containsEntry("status", "IN_CALL")
          .containsEntry("hung_up", true);
      assertThat(events.ended(placed.attemptId())).isEmpty();
      locker.rollback();
    }
    AttemptEnded ended = Telephony.awaitEnd(events, placed.attemptId());
    assertThat(ended.conversationOutcome()).isEqualTo("COMPLETED");
    assertThat(answersOf(placed.visitId()))
        .extracting(a -> a.get("question_id"))
        .containsExactlyElementsOf(QUESTIONS);
  }

  @Test
  void givenTheConversationReadsBudget_whenTheTableIsLocked_thenTheReadGivesUpWithinIt()
      throws Exception {
    Elder elder = Telephony.elder(elders, sim, unhurried());
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    Telephony.awaitEnd(events, placed.attemptId());
    ConversationReads reads = new ConversationReads(jdbc, transactions, handoff, props);
    try (Connection locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      try (Statement s = locker.createStatement()) {
        s.execute("lock table visit_answer in access exclusive mode");
      }
      long start = System.nanoTime();
      Integer n =
          reads.read(
              "test",
              () -> jdbc.queryForObject("select count(*) from visit_answer", Integer.class),
              () -> -1);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(n).isEqualTo(-1);
      assertThat(tookMs).isLessThan(props.readTimeout().toMillis() + 400);
      locker.rollback();
    }
    assertThat(
            reads.read(
                "test",
                () -> jdbc.queryForObject("select count(*) from visit_answer", Integer.class),
                () -> -1))
        .isPositive();
  }

  @Test
  void givenAJournalLeftByAStoppedNode_whenTheHandoffStarts_thenItsEntriesAreWrittenOnce(
      @TempDir Path dir) throws Exception {
    Elder elder = Telephony.elder(elders, sim, unhurried());
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    Telephony.awaitEnd(events, placed.attemptId());
    long visitId = placed.visitId();
    int before = answersOf(visitId).size();
    String run = UUID.randomUUID().toString();
    Instant at = Instant.parse("2026-03-15T02:05:00Z");
    List<Handoff.Entry> journal =
        List.of(
            answer("replay-" + run + "-1", visitId, placed.attemptId(), "health", "UNWELL", at),
            answer("replay-" + run + "-2", visitId, placed.attemptId(), "living", "NEEDS", at),
            Handoff.Entry.finished(
                "replay-" + run + "-3",
                visitId,
                placed.attemptId(),
                elder.id(),
                true,
                false,
                "PARTIAL",
                at));
    JsonMapper json = JsonMapper.builder().build();
    StringBuilder lines = new StringBuilder();
    for (Handoff.Entry e : journal) {
      lines.append(json.writeValueAsString(e)).append('\n');
    }
    // A line cut short by the crash is skipped, not fatal.
    lines.append("{\"kind\":\"ANSW");
    Files.writeString(dir.resolve(Handoff.JOURNAL), lines.toString(), StandardCharsets.UTF_8);

    startAndStop(dir);

    assertThat(dir.resolve(Handoff.JOURNAL)).doesNotExist();
    assertThat(answersOf(visitId)).hasSize(before + 2);
    assertThat(
            jdbc.queryForList(
                "select intent from visit_answer where handoff_key like ? order by id",
                String.class,
                "replay-" + run + "%"))
        .containsExactly("UNWELL", "NEEDS");
    assertThat(jdbc.queryForObject("select outcome from visit where id = ?", String.class, visitId))
        .isEqualTo("PARTIAL");

    // Killed after writing but before removing its journal: the next start writes nothing twice.
    jdbc.update("update visit set outcome = 'COMPLETED' where id = ?", visitId);
    Files.writeString(dir.resolve(Handoff.JOURNAL), lines.toString(), StandardCharsets.UTF_8);
    startAndStop(dir);
    assertThat(answersOf(visitId)).hasSize(before + 2);
    assertThat(jdbc.queryForObject("select outcome from visit where id = ?", String.class, visitId))
        .as("the outcome entry was applied once, not again")
        .isEqualTo("COMPLETED");
    assertThat(dir.resolve(Handoff.JOURNAL)).doesNotExist();
  }

  private void startAndStop(Path dir) {
    Handoff restarted =
        StandaloneHandoff.of(
            jdbc,
            visits,
            answers,
            publisher,
            transactions,
            dir,
            100,
            Duration.ofMillis(100),
            200,
            clock);
    assertThat(restarted.journalled()).isPositive();
    restarted.start();
    try {
      assertThat(restarted.journalled()).isZero();
    } finally {
      restarted.stop();
    }
  }

  private static Handoff.Entry answer(
      String key, long visitId, long attemptId, String question, String intent, Instant at) {
    return Handoff.Entry.answer(
        key,
        visitId,
        attemptId,
        0,
        new Answer(
            question,
            question.equals("health") ? Area.HEALTH : Area.LIVING,
            AnswerMethod.KEYPAD,
            "2",
            Intent.valueOf(intent),
            null,
            null,
            null,
            0),
        false,
        at);
  }
}
