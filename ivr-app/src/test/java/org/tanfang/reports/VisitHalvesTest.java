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
 * {@code elder_visit_halves} (V51) follows every change of a visit: the half months of a year with
 * a valid, non-TEST visit, in local days (bit 2·(month−1), +1 from the 16th).
 */
@TanfangTest
class VisitHalvesTest {
  @Autowired JdbcTemplate jdbc;
  Rows rows;
  long elder;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    elder = rows.elder().named("甲").in("美兰区", "海甸街道", "沿江社区").save();
  }

  static Instant local(String at) {
    return LocalDateTime.parse(at).atZone(MutableClock.SHANGHAI).toInstant();
  }

  private Map<Integer, Integer> halves() {
    Map<Integer, Integer> byYear = new java.util.TreeMap<>();
    jdbc.query(
        "select year, halves from elder_visit_halves where elder_id = ?",
        rs -> {
          byYear.put(rs.getInt(1), rs.getInt(2));
        },
        elder);
    return byYear;
  }

  private long visit(String at, boolean valid) {
    return rows.visit(elder).valid(valid).status("DONE").endedAt(local(at)).save();
  }

  @Test
  void bitsFollowInsertsAtLocalMidnight() {
    // 15 March 23:59:59 local is the first half; 16 March 00:00 the second (15:59:59Z / 16:00Z)
    visit("2026-03-15T23:59:59", true);
    assertThat(halves()).isEqualTo(Map.of(2026, 1 << 4));
    visit("2026-03-16T00:00:00", true);
    assertThat(halves()).isEqualTo(Map.of(2026, (1 << 4) | (1 << 5)));
    // 1 January 00:00 local is still 31 December in UTC: it is 2026's first bit
    visit("2026-01-01T00:00:00", true);
    visit("2025-12-31T23:59:59", true);
    assertThat(halves()).isEqualTo(Map.of(2025, 1 << 23, 2026, 1 | (1 << 4) | (1 << 5)));
    // invalid and TEST visits count for nothing
    visit("2026-07-01T10:00:00", false);
    rows.visit(elder)
        .purpose("TEST")
        .valid(true)
        .status("DONE")
        .endedAt(local("2026-08-01T10:00:00"))
        .save();
    assertThat(halves().get(2026)).isEqualTo(1 | (1 << 4) | (1 << 5));
  }

  @Test
  void aVisitMadeInvalidMovedOrDeletedClearsItsBitUnlessAnotherVisitHoldsIt() {
    long first = visit("2026-03-02T10:00:00", true);
    long second = visit("2026-03-03T10:00:00", true);
    jdbc.update("update visit set valid = false where id = ?", first);
    assertThat(halves()).isEqualTo(Map.of(2026, 1 << 4)); // the second still holds it
    jdbc.update("update visit set valid = false where id = ?", second);
    assertThat(halves()).isEmpty();

    jdbc.update("update visit set valid = true where id = ?", second);
    assertThat(halves()).isEqualTo(Map.of(2026, 1 << 4));
    jdbc.update(
        "update visit set ended_at = ? where id = ?",
        Timestamp.from(local("2026-04-20T10:00:00")),
        second);
    assertThat(halves()).isEqualTo(Map.of(2026, 1 << 7));
    jdbc.update("update visit set purpose = 'TEST' where id = ?", second);
    assertThat(halves()).isEmpty();
    jdbc.update("update visit set purpose = 'ROUTINE' where id = ?", second);
    jdbc.update("delete from visit where id = ?", second);
    assertThat(halves()).isEmpty();
    assertThat(jdbc.queryForList("select elder_id from elder_visit_halves", Long.class))
        .isEqualTo(List.of());
  }

  @Test
  void aRebuildCountsTheSameAsTheTrigger() {
    visit("2026-03-02T10:00:00", true);
    visit("2026-05-20T10:00:00", true);
    visit("2025-11-02T10:00:00", true);
    Map<Integer, Integer> kept = halves();
    jdbc.execute("select elder_visit_halves_rebuild()");
    assertThat(halves()).isEqualTo(kept).hasSize(2);
  }
}
