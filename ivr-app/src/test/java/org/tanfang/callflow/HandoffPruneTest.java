package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;

/**
 * {@code handoff_applied} keeps the keys of applied outcomes and listen requests only for the
 * journal's replay window ({@code keep-applied}), by the injected clock; an entry older than that
 * is not applied again blindly.
 */
@TanfangTest
class HandoffPruneTest {
  @Autowired Handoff handoff;
  @Autowired HandoffProperties props;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;

  private final String run = UUID.randomUUID().toString();
  private Rows rows;

  @BeforeEach
  void cleanSlate() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    clock.setLocal(TestClockConfig.START);
  }

  @AfterEach
  void clockBack() {
    clock.setLocal(TestClockConfig.START);
  }

  private void applied(String key, Instant at) {
    jdbc.update(
        "insert into handoff_applied (key, applied_at) values (?, ?)", key, Timestamp.from(at));
  }

  private List<String> keys() {
    return jdbc.queryForList(
        "select key from handoff_applied where key like ? order by key", String.class, run + "%");
  }

  private static Handoff.Entry finished(String key, long visitId, String outcome, Instant at) {
    return Handoff.Entry.finished(key, visitId, null, 0, true, false, outcome, at);
  }

  @Test
  void givenKeysEitherSideOfTheReplayWindow_whenPruned_thenOnlyTheOlderOnesGo() {
    Instant now = clock.instant();
    applied(run + "-old", now.minus(props.keepApplied()).minus(Duration.ofHours(1)));
    applied(run + "-recent", now.minus(props.keepApplied()).plus(Duration.ofHours(1)));

    handoff.prune();
    assertThat(keys()).containsExactly(run + "-recent");

    clock.advance(Duration.ofHours(2)); // now the recent one is past the window too
    handoff.prune();
    assertThat(keys()).isEmpty();
  }

  @Test
  void givenAWriteAnHourAfterTheLastPrune_whenApplied_thenTheWriterPrunesByItself() {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("IN_PROGRESS").save();
    handoff.prune();
    applied(run + "-old", clock.instant().minus(props.keepApplied()).minusSeconds(1));
    // Not due yet: a write right after the last prune leaves it.
    assertThat(handoff.apply(finished(run + "-1", visit, "PARTIAL", clock.instant()))).isTrue();
    assertThat(keys()).contains(run + "-old");

    clock.advance(Handoff.PRUNE_EVERY);
    assertThat(handoff.apply(finished(run + "-2", visit, "COMPLETED", clock.instant()))).isTrue();
    assertThat(keys()).containsExactly(run + "-1", run + "-2");
    // Applied at the injected clock's time, not the database's.
    assertThat(
            jdbc.queryForObject(
                "select applied_at from handoff_applied where key = ?",
                Timestamp.class,
                run + "-2"))
        .isEqualTo(Timestamp.from(clock.instant()));
  }

  @Test
  void givenAnOutcomeJournalledLongerAgoThanTheWindow_whenReplayed_thenItIsKeptAsideNotApplied()
      throws Exception {
    long elder = rows.elder().save();
    long visit = rows.visit(elder).status("IN_PROGRESS").save();
    Instant longAgo = clock.instant().minus(props.keepApplied()).minus(Duration.ofDays(1));

    assertThat(handoff.apply(finished(run + "-stale", visit, "PARTIAL", longAgo))).isTrue();

    assertThat(keys()).isEmpty();
    assertThat(jdbc.queryForObject("select outcome from visit where id = ?", String.class, visit))
        .isNull();
    assertThat(Files.readString(handoff.journalFile().resolveSibling(Handoff.DEAD)))
        .contains(run + "-stale");
  }
}
