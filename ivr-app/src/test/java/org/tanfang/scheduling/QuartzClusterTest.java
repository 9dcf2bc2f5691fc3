package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.scheduler.dispatch.CallDispatcher;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/**
 * Two Quartz schedulers, clustered on the one embedded PostgreSQL, each running the pacing job with
 * its own pacer: every attempt is dialled exactly once, and when one node stops the other goes on.
 *
 * <p>Each node is given the application's transaction manager, as Spring Boot gives it to the
 * application's own scheduler. Without one, Spring's job store registers jobs and triggers on
 * auto-commit connections, so Quartz's cluster lock ({@code select ... for update} on qrtz_locks)
 * is released at once: node B re-storing the pacing trigger at start-up could read node A's
 * executing fired-trigger row, let node A finish (and unblock nothing), then write the trigger as
 * BLOCKED — with no fired trigger left to unblock it, no node ever ran the pacing job again.
 */
@TanfangTest
class QuartzClusterTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired Visits visits;
  @Autowired Attempts attempts;
  @Autowired DataSource dataSource;
  @Autowired MutableClock clock;
  @Autowired AttemptOutcomes outcomes;
  @Autowired Windows windows;
  @Autowired PlatformTransactionManager transactionManager;
  Rows rows;
  final java.util.List<Long> created = new java.util.concurrent.CopyOnWriteArrayList<>();
  final CountingDispatcher dialled = new CountingDispatcher(Integer.MAX_VALUE);
  SchedulerFactoryBean nodeA;
  SchedulerFactoryBean nodeB;
  final java.util.Map<String, PacingPasses> passes = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeEach
  void clean() throws Exception {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    // This test's scheduler starts from nothing, whatever an earlier run in the same database left.
    for (String table :
        new String[] {
          "qrtz_fired_triggers",
          "qrtz_simple_triggers",
          "qrtz_triggers",
          "qrtz_job_details",
          "qrtz_scheduler_state"
        }) {
      jdbc.update("delete from " + table + " where sched_name = 'cluster-test'");
    }
    clock.setLocal("2026-03-16T10:00:00");
    nodeA = node("node-a");
    nodeB = node("node-b");
  }

  @AfterEach
  void stop() throws Exception {
    for (SchedulerFactoryBean node : new SchedulerFactoryBean[] {nodeA, nodeB}) {
      if (node != null && node.isRunning()) {
        // Let a running pass finish and record its completion, or its trigger stays BLOCKED.
        node.setWaitForJobsToCompleteOnShutdown(true);
        node.destroy();
      }
    }
  }

  private SchedulerFactoryBean node(String name) throws Exception {
    PacingPasses counted = new PacingPasses();
    passes.put(name, counted);
    Pacer pacer =
        new Pacer(jdbc, visits, attempts, clock, hangsUpAtOnce(12), outcomes, windows, name, 200) {
          @Override
          public java.util.List<Long> pace() {
            counted.passes.incrementAndGet();
            try {
              return super.pace();
            } catch (RuntimeException e) {
              counted.lastError = e;
              throw e;
            }
          }
        };
    JobDetail job =
        JobBuilder.newJob(SchedulingJobs.PacingJob.class)
            .withIdentity("pacing", "cluster-test")
            .storeDurably()
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .forJob(job)
            .withIdentity("pacing", "cluster-test")
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(100)
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    Properties props = new Properties();
    props.setProperty("org.quartz.scheduler.instanceName", "cluster-test");
    props.setProperty("org.quartz.scheduler.instanceId", name);
    props.setProperty("org.quartz.jobStore.isClustered", "true");
    props.setProperty("org.quartz.jobStore.clusterCheckinInterval", "500");
    props.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    props.setProperty("org.quartz.threadPool.threadCount", "2");
    SchedulerFactoryBean factory = new SchedulerFactoryBean();
    factory.setSchedulerName("cluster-test");
    factory.setDataSource(dataSource);
    // Jobs and triggers are registered in one transaction, holding the cluster lock (see above).
    factory.setTransactionManager(transactionManager);
    factory.setQuartzProperties(props);
    factory.setOverwriteExistingJobs(true);
    factory.setJobDetails(job);
    factory.setTriggers(trigger);
    factory.setJobFactory((bundle, scheduler) -> new SchedulingJobs.PacingJob(pacer));
    factory.afterPropertiesSet();
    factory.start();
    return factory;
  }

  private CallDispatcher hangsUpAtOnce(int channels) {
    return new CallDispatcher() {
      @Override
      public int freeChannels() {
        return channels;
      }

      @Override
      public void dial(long attemptId) {
        dialled.dial(attemptId);
      }
    };
  }

  private void dueAttempts(int n) {
    for (int i = 0; i < n; i++) {
      long elder = rows.elder().save();
      long visit = rows.visit(elder).purpose("ROUTINE").status("PLANNED").save();
      created.add(
          rows.attempt(visit)
              .phone("13908980000")
              .priority(100)
              .due(clock.instant())
              .status("SCHEDULED")
              .save());
    }
  }

  /** Waits until this test's attempts are all dialled; on time-out says where they are. */
  private void awaitDialled(int expected) {
    Duration limit = Duration.ofSeconds(90);
    try {
      await().atMost(limit).until(() -> scheduled() == 0 && dialled.dials.size() >= expected);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "after "
              + limit.toSeconds()
              + " s: dialled "
              + dialled.dials.size()
              + " of "
              + expected
              + ", attempts by status "
              + jdbc.queryForList(
                  "select status, count(*) from call_attempt group by status order by status")
              + ", clock "
              + clock.instant()
              + "\n"
              + quartzState(),
          e);
    }
  }

  /** What Quartz and the two nodes were doing: for a time-out to explain itself. */
  private String quartzState() {
    StringBuilder out = new StringBuilder();
    for (var node : java.util.Map.of("node-a", nodeA, "node-b", nodeB).entrySet()) {
      PacingPasses counted = passes.get(node.getKey());
      out.append(node.getKey())
          .append(": running=")
          .append(node.getValue().isRunning())
          .append(", pacing passes=")
          .append(counted.passes.get())
          .append(", last pacing error=")
          .append(counted.lastError)
          .append('\n');
    }
    String[][] queries = {
      {
        "qrtz_triggers",
        "select trigger_name, trigger_group, trigger_state, next_fire_time, prev_fire_time,"
            + " (extract(epoch from clock_timestamp()) * 1000)::bigint as db_now_ms"
            + " from qrtz_triggers where sched_name = 'cluster-test'"
      },
      {
        "qrtz_fired_triggers",
        "select instance_name, trigger_name, state, is_nonconcurrent, fired_time, sched_time"
            + " from qrtz_fired_triggers where sched_name = 'cluster-test'"
      },
      {
        "qrtz_scheduler_state",
        "select instance_name, last_checkin_time, checkin_interval"
            + " from qrtz_scheduler_state where sched_name = 'cluster-test'"
      },
      {"qrtz_paused_trigger_grps", "select * from qrtz_paused_trigger_grps"}
    };
    for (String[] query : queries) {
      out.append(query[0]).append(": ");
      try {
        out.append(jdbc.queryForList(query[1]));
      } catch (RuntimeException e) {
        out.append(e);
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** How often a node's pacer ran, and the last exception it threw (Quartz only logs those). */
  static final class PacingPasses {
    final java.util.concurrent.atomic.AtomicInteger passes =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile RuntimeException lastError;
  }

  /** This test's attempts still waiting (rows other tests may have left are not counted). */
  private int scheduled() {
    return jdbc.queryForObject(
        "select count(*) from call_attempt where status = 'SCHEDULED' and id = any(?)",
        Integer.class,
        (Object) created.toArray(Long[]::new));
  }

  @Test
  void shouldDialEveryAttemptOnceAcrossTwoNodesAndGoOnWhenOneStops() throws Exception {
    dueAttempts(500);

    // Claimed is not yet dialled: wait for the dials themselves, then check none was doubled.
    awaitDialled(500);

    assertThat(dialled.dials).hasSize(500);
    assertThat(dialled.dials.values()).allMatch(count -> count.get() == 1);
    assertThat(
            jdbc.queryForList(
                "select instance_name from qrtz_scheduler_state where sched_name = 'cluster-test'",
                String.class))
        .containsExactlyInAnyOrder("node-a", "node-b");

    // A pacing pass already running on node A must finish before the new attempts exist, or it
    // could claim some of them after "stopping".
    nodeA.setWaitForJobsToCompleteOnShutdown(true);
    nodeA.destroy();
    dueAttempts(50);

    awaitDialled(550);
    assertThat(dialled.dials).hasSize(550);
    assertThat(dialled.totalDials()).isEqualTo(550);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from call_attempt where id > (select min(id) + 499 from call_attempt)"
                    + " and claimed_by = 'node-b'",
                Integer.class))
        .isEqualTo(50);
  }
}
