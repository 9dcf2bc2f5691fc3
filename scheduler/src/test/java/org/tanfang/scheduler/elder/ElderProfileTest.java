package org.tanfang.scheduler.elder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ElderProfileTest {

  @ParameterizedTest(name = "born {0}, on {1} → {2}")
  @CsvSource({
    "1946-03-10, 2026-03-09, 79",
    "1946-03-10, 2026-03-10, 80",
    "1944-02-29, 2024-02-28, 79",
    "1944-02-29, 2024-02-29, 80",
    "1944-02-29, 2025-02-28, 80",
    "1944-02-29, 2025-03-01, 81",
  })
  void shouldDeriveAgeAtTheGivenDate(LocalDate born, LocalDate on, int age) {
    ElderProfile elder = ElderProfile.builder(1).born(born).build();

    assertThat(elder.ageOn(on)).isEqualTo(age);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5, -1})
  void shouldRejectCertificateGradeOutsideOneToFour(int grade) {
    assertThatThrownBy(() -> Elders.aged(70).certificateGrade(grade).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grade must be 1–4");
  }

  @ParameterizedTest(name = "grade {0} severe: {1}")
  @CsvSource({"1, true", "2, true", "3, false", "4, false"})
  void shouldCountCertificateGradesOneAndTwoAsSevereDisability(int grade, boolean severe) {
    ElderProfile elder = Elders.aged(70).certificateGrade(grade).build();

    assertThat(elder.hasSevereDisability()).isEqualTo(severe);
  }

  @Test
  void shouldCountTheSevereDisabilityCategoryWithoutAGradeAsSevere() {
    ElderProfile elder = Elders.aged(70).categories(Category.SEVERE_DISABILITY).build();

    assertThat(elder.hasSevereDisability()).isTrue();
    assertThat(elder.isSelfSufficient()).isFalse();
  }

  @ParameterizedTest(name = "{0}, self-care {1} → self-sufficient {2}")
  @CsvSource({
    "NONE, true, true",
    "MILD, true, true",
    "MODERATE, true, false",
    "SEVERE, true, false",
    "TOTAL, true, false",
    "NONE, false, false",
  })
  void shouldBeSelfSufficientOnlyWhenSelfCaringAndAtMostMildlyDisabled(
      DisabilityLevel level, boolean selfCare, boolean selfSufficient) {
    ElderProfile elder = Elders.aged(70).disability(level).selfCare(selfCare).build();

    assertThat(elder.isSelfSufficient()).isEqualTo(selfSufficient);
  }

  @Test
  void shouldGiveEveryCategoryItsChineseLabel() {
    assertThat(Category.values())
        .extracting(Category::label)
        .containsExactly("孤寡", "独居", "空巢", "留守", "失能", "重残", "计划生育特殊家庭");
  }

  @Test
  void shouldKeepCategoriesImmutable() {
    ElderProfile elder = Elders.aged(70).categories(Category.EMPTY_NEST).build();

    assertThatThrownBy(() -> elder.categories().add(Category.LIVING_ALONE))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
