package org.tanfang.scheduler.festival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.impl.CalendarAstronomer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QingmingTest {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** When the sun reaches 15° ecliptic longitude by ICU's solar ephemeris: an independent check. */
  private static ZonedDateTime solarTerm(int year) {
    long marchFirst = LocalDate.of(year, 3, 1).atStartOfDay(CHINA).toInstant().toEpochMilli();
    long millis = new CalendarAstronomer(marchFirst).getSunTime(Math.toRadians(15), true);
    return Instant.ofEpochMilli(millis).atZone(CHINA);
  }

  /**
   * ICU's ephemeris is good to some minutes, so a term within half an hour of midnight is not
   * decided by it (2071: ICU says late on 4 April, a finer solar theory just after midnight).
   */
  private static boolean nearMidnight(ZonedDateTime term) {
    int minuteOfDay = term.getHour() * 60 + term.getMinute();
    return minuteOfDay < 30 || minuteOfDay >= 24 * 60 - 30;
  }

  @Test
  void shouldAgreeWithTheSolarEphemerisWhereItIsDecisive() {
    List<Integer> undecided = new ArrayList<>();
    for (int year = Qingming.FIRST_YEAR; year <= Qingming.LAST_YEAR; year++) {
      ZonedDateTime term = solarTerm(year);
      if (nearMidnight(term)) {
        undecided.add(year);
      } else {
        assertThat(Qingming.in(year)).as("清明 %d at %s", year, term).isEqualTo(term.toLocalDate());
      }
    }
    assertThat(undecided).hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void shouldPutQingmingOnTheFourthOrFifthOfApril() {
    for (int year = Qingming.FIRST_YEAR; year <= Qingming.LAST_YEAR; year++) {
      assertThat(Qingming.in(year).getDayOfMonth()).as("清明 %d", year).isBetween(4, 5);
    }
  }

  @Test
  void shouldRejectYearsOutsideTheFormulasRange() {
    assertThatThrownBy(() -> Qingming.in(2100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2000–2099");
  }
}
