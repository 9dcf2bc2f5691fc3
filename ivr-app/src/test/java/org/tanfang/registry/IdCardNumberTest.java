package org.tanfang.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdCardNumberTest {

  @ParameterizedTest
  @CsvSource({
    // The standard's own example, and numbers whose check characters were computed independently.
    "11010519491231002X",
    "44052419500101001X",
    "460108194003020294",
    " 11010519491231002x "
  })
  void shouldAcceptNumbersWithTheRightCheckCharacter(String number) {
    assertThat(IdCardNumber.problemWith(number)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "110105194912310021, CHECK_DIGIT",
    "460108194003020295, CHECK_DIGIT",
    "11010519491231002, FORMAT",
    "1101051949123100211, FORMAT",
    "11010519491231002Y, FORMAT",
    "'', FORMAT",
    "110105194902300024, BIRTH_DATE",
    "110105194913010028, BIRTH_DATE",
    "110105180001010015, BIRTH_DATE"
  })
  void shouldNameWhatIsWrong(String number, IdCardNumber.Problem problem) {
    assertThat(IdCardNumber.problemWith(number)).contains(problem);
  }

  @Test
  void shouldDeriveBirthDateAndSex() {
    IdCardNumber female = IdCardNumber.parse("11010519491231002x");
    assertThat(female.value()).isEqualTo("11010519491231002X");
    assertThat(female.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    assertThat(female.sex()).isEqualTo(Sex.FEMALE);
    assertThat(IdCardNumber.parse("460108194003020294").sex()).isEqualTo(Sex.MALE);
  }

  @Test
  void shouldRefuseToParseAnInvalidNumber() {
    assertThatThrownBy(() -> IdCardNumber.parse("110105194912310021"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CHECK_DIGIT");
  }

  @Test
  void shouldMaskAllButAreaCodeAndLastTwo() {
    assertThat(IdCardNumber.mask("11010519491231002X")).isEqualTo("110105**********2X");
  }
}
