package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.TanfangApplication;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.Telephony;

/**
 * A graceful stop (what SIGTERM does: the context closes) in the middle of two calls: dialling
 * stops, a call that ends within {@code drain-timeout} finishes as usual, a longer one is asked to
 * say goodbye at its next question, and both outcomes are in the database, which closes last. Its
 * own application (the shared test context must not be closed), on a data folder read afterwards.
 */
class GracefulStopTest {
  @TempDir Path dataDir;

  @Test
  void shouldLetCallsFinishAndWriteEveryOutcomeBeforeTheDatabaseCloses() throws Exception {
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TanfangApplication.class)
            .profiles("test")
            .run(
                "--spring.datasource.url=",
                "--tanfang.embedded-db.data-dir=" + dataDir,
                "--server.port=0",
                "--tanfang.telephony.drain-timeout=6s",
                "--tanfang.telephony.wrap-up-timeout=20s");
    AsteriskSim sim = app.getBean(AsteriskSim.class);
    ElderService elders = app.getBean(ElderService.class);
    TestCalls calls = app.getBean(TestCalls.class);
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    Dialer dialer = app.getBean(Dialer.class);
    Elder quick = Telephony.elder(elders, sim, pressingOneEvery(300));
    Elder slow = Telephony.elder(elders, sim, pressingOneEvery(4000));
    long quickAttempt = calls.place(quick.id(), TestCalls.Origin.STAFF).attemptId();
    long slowAttempt = calls.place(slow.id(), TestCalls.Origin.STAFF).attemptId();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from call_attempt where status = 'IN_CALL'", Integer.class)
                    == 2);

    app.close();

    assertThat(sim.liveChannels()).isEmpty();
    assertThat(dialer.freeChannels()).as("no dialling once stopping").isZero();
    CallRecord slowCall = sim.callsTo(slow.primaryPhone()).get(0);
    assertThat(slowCall.prompts()).last().asString().endsWith("/goodbye");
    try (EmbeddedPostgres db =
        EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start()) {
      JdbcTemplate after = new JdbcTemplate(db.getPostgresDatabase());
      assertThat(outcome(after, quickAttempt))
          .containsEntry("status", "ENDED")
          .containsEntry("result", "ANSWERED")
          .containsEntry("outcome", "COMPLETED")
          .containsEntry("answers", 7L);
      assertThat(outcome(after, slowAttempt))
          .containsEntry("status", "ENDED")
          .containsEntry("result", "ANSWERED")
          .containsEntry("outcome", "PARTIAL")
          .satisfies(a -> assertThat((Long) a.get("answers")).isBetween(1L, 6L));
      assertThat(
              after.queryForList(
                  "select status from call_attempt where status in ('DIALING', 'IN_CALL')",
                  String.class))
          .isEmpty();
    }
  }

  private static CalleeScript pressingOneEvery(long ms) {
    return CalleeScript.answers().thenAlways(new CalleeReply.Digits("1", ms)).build();
  }

  private static Map<String, Object> outcome(JdbcTemplate jdbc, long attemptId) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "select a.status, a.result, v.outcome,"
                + " (select count(*) from visit_answer x where x.visit_id = v.id) as answers"
                + " from call_attempt a join visit v on v.id = a.visit_id where a.id = ?",
            attemptId);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }
}
