package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visits.VisitAnswers;
import org.tanfang.visits.Visits;

/**
 * Issue 13, "never call an elder twice for one visit": an answered attempt ends (and its visit is
 * closed DONE or sent back for a retry, {@link Visits#afterAttempt}) in an action the conversation
 * hands over after its outcome ({@code VisitLog#afterWrites}); the action must not run before the
 * outcome is in, also when the outcome went to the journal because the queue was full.
 * 3,000-channel load benchmark: 67 answered elders got a retry, their visits left open.
 *
 * <p>The race, made deterministic: the queue (capacity 2) is full while the writer is busy; a
 * conversation that finds it full moves the queue (another call's outcome among it) to the journal,
 * and its append is held half-way ({@link Handoff#beforeAppend}, as a slow disk holds it) while the
 * other call hands over its end and the writer comes back for more.
 */
@TanfangTest
class HandoffOrderTest {
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
  private final CountDownLatch releaseWriter = new CountDownLatch(1);
  private final CountDownLatch releaseAppend = new CountDownLatch(1);

  @BeforeEach
  void cleanSlate() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    handoff =
        new Handoff(
            jdbc,
            visits,
            answers,
            published::add,
            transactions,
            new HandoffProperties(
                dir.toString(),
                2,
                Duration.ofMillis(50),
                Duration.ofMillis(500),
                Duration.ofMillis(100),
                Duration.ofDays(30),
                50),
            new org.tanfang.shared.DatabaseState(),
            new StaticListableBeanFactory()
                .getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class),
            clock);
  }

  @AfterEach
  void stop() {
    releaseWriter.countDown();
    releaseAppend.countDown();
    handoff.stop();
  }

  @Test
  void givenAnOutcomeMovedToTheJournal_whenTheCallsEndIsHandedOver_thenTheVisitClosesDone()
      throws Exception {
    long elder = rows.elder().save();
    long answered = rows.visit(elder).status("IN_PROGRESS").save();
    long other = rows.visit(rows.elder().save()).status("IN_PROGRESS").save();
    Instant at = clock.instant();
    handoff.start();

    // The writer is busy (an action of a third call); the queue fills: the answered call's
    // outcome, then another call's start.
    CountDownLatch writerBusy = new CountDownLatch(1);
    AtomicReference<Thread> writer = new AtomicReference<>();
    handoff.then(
        () -> {
          writerBusy.countDown();
          writer.set(Thread.currentThread());
          hold(releaseWriter);
        });
    assertThat(writerBusy.await(30, TimeUnit.SECONDS)).isTrue();
    handoff.write(
        Handoff.Entry.finished(
            key("finished"), answered, null, elder, true, true, "COMPLETED", at));
    handoff.write(Handoff.Entry.started(other, "checkin-v1", at));
    assertThat(handoff.queued()).isEqualTo(2);

    // A third conversation finds the queue full: it moves it to the journal, held half-way.
    CountDownLatch appending = new CountDownLatch(1);
    handoff.beforeAppend =
        () -> {
          appending.countDown();
          hold(releaseAppend);
        };
    CompletableFuture<Void> third =
        CompletableFuture.runAsync(
            () -> handoff.write(Handoff.Entry.started(other, "checkin-v1", at)));
    assertThat(appending.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(handoff.queued()).as("the queue is in the journal's hands").isZero();

    // The answered call hangs up: its attempt ends once its writes are in (CheckinScript).
    AtomicReference<Visits.AfterCall> closed = new AtomicReference<>();
    CountDownLatch ended = new CountDownLatch(1);
    handoff.then(
        () -> {
          closed.set(visits.afterAttempt(answered, true, clock.instant()));
          ended.countDown();
        });
    releaseWriter.countDown();
    // Either the writer ends the call now (before its outcome is in) or it waits for the journal.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ended.getCount() == 0 || writer.get().getState() == Thread.State.BLOCKED);
    handoff.beforeAppend = () -> {};
    releaseAppend.countDown();
    third.get(30, TimeUnit.SECONDS);

    assertThat(ended.await(60, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(60)).until(() -> handoff.backlog() == 0);
    assertThat(closed.get().valid()).as("the outcome was in when the attempt ended").isTrue();
    assertThat(jdbc.queryForObject("select status from visit where id = ?", String.class, answered))
        .as("the answered elder's visit is closed, not sent back for a retry")
        .isEqualTo("DONE");
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String key(String what) {
    return run + "-" + what;
  }
}
