package org.tanfang.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tanfang.scheduler.elder.Category.DISABLED_CARE;
import static org.tanfang.scheduler.elder.Category.EMPTY_NEST;
import static org.tanfang.scheduler.elder.Category.FAMILY_PLANNING_SPECIAL;
import static org.tanfang.scheduler.elder.Category.LEFT_BEHIND;
import static org.tanfang.scheduler.elder.Category.LIVING_ALONE;
import static org.tanfang.scheduler.elder.Category.SEVERE_DISABILITY;
import static org.tanfang.scheduler.elder.Category.SOLITARY_CHILDLESS;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.scheduler.elder.Elders;

class VisitPolicyTest {

  private final VisitPolicy city = VisitPolicy.haikouCity();

  private VisitDecision.InScope inScope(ElderProfile elder) {
    VisitDecision decision = city.evaluate(elder, Elders.ON);
    assertThat(decision).isInstanceOf(VisitDecision.InScope.class);
    return (VisitDecision.InScope) decision;
  }

  static Stream<Arguments> cityTable() {
    return Stream.of(
        Arguments.of(
            "孤寡",
            Elders.aged(70).categories(SOLITARY_CHILDLESS),
            CycleKind.HALF_MONTH,
            List.of("半月：孤寡")),
        Arguments.of(
            "独居 at 80",
            Elders.aged(80).categories(LIVING_ALONE),
            CycleKind.HALF_MONTH,
            List.of("半月：高龄独居")),
        Arguments.of(
            "独居 at 79",
            Elders.aged(79).categories(LIVING_ALONE),
            CycleKind.MONTH,
            List.of("月度：独居")),
        Arguments.of(
            "中度失能",
            Elders.aged(70).categories(DISABLED_CARE).disability(DisabilityLevel.MODERATE),
            CycleKind.HALF_MONTH,
            List.of("半月：中度失能")),
        Arguments.of(
            "重度失能",
            Elders.aged(70).disability(DisabilityLevel.SEVERE),
            CycleKind.HALF_MONTH,
            List.of("半月：重度失能")),
        Arguments.of(
            "完全失能",
            Elders.aged(70).disability(DisabilityLevel.TOTAL),
            CycleKind.HALF_MONTH,
            List.of("半月：完全失能")),
        Arguments.of(
            "轻度失能",
            Elders.aged(70).categories(DISABLED_CARE).disability(DisabilityLevel.MILD),
            CycleKind.MONTH,
            List.of("月度：失能", "月度：轻度失能")),
        Arguments.of(
            "certificate grade 2",
            Elders.aged(70).certificateGrade(2),
            CycleKind.HALF_MONTH,
            List.of("半月：重残")),
        Arguments.of(
            "重残 category",
            Elders.aged(70).categories(SEVERE_DISABILITY),
            CycleKind.HALF_MONTH,
            List.of("半月：重残")),
        Arguments.of(
            "空巢 with certificate grade 3",
            Elders.aged(70).categories(EMPTY_NEST).certificateGrade(3),
            CycleKind.MONTH,
            List.of("月度：空巢")),
        Arguments.of(
            "留守", Elders.aged(70).categories(LEFT_BEHIND), CycleKind.MONTH, List.of("月度：留守")),
        Arguments.of(
            "计划生育特殊家庭",
            Elders.aged(65).categories(FAMILY_PLANNING_SPECIAL),
            CycleKind.MONTH,
            List.of("月度：计划生育特殊家庭")),
        Arguments.of("高龄 with no category", Elders.aged(88), CycleKind.MONTH, List.of("月度：高龄")),
        Arguments.of(
            "孤寡, 独居 and 90",
            Elders.aged(90).categories(SOLITARY_CHILDLESS, LIVING_ALONE),
            CycleKind.HALF_MONTH,
            List.of("半月：孤寡", "半月：高龄独居")));
  }

  @ParameterizedTest(name = "{0} → {2} {3}")
  @MethodSource("cityTable")
  void shouldApplyTheCityFrequencyTable(
      String name, ElderProfile.Builder elder, CycleKind cycle, List<String> reasons) {
    VisitDecision.InScope decision = inScope(elder.build());

    assertThat(decision.cycle()).isEqualTo(cycle);
    assertThat(decision.reasons()).containsExactlyElementsOf(reasons);
    assertThat(decision.policyVersion()).isEqualTo("haikou-2023-354");
  }

