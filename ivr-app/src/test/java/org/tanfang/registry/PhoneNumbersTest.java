package org.tanfang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @CsvSource({
    "13812345678, 13812345678",
    "138 1234 5678, 13812345678",
    "138-1234-5678, 13812345678",
    "+86 138 1234 5678, 13812345678",
    "008613812345678, 13812345678",
    "8613812345678, 13812345678",
    "１３８１２３４５６７８, 13812345678",
    "19912345678, 19912345678",
    "66123456, 089866123456",
    "0898-66123456, 089866123456",
    "(0898) 6612 3456, 089866123456",
    "898-66123456, 089866123456",
    "010-12345678, 01012345678",
    "020 87654321, 02087654321",
    "0756-1234567, 07561234567"
  })
  void shouldNormaliseMobilesAndLandlines(String written, String expected) {
    assertThat(PhoneNumbers.normalise(written)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "12345",
        "1381234567",
        "138123456789",
        "23812345678",
        "12812345678",
        "0898-6612345a",
        "06612345",
        "1234567",
        "电话"
      })
  void shouldRejectWhatCannotBeDialled(String written) {
    assertThat(PhoneNumbers.normalise(written)).isEmpty();
  }

  @Test
  void shouldRejectNull() {
    assertThat(PhoneNumbers.normalise(null)).isEmpty();
  }

  @Test
  void shouldMaskTheMiddleDigits() {
    assertThat(PhoneNumbers.mask("13812345678")).isEqualTo("138****5678");
    assertThat(PhoneNumbers.mask("089866123456")).isEqualTo("0898****3456");
  }
}
