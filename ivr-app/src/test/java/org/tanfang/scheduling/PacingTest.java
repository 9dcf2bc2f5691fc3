package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

@TanfangTest
class PacingTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired Visits visits;
  @Autowired Attempts attempts;
  @Autowired MutableClock clock;
  @Autowired CyclePlanning planning;
  @Autowired AttemptOutcomes outcomes;
  @Autowired Windows windows;
  Rows rows;

  @BeforeEach
  void clean() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    clock.setLocal("2026-03-16T10:00:00");
  }

  private Pacer pacer(CountingDispatcher dialer, String node) {
    return new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, node, 200);
  }

  /** n elders, each with one attempt due now at the given priority. */
  private void dueAttempts(int n, int priority) {
    for (int i = 0; i < n; i++) {
      long elder = rows.elder().save();
      long visit = rows.visit(elder).purpose("ROUTINE").status("PLANNED").save();
      rows.attempt(visit)
          .phone("13908980000")
          .priority(priority)
          .due(clock.instant().minusSeconds(60))
          .status("SCHEDULED")
          .save();
    }
  }

  @Test
  void shouldNeverClaimMoreThanTheFreeChannelsAndTakeTheHighestPriorityFirst() {
    dueAttempts(10, 100);
    dueAttempts(3, 300);
    CountingDispatcher dialer = new CountingDispatcher(4);
    Pacer pacer = pacer(dialer, "node-a");

    List<Long> first = pacer.pace();
    List<Long> second = pacer.pace();

    assertThat(first).hasSize(4);
    assertThat(second).isEmpty();
    assertThat(dialer.peak.get()).isEqualTo(4);
    List<Integer> priorities =
        first.stream()
            .map(
                id ->
                    jdbc.queryForObject(
                        "select priority from call_attempt where id = ?", Integer.class, id))
            .toList();
    assertThat(priorities).containsExactly(300, 300, 300, 100);
    assertThat(
            jdbc.queryForList(
                "select distinct claimed_by from call_attempt where status = 'DIALING'",
                String.class))
        .containsExactly("node-a");

    dialer.hangUpAll();
    assertThat(pacer.pace()).hasSize(4);
    assertThat(dialer.peak.get()).isEqualTo(4);
  }

  @Test
  void shouldNotDialOutsideTheCallWindowButMoveTheAttemptToTheNextWindow() {
    dueAttempts(1, 100);
    clock.setLocal("2026-03-16T12:30:00"); // midday rest
    CountingDispatcher dialer = new CountingDispatcher(4);

    assertThat(pacer(dialer, "node-a").pace()).isEmpty();

    assertThat(dialer.totalDials()).isZero();
    assertThat(jdbc.queryForObject("select status from call_attempt", String.class))
        .isEqualTo("SCHEDULED");
    assertThat(jdbc.queryForObject("select due_at from call_attempt", Instant.class))
        .isEqualTo(
            java.time.LocalDateTime.parse("2026-03-16T15:00:00")
                .atZone(MutableClock.SHANGHAI)
                .toInstant());
  }

  @Test
  void shouldDialEachAttemptExactlyOnceWhenManyNodesClaimConcurrently() throws Exception {
    dueAttempts(500, 100);
    CountingDispatcher dialer = new CountingDispatcher(1_000_000);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    AtomicInteger passes = new AtomicInteger();
    List<Callable<Void>> nodes = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      Pacer pacer =
          new Pacer(
              jdbc,
              visits,
              attempts,
              clock,
              limited(dialer, 7),
              outcomes,
              windows,
              "node-" + n,
              200);
      nodes.add(
          () -> {
            while (!pacer.pace().isEmpty() || remaining() > 0) {
              passes.incrementAndGet();
            }
            return null;
          });
    }
    for (Future<Void> f : pool.invokeAll(nodes)) {
      f.get();
    }
    pool.shutdown();

    assertThat(dialer.dials).hasSize(500);
    assertThat(dialer.dials.values()).allMatch(count -> count.get() == 1);
    assertThat(
            jdbc.queryForObject(
                "select count(distinct claimed_by) from call_attempt", Integer.class))
        .isGreaterThan(1);
  }

  private int remaining() {
    return jdbc.queryForObject(
        "select count(*) from call_attempt where status = 'SCHEDULED'", Integer.class);
  }

  /** A node with a few channels that hang up at once: claims in small batches, many passes. */
  private static org.tanfang.scheduler.dispatch.CallDispatcher limited(
      CountingDispatcher shared, int channels) {
    return new org.tanfang.scheduler.dispatch.CallDispatcher() {
      @Override
      public int freeChannels() {
        return channels;
      }

      @Override
      public void dial(long attemptId) {
        shared.dial(attemptId);
        shared.inCall.decrementAndGet();
      }
    };
  }
}
