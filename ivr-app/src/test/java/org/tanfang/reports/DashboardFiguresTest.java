package org.tanfang.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.reports.CoverageFigures.MonthRate;
import org.tanfang.reports.CoverageFigures.Part;
import org.tanfang.reports.CoverageFigures.Uncovered;
import org.tanfang.shared.InvalidInputException;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TanfangTest;

/** The dashboard's figures from {@link DashboardFixtures}, whose answers are known. */
@TanfangTest
class DashboardFiguresTest {
  static final YearMonth MARCH = YearMonth.of(2026, 3);

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired Dashboard dashboard;
  DashboardFixtures f;

  @BeforeEach
  void setUp() {
    clock.setLocal("2026-03-20T10:00:00");
    f = new DashboardFixtures(jdbc);
  }

  @Test
  void theMonthlyRateCountsVisitsByLocalDaysAndEldersByEnrolment() {
    MonthFigures m = dashboard.month(MARCH, Area.CITY);

    assertThat(m.buckets().get("elders.inScope").ids())
        .containsExactlyInAnyOrder(f.a, f.b, f.c, f.d, f.e, f.f);
    // A's call at 00:00 on 1 March counts, B's at 23:59:59 on 28 February does not; D misses the
    // first half; E, enrolled on the 17th, owes only the second half and got it
    assertThat(m.buckets().get("elders.covered").ids()).containsExactlyInAnyOrder(f.a, f.c, f.e);
    assertThat(m.rate()).isEqualTo(0.5);
  }

  @Test
  void bothHalfMonthsAreMeasuredForHalfMonthElders() {
    MonthFigures m = dashboard.month(MARCH, Area.CITY);

    assertThat(m.buckets().get("half1.inScope").ids()).containsExactlyInAnyOrder(f.c, f.d);
    assertThat(m.buckets().get("half1.covered").ids()).containsExactly(f.c);
    assertThat(m.firstHalfRate()).isEqualTo(0.5);
    assertThat(m.secondHalfStarted()).isTrue();
    assertThat(m.buckets().get("half2.inScope").ids()).containsExactlyInAnyOrder(f.c, f.d, f.e);
    assertThat(m.secondHalfRate()).isEqualTo(1.0);
  }

  @Test
  void beforeTheSixteenthTheSecondHalfIsNotOwedYet() {
    clock.setLocal("2026-03-15T23:59:59");
    MonthFigures m = dashboard.month(MARCH, Area.CITY);

    assertThat(m.secondHalfStarted()).isFalse();
    assertThat(m.count("half2.inScope")).isZero();
    // F was enrolled on 10 March, E not yet
    assertThat(m.buckets().get("elders.inScope").ids())
        .containsExactlyInAnyOrder(f.a, f.b, f.c, f.d, f.f);
    // C's first-half call is dated 15 March; D's first call is still to come
    assertThat(m.buckets().get("elders.covered").ids()).containsExactlyInAnyOrder(f.a, f.c);
  }

  @Test
  void theTrendHasTwelveMonthsAndFebruaryKnowsOnlyItsOwnElders() {
    MonthFigures m = dashboard.month(MARCH, Area.CITY);

    assertThat(m.trend()).hasSize(12);
    assertThat(m.trend().get(0).month()).isEqualTo("2025-04");
    // enrolled on 1 January: nothing owed before
    assertThat(m.trend().get(8)).isEqualTo(new MonthRate("2025-12", 0, 0, 0));
    // February: A, B, C, D in scope (E and F came in March); only B was reached, at 23:59:59
    assertThat(m.trend().get(10)).isEqualTo(new MonthRate("2026-02", 4, 1, 0.25));
    assertThat(m.trend().get(11)).isEqualTo(new MonthRate("2026-03", 6, 3, 0.5));
  }

