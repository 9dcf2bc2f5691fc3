package org.tanfang.scheduler.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.District;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.scheduler.elder.Elders;

class WeatherAlertTest {

  private static final District MEILAN = new District("460108", "美兰区");
  private static final District XIUYING = new District("460105", "秀英区");
  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-09-03T00:00:00Z");

  private final WeatherAlert typhoon =
      new WeatherAlert(AlertKind.TYPHOON, Set.of(MEILAN.code()), START, END);

  @Test
  void shouldRejectAnAlertThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> new WeatherAlert(AlertKind.HEAT, Set.of(MEILAN.code()), END, START))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("高温 alert must end after it starts");
  }

  @Test
  void shouldRejectAnAlertWithoutDistricts() {
    assertThatThrownBy(() -> new WeatherAlert(AlertKind.COLD, Set.of(), START, END))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one district");
  }

  @Test
  void shouldBeInForceFromStartUntilEnd() {
    assertThat(typhoon.isInForceAt(START)).isTrue();
    assertThat(typhoon.isInForceAt(END.minusSeconds(1))).isTrue();
    assertThat(typhoon.isInForceAt(END)).isFalse();
  }

  @Test
  void shouldCallTheMostVulnerableActiveEldersOfTheDistrictFirst() {
    ElderProfile emptyNest =
        Elders.aged(70).district(MEILAN).categories(Category.EMPTY_NEST).build();
    ElderProfile aloneAndFrail =
        Elders.aged(88)
            .district(MEILAN)
            .categories(Category.LIVING_ALONE)
            .disability(DisabilityLevel.MODERATE)
            .build();
    ElderProfile solitary =
        Elders.aged(75).district(MEILAN).categories(Category.SOLITARY_CHILDLESS).build();
    ElderProfile elsewhere =
        Elders.aged(95).district(XIUYING).categories(Category.SOLITARY_CHILDLESS).build();
    ElderProfile deceased =
        Elders.aged(90)
            .district(MEILAN)
            .categories(Category.LIVING_ALONE)
            .status(ElderStatus.DECEASED)
            .build();

    SpecialRound round =
        SpecialRound.forAlert(
            typhoon, List.of(emptyNest, solitary, elsewhere, deceased, aloneAndFrail), Elders.ON);

    assertThat(round.elderIds())
        .containsExactly(aloneAndFrail.elderId(), solitary.elderId(), emptyNest.elderId());
    assertThat(round.reason()).isEqualTo("台风预警");
    assertThat(round.promptId()).isEqualTo("alert-typhoon");
  }
}
