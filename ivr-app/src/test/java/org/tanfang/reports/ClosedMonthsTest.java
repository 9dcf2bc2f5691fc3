package org.tanfang.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tanfang.reports.DashboardFixtures.local;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.reports.CoverageFigures.MonthRate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/**
 * The trend's closed months as stored ({@code coverage_month}, V53), on {@link DashboardFixtures}
 * seen on 10 April: February (A, B, C, D in scope, only B reached) and March (six in scope, A, C, E
 * covered).
 */
@TanfangTest
class ClosedMonthsTest {
  static final YearMonth FEBRUARY = YearMonth.of(2026, 2);
  static final YearMonth MARCH = YearMonth.of(2026, 3);
  static final YearMonth APRIL = YearMonth.of(2026, 4);

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired Dashboard dashboard;
  DashboardFixtures f;
  Rows rows;

  @BeforeEach
  void setUp() {
    clock.setLocal("2026-04-10T10:00:00");
    f = new DashboardFixtures(jdbc);
    rows = new Rows(jdbc);
  }

  @Test
  void closedMonthsAreStoredOnFirstViewWithTheFiguresTheMonthItselfShows() {
    assertThat(stored()).isEmpty();

    List<MonthRate> trend = dashboard.month(APRIL, Area.CITY).trend();

    assertThat(stored()).hasSize(11).contains(FEBRUARY.atDay(1), MARCH.atDay(1));
    assertThat(month(trend, FEBRUARY)).isEqualTo(new MonthRate("2026-02", 4, 1, 0.25));
    assertThat(month(trend, MARCH)).isEqualTo(new MonthRate("2026-03", 6, 3, 0.5));
    // the same as March chosen (counted now, not stored), and as a district's stored rows add up
    MonthFigures march = dashboard.month(MARCH, Area.CITY);
    assertThat(march.count("elders.inScope")).isEqualTo(6);
    assertThat(march.count("elders.covered")).isEqualTo(3);
    assertThat(month(dashboard.month(APRIL, Area.of("美兰区", null, null, null)).trend(), MARCH))
        .isEqualTo(new MonthRate("2026-03", 5, 3, 0.6));
    assertThat(month(dashboard.month(APRIL, Area.of("龙华区", null, null, null)).trend(), MARCH))
        .isEqualTo(new MonthRate("2026-03", 1, 0, 0));
  }

  @Test
  void aVisitArrivingForAClosedMonthIsFiledByLocalMidnightAndCountedAtTheNextView() {
    dashboard.month(APRIL, Area.CITY);

    // B reached at the local midnight opening March (16:00 UTC on 28 February): March, not February
    valid(f.b, "2026-03-01T00:00:00");
    assertThat(stored()).contains(FEBRUARY.atDay(1)).doesNotContain(MARCH.atDay(1));
    List<MonthRate> trend = dashboard.month(APRIL, Area.CITY).trend();
    assertThat(month(trend, MARCH)).isEqualTo(new MonthRate("2026-03", 6, 4, 0.667));
    assertThat(month(trend, FEBRUARY)).isEqualTo(new MonthRate("2026-02", 4, 1, 0.25));

    // A reached one second before that midnight: February
    valid(f.a, "2026-02-28T23:59:59");
    assertThat(stored()).contains(MARCH.atDay(1)).doesNotContain(FEBRUARY.atDay(1));
    trend = dashboard.month(APRIL, Area.CITY).trend();
    assertThat(month(trend, FEBRUARY)).isEqualTo(new MonthRate("2026-02", 4, 2, 0.5));
    assertThat(month(trend, MARCH)).isEqualTo(new MonthRate("2026-03", 6, 4, 0.667));
  }

  @Test
  void aVisitMadeInvalidOrDeletedLaterDropsItsMonth() {
    dashboard.month(APRIL, Area.CITY);
    long visitB =
        jdbc.queryForObject("select id from visit where elder_id = ? and valid", Long.class, f.b);

    jdbc.update("update visit set valid = false where id = ?", visitB);

    assertThat(stored()).doesNotContain(FEBRUARY.atDay(1)).contains(MARCH.atDay(1));
    assertThat(month(dashboard.month(APRIL, Area.CITY).trend(), FEBRUARY))
        .isEqualTo(new MonthRate("2026-02", 4, 0, 0));
  }

  @Test
  void aStoredMonthKeepsTheRegistryAsItStoodLikeAnIssuedReport() {
    dashboard.month(APRIL, Area.CITY);

    jdbc.update("update elder set status = 'DECEASED' where id = ?", f.a);

    // the closed month as stored; the month chosen is counted from the registry as it is now
    assertThat(month(dashboard.month(APRIL, Area.CITY).trend(), MARCH))
        .isEqualTo(new MonthRate("2026-03", 6, 3, 0.5));
    assertThat(dashboard.month(MARCH, Area.CITY).count("elders.inScope")).isEqualTo(5);
  }

  private void valid(long elder, String localAt) {
    rows.visit(elder)
        .valid(true)
        .status("DONE")
        .outcome("COMPLETED")
        .endedAt(local(localAt))
        .save();
  }

  private List<LocalDate> stored() {
    return jdbc.queryForList("select month from coverage_month_stored", LocalDate.class);
  }

  private static MonthRate month(List<MonthRate> trend, YearMonth month) {
    return trend.stream().filter(m -> m.month().equals(month.toString())).findFirst().orElseThrow();
  }
}
