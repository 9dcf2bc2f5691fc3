package org.tanfang.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/**
 * {@code visit_check} (V55) follows every change of a visit's dials and answers: the shortest
 * answered dial, and the keypad answers other than identity (how many, one key or several, from the
 * first to the last), and whether an answer confirmed the identity (V58).
 */
@TanfangTest
class VisitCheckTest {
  @Autowired JdbcTemplate jdbc;
  Rows rows;
  long visit;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    long elder = rows.elder().in("美兰区", "海甸街道", "沿江社区").save();
    visit = rows.visit(elder).valid(true).status("DONE").endedAt(local("10:05:00")).save();
  }

  static Instant local(String time) {
    return LocalDateTime.parse("2026-03-03T" + time).atZone(MutableClock.SHANGHAI).toInstant();
  }

  /** The visit's row: shortest call in seconds, answers, one key, span in seconds; or null. */
  private List<Object> check() {
    List<Object> row = row(visit);
    return row == null ? null : row.subList(0, 4);
  }

  /** The row of {@code id} with identity_confirmed last (5 columns), or null. */
  private List<Object> row(long id) {
    List<List<Object>> row =
        jdbc.query(
            "select extract(epoch from shortest_call)::integer, keypad_answers, keypad_one_key,"
                + " extract(epoch from keypad_span)::integer, identity_confirmed from visit_check"
                + " where visit_id = ?",
            (rs, n) ->
                java.util.Arrays.asList(
                    rs.getObject(1),
                    rs.getObject(2),
                    rs.getObject(3),
                    rs.getObject(4),
                    rs.getObject(5)),
            id);
    return row.isEmpty() ? null : row.get(0);
  }

  private long key(String key, String at) {
    return rows.answer(visit)
        .to("q" + at, "HEALTH")
        .pressed(key, "FINE")
        .answeredAt(local(at))
        .save();
  }

  @Test
  void theShortestAnsweredDialFollowsInsertsUpdatesAndDeletes() {
    assertThat(check()).isNull();
    rows.attempt(visit)
        .number(1)
        .ended("NO_ANSWER", local("10:00:00"))
        .due(local("10:00:00"))
        .phone("1")
        .save();
    assertThat(check()).isNull(); // not answered: nothing to keep
    long longCall =
        rows.attempt(visit).number(2).answered(local("10:01:00"), 150).phone("1").save();
    assertThat(check()).containsExactly(150, 0, false, null);
    long shortCall =
        rows.attempt(visit).number(3).answered(local("10:04:00"), 20).phone("1").save();
    assertThat(check()).containsExactly(20, 0, false, null);

    jdbc.update(
        "update call_attempt set ended_at = answered_at + interval '200 seconds' where id = ?",
        shortCall);
    assertThat(check()).containsExactly(150, 0, false, null);
    jdbc.update("update call_attempt set result = 'BUSY' where id = ?", longCall);
    assertThat(check()).containsExactly(200, 0, false, null);
    jdbc.update("delete from call_attempt where id = ?", shortCall);
    assertThat(check()).isNull();
  }

  @Test
  void keypadAnswersOtherThanIdentityFollowEveryChange() {
    rows.answer(visit)
        .to("identity", "IDENTITY")
        .pressed("2", "NO")
        .answeredAt(local("10:00:00"))
        .save();
    assertThat(check()).isNull(); // identity aside (and not confirmed)
    key("1", "10:01:00");
    key("1", "10:01:02");
    long third = key("1", "10:01:04");
    assertThat(check()).containsExactly(null, 3, true, 4);
    rows.answer(visit)
        .to("spoken", "LIVING")
        .spoken("FINE", "好", null)
        .answeredAt(local("10:02:00"))
        .save();
    assertThat(check()).containsExactly(null, 3, true, 4); // a spoken answer is not a key

    jdbc.update("update visit_answer set raw_key = '2' where id = ?", third);
    assertThat(check()).containsExactly(null, 3, false, 4);
    jdbc.update(
        "update visit_answer set raw_key = '1', answered_at = ? where id = ?",
        Timestamp.from(local("10:01:30")),
        third);
    assertThat(check()).containsExactly(null, 3, true, 30);
    jdbc.update("delete from visit_answer where id = ?", third);
    assertThat(check()).containsExactly(null, 2, true, 2);
    jdbc.update("delete from visit_answer where visit_id = ? and area <> 'IDENTITY'", visit);
    assertThat(check()).isNull();
  }

  @Test
  void identityConfirmedFollowsInsertsUpdatesMovesAndDeletes() {
    long elder = jdbc.queryForObject("select elder_id from visit where id = ?", Long.class, visit);
    long other = rows.visit(elder).valid(true).save();
    long unclear =
        rows.answer(visit)
            .to("identity", "IDENTITY")
            .pressed("3", "UNCLEAR")
            .answeredAt(local("10:00:00"))
            .save();
    assertThat(row(visit)).isNull();
    long yes =
        rows.answer(visit)
            .to("identity", "IDENTITY")
            .pressed("1", "YES")
            .answeredAt(local("10:00:10"))
            .save();
    assertThat(row(visit)).containsExactly(null, 0, false, null, true);
    // the intent changed: the trigger follows intent too
    jdbc.update("update visit_answer set intent = 'NO' where id = ?", yes);
    assertThat(row(visit)).isNull();
    jdbc.update("update visit_answer set intent = 'YES' where id = ?", unclear);
    assertThat(row(visit)).containsExactly(null, 0, false, null, true);
    // a YES to another question is not an identity answer
    jdbc.update("update visit_answer set area = 'HEALTH', method = 'SPEECH' where id = ?", unclear);
    assertThat(row(visit)).isNull();
    jdbc.update(
        "update visit_answer set area = 'IDENTITY', method = 'KEYPAD' where id = ?", unclear);
    // a dial and a keypad answer beside it, then the identity answer goes: the row stays for them
    rows.attempt(visit).number(1).answered(local("10:01:00"), 150).phone("1").save();
    key("1", "10:01:00");
    assertThat(row(visit)).containsExactly(150, 1, true, 0, true);
    jdbc.update("delete from visit_answer where id = ?", unclear);
    assertThat(row(visit)).containsExactly(150, 1, true, 0, false);
    // moved to the other visit: confirmed there, not here
    jdbc.update("update visit_answer set intent = 'YES' where id = ?", yes);
    assertThat(row(visit)).containsExactly(150, 1, true, 0, true);
    jdbc.update("update visit_answer set visit_id = ? where id = ?", other, yes);
    assertThat(row(visit)).containsExactly(150, 1, true, 0, false);
    assertThat(row(other)).containsExactly(null, 0, false, null, true);
    // a dial of the confirmed visit that ends unanswered keeps the row (the flag is the answers')
    long dial = rows.attempt(other).number(1).answered(local("10:05:00"), 30).phone("1").save();
    assertThat(row(other)).containsExactly(30, 0, false, null, true);
    jdbc.update("delete from call_attempt where id = ?", dial);
    assertThat(row(other)).containsExactly(null, 0, false, null, true);
    jdbc.update("delete from visit_answer where id = ?", yes);
    assertThat(row(other)).isNull();
  }

  @Test
  void anAnswerMovedToAnotherVisitRecountsBoth() {
    long other =
        rows.visit(
                jdbc.queryForObject("select elder_id from visit where id = ?", Long.class, visit))
            .valid(true)
            .save();
    key("1", "10:01:00");
    long moved = key("1", "10:01:02");
    jdbc.update("update visit_answer set visit_id = ? where id = ?", other, moved);
    assertThat(check()).containsExactly(null, 1, true, 0);
    assertThat(
            jdbc.queryForObject(
                "select keypad_answers from visit_check where visit_id = ?", Integer.class, other))
        .isEqualTo(1);
  }

  @Test
  void aRebuildCountsTheSameAsTheTriggers() {
    rows.attempt(visit).number(1).answered(local("10:01:00"), 25).phone("1").save();
    rows.attempt(visit).number(2).answered(local("10:03:00"), 90).phone("1").save();
    key("1", "10:01:00");
    key("3", "10:01:05");
    long elder = jdbc.queryForObject("select elder_id from visit where id = ?", Long.class, visit);
    long keysOnly = rows.visit(elder).valid(true).save();
    rows.answer(keysOnly)
        .to("health", "HEALTH")
        .pressed("1", "FINE")
        .answeredAt(local("09:00:00"))
        .save();
    // confirmed only (no dial, no keypad answer but identity), and confirmed beside the rest
    long identityOnly = rows.visit(elder).valid(true).save();
    rows.answer(identityOnly)
        .to("identity", "IDENTITY")
        .pressed("1", "YES")
        .answeredAt(local("09:00:00"))
        .save();
    rows.answer(visit)
        .to("identity", "IDENTITY")
        .pressed("1", "YES")
        .answeredAt(local("10:00:00"))
        .save();
    long denied = rows.visit(elder).valid(true).save();
    rows.answer(denied)
        .to("identity", "IDENTITY")
        .pressed("2", "NO")
        .answeredAt(local("09:00:00"))
        .save();
    String all =
        "select visit_id, shortest_call, keypad_answers, keypad_one_key, keypad_span,"
            + " identity_confirmed from visit_check order by visit_id";
    List<Map<String, Object>> kept = jdbc.queryForList(all);
    jdbc.execute("select visit_check_rebuild()");
    assertThat(jdbc.queryForList(all)).isEqualTo(kept).hasSize(3);
    assertThat(row(identityOnly)).containsExactly(null, 0, false, null, true);
    assertThat(row(denied)).isNull();
  }
}
