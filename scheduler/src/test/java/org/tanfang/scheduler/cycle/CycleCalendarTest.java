package org.tanfang.scheduler.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CycleCalendarTest {

  private final CycleCalendar calendar = CycleCalendar.haikou();

  @ParameterizedTest(name = "{0} {1} → {2}..{3}")
  @CsvSource({
    "HALF_MONTH, 2026-03-01, 2026-03-01, 2026-03-15",
    "HALF_MONTH, 2026-03-15, 2026-03-01, 2026-03-15",
    "HALF_MONTH, 2026-03-16, 2026-03-16, 2026-03-31",
    "HALF_MONTH, 2026-04-30, 2026-04-16, 2026-04-30",
    "HALF_MONTH, 2026-02-20, 2026-02-16, 2026-02-28",
    "HALF_MONTH, 2028-02-29, 2028-02-16, 2028-02-29",
    "MONTH, 2028-02-10, 2028-02-01, 2028-02-29",
    "MONTH, 2026-02-10, 2026-02-01, 2026-02-28",
    "MONTH, 2026-12-31, 2026-12-01, 2026-12-31",
  })
  void shouldFindTheCycleContainingALocalDate(
      CycleKind kind, LocalDate date, LocalDate first, LocalDate last) {
    VisitCycle cycle = calendar.containing(kind, date);

    assertThat(cycle.firstDay()).isEqualTo(first);
    assertThat(cycle.lastDay()).isEqualTo(last);
    assertThat(cycle.contains(date)).isTrue();
  }

  @Test
  void shouldPlaceMidnightUtcOnTheNextHaikouDayWhenTheClockIsUtc() {
    Clock utc = Clock.fixed(Instant.parse("2026-01-31T16:00:00Z"), ZoneOffset.UTC);

    VisitCycle cycle = calendar.current(CycleKind.HALF_MONTH, utc);

    assertThat(calendar.today(utc)).isEqualTo(LocalDate.of(2026, 2, 1));
    assertThat(cycle.id()).isEqualTo("2026-02-H1");
  }

  @Test
  void shouldKeepTheLastSecondBeforeHaikouMidnightInTheOldCycle() {
    VisitCycle cycle = calendar.containing(CycleKind.MONTH, Instant.parse("2026-01-31T15:59:59Z"));

    assertThat(cycle.id()).isEqualTo("2026-01-M");
  }

  @Test
  void shouldBoundACycleByHaikouMidnights() {
    VisitCycle cycle = calendar.containing(CycleKind.HALF_MONTH, LocalDate.of(2026, 2, 20));

    assertThat(cycle.start()).isEqualTo(Instant.parse("2026-02-15T16:00:00Z"));
    assertThat(cycle.end()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
    assertThat(cycle.contains(Instant.parse("2026-02-28T15:59:59Z"))).isTrue();
    assertThat(cycle.contains(Instant.parse("2026-02-28T16:00:00Z"))).isFalse();
    assertThat(cycle.contains(Instant.parse("2026-02-15T15:59:59Z"))).isFalse();
  }

  @ParameterizedTest(name = "{0} cycle from {1} has {2} days")
  @CsvSource({
    "HALF_MONTH, 2026-01-01, 15",
    "HALF_MONTH, 2026-01-16, 16",
    "HALF_MONTH, 2026-02-16, 13",
    "HALF_MONTH, 2028-02-16, 14",
    "HALF_MONTH, 2026-04-16, 15",
    "MONTH, 2026-02-01, 28",
    "MONTH, 2028-02-01, 29",
    "MONTH, 2026-04-01, 30",
    "MONTH, 2026-07-01, 31",
  })
  void shouldFollowMonthLengths(CycleKind kind, LocalDate first, int days) {
    assertThat(calendar.containing(kind, first).lengthInDays()).isEqualTo(days);
  }

  @Test
  void shouldStepToNextAndPreviousCyclesAcrossYears() {
    VisitCycle lateDecember = calendar.containing(CycleKind.HALF_MONTH, LocalDate.of(2026, 12, 20));

    assertThat(lateDecember.next().id()).isEqualTo("2027-01-H1");
    assertThat(lateDecember.next().previous()).isEqualTo(lateDecember);
    assertThat(lateDecember.previous().id()).isEqualTo("2026-12-H1");
    assertThat(calendar.containing(CycleKind.MONTH, LocalDate.of(2027, 1, 5)).previous().id())
        .isEqualTo("2026-12-M");
  }

  @ParameterizedTest(name = "on {0}: {1} days left")
  @CsvSource({
    "2026-01-31, 16",
    "2026-02-16, 13",
    "2026-02-26, 3",
    "2026-02-28, 1",
    "2026-03-01, 0",
  })
  void shouldCountDaysLeftIncludingToday(LocalDate today, int left) {
    VisitCycle cycle = calendar.containing(CycleKind.HALF_MONTH, LocalDate.of(2026, 2, 16));

    assertThat(cycle.daysLeft(today)).isEqualTo(Math.min(left, cycle.lengthInDays()));
  }

  @Test
  void shouldSplitAMonthIntoItsCycles() {
    assertThat(calendar.cyclesIn(CycleKind.HALF_MONTH, YearMonth.of(2028, 2)))
        .extracting(VisitCycle::id)
        .containsExactly("2028-02-H1", "2028-02-H2");
    assertThat(calendar.cyclesIn(CycleKind.MONTH, YearMonth.of(2028, 2)))
        .extracting(VisitCycle::id)
        .containsExactly("2028-02-M");
  }

  @Test
  void shouldRejectACycleThatDoesNotStartOnACycleBoundary() {
    assertThatThrownBy(
            () -> new VisitCycle(CycleKind.HALF_MONTH, LocalDate.of(2026, 2, 10), calendar.zone()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not start a HALF_MONTH cycle");
  }
}
