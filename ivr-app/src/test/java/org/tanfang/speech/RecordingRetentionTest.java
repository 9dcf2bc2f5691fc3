package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

@TanfangTest
class RecordingRetentionTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired JdbcClient client;
  @Autowired MutableClock clock;

  @TempDir Path recordings;

  @Autowired org.tanfang.visits.VisitAnswers visitAnswers;

  @BeforeEach
  void clean() {
    Rows.clean(jdbc);
  }

  @Test
  void recordingsOlderThanTheRetentionAreDeletedAndTranscriptsKept() throws Exception {
    Instant now = clock.instant();
    Path old = recording("2025/old.wav", now.minus(Duration.ofDays(91)));
    Path recent = recording("2026/recent.wav", now.minus(Duration.ofDays(89)));
    long visit = visit();
    answer(visit, old, now.minus(Duration.ofDays(91)));
    answer(visit, recent, now.minus(Duration.ofDays(89)));
    RecordingRetention retention = new RecordingRetention(properties(), visitAnswers, clock);

    RecordingRetention.Result result = retention.cleanUp();

    assertThat(result).isEqualTo(new RecordingRetention.Result(1, 1));
    assertThat(old).doesNotExist();
    assertThat(recent).exists();
    assertThat(
            jdbc.queryForList("select recording_path from visit_answer order by id", String.class))
        .containsExactly(null, recent.toString());
    assertThat(jdbc.queryForList("select transcript from visit_answer", String.class))
        .containsOnly("i am fine");

    clock.advance(Duration.ofDays(2));
    assertThat(retention.cleanUp()).isEqualTo(new RecordingRetention.Result(1, 1));
    assertThat(recent).doesNotExist();
  }

  private SpeechProperties properties() {
    return new SpeechProperties(
        Map.of(),
        1,
        1,
        Duration.ofSeconds(8),
        Duration.ofSeconds(10),
        SpeechProperties.Fallback.DISTRESS_GRAMMAR,
        recordings,
        Duration.ofDays(90),
        "-");
  }

  private Path recording(String name, Instant modified) throws Exception {
    Path file = recordings.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1, 2});
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  private long visit() {
    Rows rows = new Rows(jdbc);
    return rows.visit(rows.elder().save()).createdAt(clock.instant()).save();
  }

  private void answer(long visit, Path recording, Instant at) {
    new Rows(jdbc)
        .answer(visit)
        .to("health", "HEALTH")
        .spoken("FINE", "i am fine", recording.toString())
        .answeredAt(at)
        .save();
  }
}
