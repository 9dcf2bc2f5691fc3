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
    jdbc.update("delete from qrtz_scheduler_state where sched_name = 'kill-test'");
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
    await().atMost(Duration.ofSeconds(60)).until(() -> beats("node-a") > 3);

    nodeB.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> states().containsAll(List.of("node-a", "node-b")));
    nodeA.destroyForcibly().waitFor();
    int beatsOfB = beats("node-b");

    await().atMost(Duration.ofSeconds(30)).until(() -> !states().contains("node-a"));
    await().atMost(Duration.ofSeconds(30)).until(() -> beats("node-b") > beatsOfB + 5);
    assertThat(states()).containsExactly("node-b");
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
