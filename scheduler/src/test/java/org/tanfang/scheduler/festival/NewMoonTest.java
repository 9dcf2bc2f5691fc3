package org.tanfang.scheduler.festival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewMoonTest {

  @Test
  void shouldReproduceMeeusWorkedExample() {
    // Astronomical Algorithms, example 49.a: the new moon of February 1977, k = -283.
    assertThat(NewMoon.julianEphemerisDay(-283)).isCloseTo(2443192.65118, within(0.00001));
  }

  /**
   * New moons close to Beijing midnight, the first day of the lunar month from published calendars:
   * 2027 正月初一 6 Feb (new moon 23:56), 2030 正月初一 3 Feb (00:07), 2018 十月初一 (寒衣节) 8 Nov (00:02), 2012
   * 七月初一 17 Aug (23:54).
   */
  @ParameterizedTest(name = "near {0} → {1}")
  @CsvSource({
    "2027-02-07, 2027-02-06",
    "2027-02-05, 2027-02-06",
    "2030-02-02, 2030-02-03",
    "2018-11-07, 2018-11-08",
    "2012-08-18, 2012-08-17",
  })
  void shouldDateNewMoonsNearMidnightInChinaTime(LocalDate near, LocalDate expected) {
    assertThat(NewMoon.dateNear(near)).isEqualTo(expected);
  }
}