  @Test
  void shouldGiveHalfMonthCycleToSolitaryChildless() {
    assertThat(inScope(Elders.aged(66).categories(SOLITARY_CHILDLESS).build()).cycle())
        .isEqualTo(CycleKind.HALF_MONTH);
  }

  @Test
  void shouldMeasureAdvancedAgeOnTheEvaluationDate() {
    ElderProfile elder = Elders.aged(80).categories(LIVING_ALONE).build();

    VisitDecision dayBefore = city.evaluate(elder, elder.birthDate().plusYears(80).minusDays(1));
    VisitDecision birthday = city.evaluate(elder, elder.birthDate().plusYears(80));

    assertThat(((VisitDecision.InScope) dayBefore).cycle()).isEqualTo(CycleKind.MONTH);
    assertThat(((VisitDecision.InScope) birthday).cycle()).isEqualTo(CycleKind.HALF_MONTH);
  }

  @ParameterizedTest
  @EnumSource(
      value = ElderStatus.class,
      names = {"PAUSED", "DECEASED"})
  void shouldPutPausedAndDeceasedEldersOutOfScope(ElderStatus status) {
    ElderProfile elder = Elders.aged(90).categories(SOLITARY_CHILDLESS).status(status).build();

    VisitDecision decision = city.evaluate(elder, Elders.ON);

    assertThat(decision.isInScope()).isFalse();
    assertThat(((VisitDecision.OutOfScope) decision).reason()).contains(status.label());
  }

  @Test
  void shouldPutAYoungerElderWithNoCategoryOutOfScope() {
    VisitDecision decision = city.evaluate(Elders.aged(72).build(), Elders.ON);

    assertThat(decision)
        .isEqualTo(new VisitDecision.OutOfScope("haikou-2023-354", "不在探访范围：无特殊困难类别"));
  }

  @Test
  void shouldPhoneSelfSufficientEldersWhoConsented() {
    VisitDecision.InScope decision = inScope(Elders.aged(70).categories(EMPTY_NEST).build());

    assertThat(decision.mode()).isEqualTo(VisitMode.PHONE);
    assertThat(decision.robocalls()).isTrue();
  }

  @Test
  void shouldPlanAPersonalVisitWithoutRobocallsWhenASelfSufficientElderDidNotConsent() {
    VisitDecision.InScope decision =
        inScope(Elders.aged(70).categories(EMPTY_NEST).phoneConsent(false).build());

    assertThat(decision.mode()).isEqualTo(VisitMode.PERSONAL_VISIT);
    assertThat(decision.robocalls()).isFalse();
  }

  static Stream<ElderProfile.Builder> notSelfSufficient() {
    return Stream.of(
        Elders.aged(70).categories(EMPTY_NEST).selfCare(false),
        Elders.aged(70).disability(DisabilityLevel.MODERATE),
        Elders.aged(70).disability(DisabilityLevel.TOTAL),
        Elders.aged(70).certificateGrade(1));
  }

  @ParameterizedTest
  @MethodSource("notSelfSufficient")
  void shouldRequireHomeVisitsWithoutRobocallsForEldersWhoCannotLookAfterThemselves(
      ElderProfile.Builder elder) {
    VisitDecision.InScope decision = inScope(elder.build());

    assertThat(decision.mode()).isEqualTo(VisitMode.HOME_VISIT);
    assertThat(decision.robocalls()).isFalse();
  }

  @Test
  void shouldAddRobocallsToHomeVisitsOnlyWhenThePolicyAllowsAndTheElderConsented() {
    VisitPolicy supplementing =
        VisitPolicy.cityBuilder().robocallSupplementForHomeVisits(true).build();
    ElderProfile consenting = Elders.aged(70).disability(DisabilityLevel.SEVERE).build();
    ElderProfile refusing = consenting.toBuilder().phoneConsent(false).build();

    VisitDecision.InScope withConsent =
        (VisitDecision.InScope) supplementing.evaluate(consenting, Elders.ON);
    VisitDecision.InScope withoutConsent =
        (VisitDecision.InScope) supplementing.evaluate(refusing, Elders.ON);

    assertThat(withConsent.mode()).isEqualTo(VisitMode.HOME_VISIT);
    assertThat(withConsent.robocalls()).isTrue();
    assertThat(withoutConsent.robocalls()).isFalse();
  }
}
