package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visits.VisitAnswers;
import org.tanfang.visits.Visits;

/**
 * The hand-off writer applies many entries per transaction (a JDBC batch per kind of write): a
 * batch keeps exactly-once (every entry by its key, events published once, after the commit), an
 * entry the database refuses does not take the others with it, and an action handed over after some
 * writes runs once they are all in. A hand-off of its own (its own journal directory) on the tests'
 * PostgreSQL, its events collected instead of published.
 */
@TanfangTest
class HandoffBatchTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired Visits visits;
  @Autowired VisitAnswers answers;
  @Autowired PlatformTransactionManager transactions;
  @Autowired java.time.Clock clock;

  @TempDir Path dir;
  private final String run = UUID.randomUUID().toString();
  private final List<Object> published = new CopyOnWriteArrayList<>();
  private Handoff handoff;
  private Rows rows;

  @BeforeEach
  void cleanSlate() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    handoff =
        StandaloneHandoff.of(
            jdbc,
            visits,
            answers,
            published::add,
            transactions,
            dir,
            1000,
            Duration.ofMillis(100),
            50,
            clock);
  }

  @AfterEach
  void stop() {
    handoff.stop();
  }

  @Test
  void givenABatchWithAnEntryTheDatabaseRefuses_whenApplied_thenOnlyThatOneIsKeptAside()
      throws Exception {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("PLANNED").save();
    Instant at = clock.instant();
    List<Handoff.Entry> batch =
        List.of(
            started(visit, at),
            answer("1", visit, elder, "health", true, at),
            answer("bad", visit + 1_000_000, elder, "living", false, at), // no such visit
            answer("2", visit, elder, "living", false, at),
            listen("3", visit, elder, at),
            Handoff.Entry.finished(key("4"), visit, null, elder, true, true, "COMPLETED", at));

    assertThat(handoff.applyAll(batch)).isEqualTo(batch.size());

    assertThat(answerKeys(visit)).containsExactly(key("1"), key("2"));
    assertThat(jdbc.queryForMap("select status, outcome, valid from visit where id = ?", visit))
        .containsEntry("status", "IN_PROGRESS")
        .containsEntry("outcome", "COMPLETED")
        .containsEntry("valid", true);
    assertThat(Files.readString(dir.resolve(Handoff.DEAD)))
        .contains(key("bad"))
        .doesNotContain(key("1"));
    // The failed batch published nothing; one by one, each event once, in order.
    assertThat(published)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("DistressEvent", "ListenRequested", "ConversationsEnded");
  }

  @Test
  void givenABatchEndingSeveralConversations_whenApplied_thenTheirEndsArePublishedTogetherLast() {
    long elder = rows.elder().save();
    long first = rows.visit(elder).status("IN_PROGRESS").save();
    long second = rows.visit(elder).status("IN_PROGRESS").save();
    Instant at = clock.instant();
    List<Handoff.Entry> batch =
        List.of(
            answer("f1", first, elder, "health", false, at),
            Handoff.Entry.finished(key("f-end"), first, null, elder, true, true, "COMPLETED", at),
            answer("s1", second, elder, "health", true, at),
            listen("s2", second, elder, at),
            Handoff.Entry.finished(key("s-end"), second, null, elder, false, true, "PARTIAL", at));

    assertThat(handoff.applyAll(batch)).isEqualTo(batch.size());

    // Each visit's distress and listen cases come before its end; the ends come as one event,
    // in the batch's order, so their listeners read the calls' answers once for all of them.
    assertThat(published)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("DistressEvent", "ListenRequested", "ConversationsEnded");
    assertThat(((ConversationsEnded) published.get(2)).ended())
        .extracting(ConversationEnded::visitId, ConversationEnded::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(first, "COMPLETED"),
            org.assertj.core.groups.Tuple.tuple(second, "PARTIAL"));
  }

  @Test
  void givenABatchWritten_whenItIsAppliedAgain_thenNothingIsWrittenOrPublishedTwice() {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("IN_PROGRESS").save();
    Instant at = clock.instant();
    List<Handoff.Entry> batch = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      batch.add(answer("a" + i, visit, elder, "q" + i, i == 7, at.plusSeconds(i)));
    }
    batch.add(Handoff.Entry.finished(key("end"), visit, null, elder, true, true, "PARTIAL", at));

    assertThat(handoff.applyAll(batch)).isEqualTo(batch.size());
    // A journal replayed after a crash between the write and the journal's removal.
    jdbc.update("update visit set outcome = 'COMPLETED' where id = ?", visit);
    assertThat(handoff.applyAll(batch)).isEqualTo(batch.size());

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      expected.add(key("a" + i));
    }
    assertThat(answerKeys(visit)).as("in the batch's order, once each").isEqualTo(expected);
    assertThat(jdbc.queryForObject("select outcome from visit where id = ?", String.class, visit))
        .as("the outcome was not applied again")
        .isEqualTo("COMPLETED");
    assertThat(published)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("DistressEvent", "ConversationsEnded");
  }

  @Test
  void givenManyWritesThenAnAction_whenTheWriterRuns_thenTheActionSeesThemAllWrittenOnce() {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("IN_PROGRESS").save();
    Instant at = clock.instant();
    int n = 180; // more than three batches of 50
    for (int i = 0; i < n; i++) {
      handoff.write(answer("w" + i, visit, elder, "q" + i, false, at));
    }
    AtomicInteger seen = new AtomicInteger(-1);
    handoff.then(() -> seen.set(answerKeys(visit).size()));
    handoff.start();

    await().atMost(Duration.ofSeconds(60)).until(() -> handoff.backlog() == 0);
    assertThat(seen.get()).as("written before the action ran").isEqualTo(n);
    assertThat(answerKeys(visit)).hasSize(n).doesNotHaveDuplicates();
    assertThat(dir.resolve(Handoff.JOURNAL)).doesNotExist();
  }

  private List<String> answerKeys(long visit) {
    return jdbc.queryForList(
        "select handoff_key from visit_answer where visit_id = ? order by id", String.class, visit);
  }

  private String key(String what) {
    return run + "-" + what;
  }

  private static Handoff.Entry started(long visit, Instant at) {
    return Handoff.Entry.started(visit, "checkin-v1", at);
  }

  private Handoff.Entry answer(
      String k, long visit, long elder, String question, boolean distress, Instant at) {
    return Handoff.Entry.answer(
        key(k),
        visit,
        null,
        elder,
        new Answer(
            question,
            Area.HEALTH,
            AnswerMethod.KEYPAD,
            "1",
            distress ? Intent.HELP : Intent.FINE,
            null,
            null,
            null,
            0),
        distress,
        at);
  }

  private Handoff.Entry listen(String k, long visit, long elder, Instant at) {
    return Handoff.Entry.listen(key(k), visit, null, elder, "health", "说不清", false, at);
  }
}