  @Test
  void uncoveredEldersComeMostVulnerableFirstWithTheirDaysLeft() {
    MonthFigures m = dashboard.month(MARCH, Area.CITY);

    assertThat(m.uncovered())
        .extracting(Uncovered::elderId, Uncovered::cycle, Uncovered::daysLeft)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(f.d, "2026-03-H1", 0),
            org.assertj.core.groups.Tuple.tuple(f.f, "2026-03-M", 12),
            org.assertj.core.groups.Tuple.tuple(f.b, "2026-03-M", 12));
    assertThat(m.uncovered()).extracting(Uncovered::risk).isSortedAccordingTo((x, y) -> y - x);
  }

  @Test
  void aDistrictIsSplitIntoItsStreets() {
    MonthFigures m = dashboard.month(MARCH, Area.of("美兰区", null, null, null));

    assertThat(m.count("elders.inScope")).isEqualTo(5);
    assertThat(m.parts())
        .containsExactly(new Part("海甸街道", 3, 2, 0.667), new Part("白沙街道", 2, 1, 0.5));
    MonthFigures grid = dashboard.month(MARCH, Area.of("美兰区", "白沙街道", "白沙社区", "白沙社区第1网格"));
    assertThat(grid.buckets().get("elders.inScope").ids()).containsExactlyInAnyOrder(f.d, f.e);
  }

  @Test
  void visitsByKindCountOnlyValidVisitsOfTheMonth() {
    MonthFigures m = dashboard.month(MARCH, Area.CITY);

    // A, C twice, D by phone; E at home. Not: A's invalid call, A's test call, B's February call
    assertThat(m.count("visits.PHONE")).isEqualTo(4);
    assertThat(m.count("visits.HOME")).isEqualTo(1);
  }

  @Test
  void casesByTypeWithDistressResponseTimes() {
    MonthFigures m = dashboard.month(MARCH, Area.CITY);

    assertThat(m.buckets().get("cases.DISTRESS").ids())
        .containsExactlyInAnyOrder(f.distressA, f.distressB, f.distressC);
    assertThat(m.buckets().get("cases.NEEDS").ids()).containsExactly(f.needsA);
    assertThat(m.distress().claimMedian()).isEqualTo(180.0);
    assertThat(m.distress().claimP90()).isEqualTo(276.0);
    assertThat(m.distress().resolveMedian()).isEqualTo(2100.0);
    assertThat(m.distress().resolveP90()).isEqualTo(3300.0);
    // B's resolved after its 15 minutes; C's still open and past due, and moved up a level
    assertThat(m.buckets().get("cases.overdue").ids())
        .containsExactlyInAnyOrder(f.distressB, f.distressC);
    assertThat(m.buckets().get("cases.escalated").ids()).containsExactly(f.distressC);
  }

  @Test
  void reachabilityShares() {
    MonthFigures m = dashboard.month(MARCH, Area.CITY);

    assertThat(m.count("calls.all")).isEqualTo(5);
    assertThat(m.share("calls.ANSWERED", "calls.all")).isEqualTo(0.2);
    assertThat(m.share("calls.NO_ANSWER", "calls.all")).isEqualTo(0.2);
    assertThat(m.share("calls.BUSY", "calls.all")).isEqualTo(0.2);
    assertThat(m.share("calls.INVALID_NUMBER", "calls.all")).isEqualTo(0.2);
    assertThat(m.share("calls.OTHER", "calls.all")).isEqualTo(0.2);
    assertThat(m.buckets().get("elders.unreachable").ids()).containsExactly(f.f);
  }

  @Test
  void needsByKindAndFollowedUp() {
    MonthFigures m = dashboard.month(MARCH, Area.CITY);

    assertThat(m.count("needs.all")).isEqualTo(2);
    assertThat(m.count("needs.all.followed")).isEqualTo(1);
    assertThat(m.count("needs.FOOD")).isEqualTo(1);
    assertThat(m.count("needs.FOOD.followed")).isEqualTo(1);
    assertThat(m.count("needs.REPAIRS.followed")).isEqualTo(1);
    assertThat(m.count("needs.MEDICINE")).isEqualTo(1);
    assertThat(m.count("needs.MEDICINE.followed")).isZero();
  }

  @Test
  void everyActivityFigureHonoursTheArea() {
    MonthFigures longhua = dashboard.month(MARCH, Area.of("龙华区", null, null, null));

    assertThat(longhua.buckets().get("elders.inScope").ids()).containsExactly(f.f);
    assertThat(longhua.count("cases.DISTRESS")).isZero(); // F's was in February
    assertThat(longhua.count("calls.all")).isEqualTo(1);
    assertThat(longhua.count("needs.all")).isZero();
    assertThat(longhua.count("visits.PHONE")).isZero();
    assertThat(longhua.buckets().get("elders.unreachable").ids()).containsExactly(f.f);
  }

  @Test
  void anAreaMustBeAPrefix() {
    assertThatThrownBy(() -> Area.of(null, "海甸街道", null, null))
        .isInstanceOf(InvalidInputException.class);
  }
}
