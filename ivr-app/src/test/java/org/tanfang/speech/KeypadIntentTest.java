package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeypadIntentTest {

  @ParameterizedTest
  @CsvSource({
    "1, FINE",
    "2, UNWELL",
    "9, HELP",
    "0, HELP",
    "3, UNCLEAR",
    "*, UNCLEAR",
    "#, UNCLEAR"
  })
  void digitsMapToIntents(char digit, Intent expected) {
    assertThat(KeypadIntent.of(digit)).isEqualTo(expected);
  }

  @Test
  void noDigitsIsSilentAndAnyNineOrZeroIsHelp() {
    assertThat(KeypadIntent.of("")).isEqualTo(Intent.SILENT);
    assertThat(KeypadIntent.of((String) null)).isEqualTo(Intent.SILENT);
    assertThat(KeypadIntent.of("19")).isEqualTo(Intent.HELP);
    assertThat(KeypadIntent.of("21")).isEqualTo(Intent.UNWELL);
  }

  @Test
  void zeroAsksForStaff() {
    assertThat(KeypadIntent.asksForStaff('0')).isTrue();
    assertThat(KeypadIntent.asksForStaff('9')).isFalse();
  }
}
