package org.tanfang.scheduler.festival;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FestivalCalendarTest {

  private final FestivalCalendar calendar = FestivalCalendar.defaults();

  /**
   * Dates from published sources, not from this code: the State Council's 2026 holiday notice (国办
   * 2025-11-04: 2月15日 is 腊月二十八 and 23日 正月初七, so 春节 is 17 Feb and 除夕, 腊月二十九, is 16 Feb; 端午 19 Jun;
   * 中秋 25 Sep), earlier years' notices and perpetual calendars (万年历) for 2015–2027. 2024 and 2025
   * had no 腊月三十: 除夕 was the 29th.
   */
  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource({
    "SPRING_FESTIVAL, 2024, 2024-02-10",
    "SPRING_FESTIVAL, 2025, 2025-01-29",
    "SPRING_FESTIVAL, 2026, 2026-02-17",
    "SPRING_FESTIVAL, 2027, 2027-02-06",
    "SPRING_FESTIVAL, 2023, 2023-01-22",
    "SPRING_FESTIVAL, 2030, 2030-02-03",
    "LANTERN, 2027, 2027-02-20",
    "QIXI, 2012, 2012-08-23",
    "NEW_YEARS_EVE, 2024, 2024-02-09",
    "NEW_YEARS_EVE, 2025, 2025-01-28",
    "NEW_YEARS_EVE, 2026, 2026-02-16",
    "LANTERN, 2026, 2026-03-03",
    "LANTERN, 2025, 2025-02-12",
    "DRAGON_BOAT, 2024, 2024-06-10",
    "DRAGON_BOAT, 2026, 2026-06-19",
    "DRAGON_BOAT, 2023, 2023-06-22",
    "QIXI, 2026, 2026-08-19",
    "MID_AUTUMN, 2015, 2015-09-27",
    "MID_AUTUMN, 2016, 2016-09-15",
    "MID_AUTUMN, 2017, 2017-10-04",
    "MID_AUTUMN, 2020, 2020-10-01",
    "MID_AUTUMN, 2024, 2024-09-17",
    "MID_AUTUMN, 2025, 2025-10-06",
    "MID_AUTUMN, 2026, 2026-09-25",
    "MID_AUTUMN, 2027, 2027-09-15",
    "DOUBLE_NINTH, 2024, 2024-10-11",
    "DOUBLE_NINTH, 2025, 2025-10-29",
    "DOUBLE_NINTH, 2026, 2026-10-18",
    "QINGMING, 2024, 2024-04-04",
    "QINGMING, 2025, 2025-04-04",
    "QINGMING, 2026, 2026-04-05",
    "QINGMING, 2027, 2027-04-05",
    "QINGMING, 2008, 2008-04-04",
  })
  void shouldComputeFestivalDatesFromTheLunarCalendar(Festival festival, int year, LocalDate date) {
    assertThat(FestivalCalendar.dateOf(festival, year)).isEqualTo(date);
  }

  @Test
  void shouldNotTakeALeapMonthForTheFestivalMonth() {
    // 2025 has a leap sixth month (闰六月) and 2023 a leap second month; festivals use the
    // ordinary months.
    assertThat(FestivalCalendar.dateOf(Festival.MID_AUTUMN, 2025)).isEqualTo("2025-10-06");
    assertThat(FestivalCalendar.dateOf(Festival.DRAGON_BOAT, 2023)).isEqualTo("2023-06-22");
  }

  @Test
  void shouldOpenTheGreetingWindowTwoDaysBeforeTheFestivalByDefault() {
    assertThat(calendar.greetingsOn(LocalDate.of(2026, 10, 15))).isEmpty();
    assertThat(calendar.greetingsOn(LocalDate.of(2026, 10, 16)))
        .singleElement()
        .satisfies(
            greeting -> {
              assertThat(greeting.festival()).isEqualTo(Festival.DOUBLE_NINTH);
              assertThat(greeting.promptId()).isEqualTo("festival-chongyang");
              assertThat(greeting.greetingTo()).isEqualTo("2026-10-18");
            });
    assertThat(calendar.greetingsOn(LocalDate.of(2026, 10, 19))).isEmpty();
  }

  @Test
  void shouldOfferBothEveAndSpringFestivalWhenTheirWindowsOverlap() {
    assertThat(calendar.greetingsOn(LocalDate.of(2026, 2, 16)))
        .extracting(FestivalOccurrence::festival)
        .containsExactly(Festival.NEW_YEARS_EVE, Festival.SPRING_FESTIVAL);
  }

  @Test
  void shouldUseAConfiguredGreetingWindow() {
    FestivalCalendar longSpringFestival =
        calendar.withGreetingWindow(Festival.SPRING_FESTIVAL, new GreetingWindow(0, 3));

    assertThat(longSpringFestival.greetingsOn(LocalDate.of(2026, 2, 20)))
        .extracting(FestivalOccurrence::festival)
        .containsExactly(Festival.SPRING_FESTIVAL);
    assertThat(longSpringFestival.greetingsOn(LocalDate.of(2026, 2, 15)))
        .extracting(FestivalOccurrence::festival)
        .containsExactly(Festival.NEW_YEARS_EVE);
  }

  @Test
  void shouldLeaveQixiOutUnlessConfigured() {
    assertThat(calendar.occurrencesIn(2026))
        .extracting(FestivalOccurrence::festival)
        .containsExactly(
            Festival.NEW_YEARS_EVE,
            Festival.SPRING_FESTIVAL,
            Festival.LANTERN,
            Festival.QINGMING,
            Festival.DRAGON_BOAT,
            Festival.MID_AUTUMN,
            Festival.DOUBLE_NINTH);
    assertThat(calendar.withFestivals(EnumSet.of(Festival.QIXI)).occurrencesIn(2026))
        .extracting(FestivalOccurrence::date)
        .containsExactly(LocalDate.of(2026, 8, 19));
  }

  @Test
  void shouldFindTheNextFestivalAcrossTheYearEnd() {
    assertThat(calendar.next(LocalDate.of(2026, 10, 19)))
        .get()
        .extracting(FestivalOccurrence::festival, FestivalOccurrence::date)
        .containsExactly(Festival.NEW_YEARS_EVE, LocalDate.of(2027, 2, 5));
  }

  @Test
  void shouldGiveEveryFestivalAChineseNameAndPromptId() {
    for (Festival festival : Festival.values()) {
      assertThat(festival.label()).isNotBlank();
      assertThat(festival.promptId()).matches("festival-[a-z]+");
    }
  }
}
