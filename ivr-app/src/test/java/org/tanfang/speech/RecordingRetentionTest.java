package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tanfang.testsupport.Database;
import org.tanfang.testsupport.MutableClock;
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
    jdbc.execute("truncate visit_answer, call_attempt, visit restart identity cascade");
    Database.clean(jdbc);
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
        true,
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
    OffsetDateTime now = OffsetDateTime.now(clock);
    jdbc.update(
        "insert into elder (name, sex, birth_date, id_number, address, district, street, community,"
            + " primary_phone, self_care, created_at, updated_at) values ('王阿婆', 'FEMALE',"
            + " date '1940-01-01', '460100194001010028', '海口', '美兰区', '白龙街道', '白龙社区',"
            + " '13800000001', true, ?, ?)",
        now,
        now);
    Long elder = jdbc.queryForObject("select id from elder", Long.class);
    jdbc.update(
        "insert into visit (elder_id, kind, created_at, updated_at) values (?, 'PHONE', ?, ?)",
        elder,
        now,
        now);
    return jdbc.queryForObject("select id from visit", Long.class);
  }

  private void answer(long visit, Path recording, Instant at) {
    jdbc.update(
        "insert into visit_answer (visit_id, question_id, area, method, intent, recording_path,"
            + " transcript, answered_at) values (?, 'health', 'HEALTH', 'SPEECH', 'FINE', ?,"
            + " 'i am fine', ?)",
        visit,
        recording.toString(),
        OffsetDateTime.ofInstant(at, clock.getZone()));
  }
}
