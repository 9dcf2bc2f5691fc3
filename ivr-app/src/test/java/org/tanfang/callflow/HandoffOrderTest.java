package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visits.VisitAnswers;
import org.tanfang.visits.Visits;

/**
 * Issue 13, "an answered elder is never called again for one visit": an answered attempt ends (its
 * visit closed DONE, or sent back to the scheduler for a retry when not valid) in an action the
 * conversation hands over after its outcome ({@code VisitLog#afterWrites}). That action must not
 * run before the outcome is in the database, also when the outcome left the queue for the journal
 * because the queue was full (the writer far behind, as at 3,000 channels).
 *
 * <p>The interleaving, driven step by step: the writer is held in another call's action, the call's
 * outcome fills the queue (capacity 2), a third conversation finds the queue full and moves it to
 * the journal, and its append is held half-way ({@link Handoff#journalling}, a slow disk) while the
 * call's end is handed over and the writer comes back for more. Taken without the journal's lock,
 * the writer ran the end with the visit not yet valid.
 */
@TanfangTest
class HandoffOrderTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired Visits visits;
  @Autowired VisitAnswers answers;
  @Autowired PlatformTransactionManager transactions;
  @Autowired java.time.Clock clock;

  @TempDir Path dir;
  private Handoff handoff;
  private Rows rows;
  private final ExecutorService otherConversation = Executors.newSingleThreadExecutor();
  private final CountDownLatch releaseWriter = new CountDownLatch(1);
  private final CountDownLatch releaseAppend = new CountDownLatch(1);

  @BeforeEach
  void cleanSlate() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    handoff =
        StandaloneHandoff.of(
            jdbc,
            visits,
            answers,
            event -> {},
            transactions,
            dir,
            2,
            Duration.ofMillis(50),
            50,
            clock);
  }

  @AfterEach
  void stop() {
    releaseWriter.countDown();
    releaseAppend.countDown();
    otherConversation.shutdownNow();
    handoff.stop();
  }

  private boolean valid(long visitId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject("select valid from visit where id = ?", Boolean.class, visitId));
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  @Timeout(60)
  void givenTheQueueOverflowsIntoTheJournal_whenACallsEndFollowsItsOutcome_thenTheEndRunsAfterIt()
      throws Exception {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("IN_PROGRESS").save();
    long otherVisit = rows.visit(rows.elder().save()).status("IN_PROGRESS").save();
    handoff.start();

    // The writer is busy (another call's action after its writes).
    CountDownLatch writerBusy = new CountDownLatch(1);
    AtomicReference<Thread> writer = new AtomicReference<>();
    handoff.then(
        () -> {
          writer.set(Thread.currentThread());
          writerBusy.countDown();
          hold(releaseWriter);
        });
    assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();

    // The call's start and its outcome (a valid visit) fill the queue.
    handoff.write(Handoff.Entry.started(visit, "checkin", clock.instant()));
    handoff.write(
        Handoff.Entry.finished(
            "v" + visit + ":finished:" + UUID.randomUUID(),
            visit,
            null,
            elder,
            true,
            false,
            ConversationOutcome.COMPLETED.name(),
            clock.instant()));
    assertThat(handoff.queued()).isEqualTo(2);

    // Another conversation finds the queue full: it moves the queue to the journal, and its
    // append is held half-way.
    CountDownLatch appending = new CountDownLatch(1);
    AtomicBoolean once = new AtomicBoolean(true);
    handoff.journalling =
        () -> {
          if (once.getAndSet(false)) {
            appending.countDown();
            hold(releaseAppend);
          }
        };
    Future<?> overflow =
        otherConversation.submit(
            () -> handoff.write(Handoff.Entry.started(otherVisit, "checkin", clock.instant())));
    assertThat(appending.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(handoff.queued()).isZero();

    // The call is over: its end is handed over after its outcome, and the writer comes back.
    AtomicReference<Boolean> validWhenEnded = new AtomicReference<>();
    handoff.then(() -> validWhenEnded.set(valid(visit)));
    releaseWriter.countDown();
    // Either the writer has run the end already, or it waits for the journal's lock.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> validWhenEnded.get() != null || writer.get().getState() == Thread.State.BLOCKED);
    releaseAppend.countDown();
    overflow.get(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(20)).until(() -> validWhenEnded.get() != null);
    assertThat(validWhenEnded.get())
        .as("the visit was valid when the call's end ran (else it goes back for a retry)")
        .isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> handoff.backlog() == 0);
    assertThat(valid(visit)).isTrue();
  }
}
