package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.TanfangTest;

/**
 * A clustered node killed outright (kill -9 of its JVM, no shutdown): the other node notices the
 * missed check-ins, recovers its state and goes on running the shared job.
 */
@TanfangTest
class QuartzKilledNodeTest {
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  Process nodeA;
  Scheduler nodeB;

  @BeforeEach
  void table() {
    jdbc.execute("create table if not exists quartz_beat (node varchar(40), at timestamptz)");
    jdbc.execute("truncate quartz_beat");
    // This test's scheduler starts from nothing, whatever an earlier run in the same database left.
    for (String table :
        new String[] {
          "qrtz_fired_triggers",
          "qrtz_simple_triggers",
          "qrtz_triggers",
          "qrtz_job_details",
          "qrtz_scheduler_state"
        }) {
      jdbc.update("delete from " + table + " where sched_name = 'kill-test'");
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (nodeA != null) {
      nodeA.destroyForcibly().waitFor();
    }
    if (nodeB != null) {
      nodeB.clear();
      nodeB.shutdown(true);
    }
  }

  @Test
  void shouldTakeOverTheJobsOfAKilledNode() throws Exception {
    HikariDataSource db = (HikariDataSource) dataSource;
    String password = db.getPassword() == null ? "" : db.getPassword();
    nodeA =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                QuartzNodeMain.class.getName(),
                db.getJdbcUrl(),
                db.getUsername(),
                password,
                "node-a")
            .inheritIO()
            .start();
    nodeB =
        new StdSchedulerFactory(
                QuartzNodeMain.properties(db.getJdbcUrl(), db.getUsername(), password, "node-b"))
            .getScheduler();
    JobDetail job =
        JobBuilder.newJob(QuartzBeatJob.class)
            .withIdentity("beat", "kill-test")
            .usingJobData("url", db.getJdbcUrl())
            .usingJobData("user", db.getUsername())
            .usingJobData("password", password)
            .requestRecovery()
            .storeDurably()
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity("beat", "kill-test")
            .forJob(job)
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(200)
                    .repeatForever())
            .build();
    nodeB.scheduleJob(job, java.util.Set.of(trigger), true);
    // node B stays in standby until node A has run the job, so node A certainly holds it.
    awaitOrExplain("node A runs the job", Duration.ofSeconds(60), () -> beats("node-a") > 3);

    nodeB.start();
    awaitOrExplain(
        "both nodes check in",
        Duration.ofSeconds(30),
        () -> states().containsAll(List.of("node-a", "node-b")));
    nodeA.destroyForcibly().waitFor();
    int beatsOfB = beats("node-b");

    awaitOrExplain(
        "node B recovers the killed node A",
        Duration.ofSeconds(30),
        () -> !states().contains("node-a"));
    awaitOrExplain(
        "node B runs the job", Duration.ofSeconds(30), () -> beats("node-b") > beatsOfB + 5);
    assertThat(states()).containsExactly("node-b");
  }

  /** Waits for a condition; on time-out says where the job's trigger and the nodes are. */
  private void awaitOrExplain(
      String what, Duration limit, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(limit).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "after "
              + limit.toSeconds()
              + " s, still waiting until "
              + what
              + " (node A process alive: "
              + (nodeA != null && nodeA.isAlive())
              + ")\nbeats by node: "
              + jdbc.queryForList("select node, count(*) from quartz_beat group by node")
              + "\nqrtz_triggers: "
              + jdbc.queryForList(
                  "select trigger_name, trigger_group, trigger_state, next_fire_time,"
                      + " prev_fire_time, (extract(epoch from clock_timestamp()) * 1000)::bigint"
                      + " as db_now_ms from qrtz_triggers where sched_name = 'kill-test'")
              + "\nqrtz_fired_triggers: "
              + jdbc.queryForList(
                  "select instance_name, trigger_name, state, is_nonconcurrent, requests_recovery,"
                      + " fired_time from qrtz_fired_triggers where sched_name = 'kill-test'")
              + "\nqrtz_scheduler_state: "
              + jdbc.queryForList(
                  "select instance_name, last_checkin_time, checkin_interval"
                      + " from qrtz_scheduler_state where sched_name = 'kill-test'"),
          e);
    }
  }

  private int beats(String node) {
    return jdbc.queryForObject(
        "select count(*) from quartz_beat where node = ?", Integer.class, node);
  }

  private List<String> states() {
    return jdbc.queryForList(
        "select instance_name from qrtz_scheduler_state where sched_name = 'kill-test'",
        String.class);
  }
}
