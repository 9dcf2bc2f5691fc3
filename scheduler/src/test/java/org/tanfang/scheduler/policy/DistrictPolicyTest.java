package org.tanfang.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tanfang.scheduler.elder.Category.EMPTY_NEST;
import static org.tanfang.scheduler.elder.Category.LIVING_ALONE;
import static org.tanfang.scheduler.elder.Category.SOLITARY_CHILDLESS;

import org.junit.jupiter.api.Test;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.District;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.elder.Elders;

class DistrictPolicyTest {

  private static final District LONGHUA = new District("460106", "龙华区");
  private final VisitPolicy city = VisitPolicy.haikouCity();

  private static CycleKind cycleOf(VisitPolicy policy, ElderProfile elder) {
    return ((VisitDecision.InScope) policy.evaluate(elder, Elders.ON)).cycle();
  }

  @Test
  void shouldLetADistrictVisitEmptyNestEldersEveryHalfMonth() {
    VisitPolicy longhua = city.forDistrict(LONGHUA).halfMonthFor(EMPTY_NEST).build();
    ElderProfile emptyNest = Elders.aged(70).categories(EMPTY_NEST).build();

    assertThat(cycleOf(city, emptyNest)).isEqualTo(CycleKind.MONTH);
    assertThat(cycleOf(longhua, emptyNest)).isEqualTo(CycleKind.HALF_MONTH);
    assertThat(longhua.evaluate(emptyNest, Elders.ON))
        .extracting(d -> ((VisitDecision.InScope) d).reasons())
        .asList()
        .containsExactly("半月：空巢");
  }

  @Test
  void shouldLetADistrictLowerTheAdvancedAge() {
    VisitPolicy longhua = city.forDistrict(LONGHUA).advancedAgeFrom(75).build();
    ElderProfile aloneAt76 = Elders.aged(76).categories(LIVING_ALONE).build();

    assertThat(cycleOf(city, aloneAt76)).isEqualTo(CycleKind.MONTH);
    assertThat(cycleOf(longhua, aloneAt76)).isEqualTo(CycleKind.HALF_MONTH);
    assertThat(longhua.advancedAge()).isEqualTo(75);
  }

  @Test
  void shouldLetADistrictWidenTheTargetGroup() {
    VisitPolicy longhua =
        city.forDistrict(LONGHUA)
            .rule(PolicyRule.monthly("七十岁以上", RuleCondition.ageAtLeast(70)))
            .build();
    ElderProfile at72 = Elders.aged(72).build();

    assertThat(city.evaluate(at72, Elders.ON).isInScope()).isFalse();
    assertThat(cycleOf(longhua, at72)).isEqualTo(CycleKind.MONTH);
  }

  @Test
  void shouldVersionADistrictPolicyOnTheCityVersionUnlessNamed() {
    assertThat(city.forDistrict(LONGHUA).build().version()).isEqualTo("haikou-2023-354+460106");
    assertThat(city.forDistrict(LONGHUA).version("longhua-2025-01").build().version())
        .isEqualTo("longhua-2025-01");
    assertThat(city.forDistrict(LONGHUA).build().district()).contains(LONGHUA);
  }

  @Test
  void shouldRejectADistrictRaisingTheAdvancedAge() {
    assertThatThrownBy(() -> city.forDistrict(LONGHUA).advancedAgeFrom(85).build())
        .isInstanceOf(PolicyLooseningException.class)
        .hasMessageContaining("龙华区 (460106)")
        .hasMessageContaining("raises the advanced age to 85 above the city's 80");
  }

  @Test
  void shouldRejectADistrictVisitingSolitaryEldersOnlyMonthly() {
    assertThatThrownBy(
            () -> city.forDistrict(LONGHUA).cycleFor(SOLITARY_CHILDLESS, CycleKind.MONTH).build())
        .isInstanceOf(PolicyLooseningException.class)
        .hasMessageContaining("visits 孤寡 every MONTH where the city requires HALF_MONTH");
  }

  @Test
  void shouldNameEveryLooseningInOneError() {
    assertThatThrownBy(
            () ->
                city.forDistrict(LONGHUA)
                    .advancedAgeFrom(90)
                    .rule(
                        PolicyRule.monthly(
                            "中度失能", RuleCondition.disability(DisabilityLevel.MODERATE)))
                    .build())
        .hasMessageContaining("advanced age to 90")
        .hasMessageContaining("visits 中度失能 every MONTH");
  }

  @Test
  void shouldLetTheCityItselfSetItsAdvancedAge() {
    VisitPolicy city85 = VisitPolicy.cityBuilder().advancedAgeFrom(85).build();
    ElderProfile aloneAt82 = Elders.aged(82).categories(LIVING_ALONE).build();

    assertThat(cycleOf(city85, aloneAt82)).isEqualTo(CycleKind.MONTH);
  }

  @Test
  void shouldRejectAnImplausibleAdvancedAge() {
    assertThatThrownBy(() -> VisitPolicy.cityBuilder().advancedAgeFrom(30).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 60 and 120");
  }
}
