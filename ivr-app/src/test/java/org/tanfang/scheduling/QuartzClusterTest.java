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
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.scheduler.dispatch.CallDispatcher;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TanfangTest;

/**
 * Two Quartz schedulers, clustered on the one embedded PostgreSQL, each running the pacing job with
 * its own pacer: every attempt is dialled exactly once, and when one node stops the other goes on.
 */
@TanfangTest
class QuartzClusterTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired MutableClock clock;
  @Autowired AttemptOutcomes outcomes;
  @Autowired Windows windows;
  Fixtures fixtures;
  final java.util.List<Long> created = new java.util.concurrent.CopyOnWriteArrayList<>();
  final CountingDispatcher dialled = new CountingDispatcher(Integer.MAX_VALUE);
  SchedulerFactoryBean nodeA;
  SchedulerFactoryBean nodeB;

  @BeforeEach
  void clean() throws Exception {
    fixtures = new Fixtures(jdbc);
    fixtures.clean();
    clock.setLocal("2026-03-16T10:00:00");
    nodeA = node("node-a");
    nodeB = node("node-b");
  }

  @AfterEach
  void stop() throws Exception {
    for (SchedulerFactoryBean node : new SchedulerFactoryBean[] {nodeA, nodeB}) {
      if (node.isRunning()) {
        node.destroy();
      }
    }
  }

  private SchedulerFactoryBean node(String name) throws Exception {
    Pacer pacer = new Pacer(jdbc, clock, hangsUpAtOnce(12), outcomes, windows, name, 200);
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
      long elder = fixtures.elder().save();
      jdbc.query(
          """
          with v as (insert into visit (elder_id, kind, purpose, status, created_at, updated_at)
                     values (?, 'PHONE', 'ROUTINE', 'PLANNED', now(), now()) returning id)
          insert into call_attempt (visit_id, attempt_no, phone, priority, due_at, status, created_at)
          select id, 1, '13908980000', 100, ?, 'SCHEDULED', now() from v
          returning id
          """,
          rs -> {
            created.add(rs.getLong(1));
          },
          elder,
          java.sql.Timestamp.from(clock.instant()));
    }
  }

  /** Waits until this test's attempts are all dialled; on time-out says where they are. */
  private void awaitDialled(int expected) {
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> scheduled() == 0 && dialled.dials.size() >= expected);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "after 90 s: dialled "
              + dialled.dials.size()
              + " of "
              + expected
              + ", attempts by status "
              + jdbc.queryForList(
                  "select status, count(*) from call_attempt group by status order by status"),
          e);
    }
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
