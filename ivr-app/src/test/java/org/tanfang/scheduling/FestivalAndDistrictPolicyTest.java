package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

@TanfangTest
class FestivalAndDistrictPolicyTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired SpecialRounds rounds;
  @Autowired CyclePlanning planning;
  Rows rows;

  @BeforeEach
  void clean() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
  }

  @Test
  void shouldOpenTheMidAutumnGreetingRoundOnceInItsLunarWindow() {
    long elder = rows.elder().save();
    clock.setLocal("2026-09-22T00:10:00"); // 中秋 2026 is 25 September; greetings from the 23rd
    assertThat(rounds.openFestivalRounds()).isZero();

    clock.setLocal("2026-09-23T00:10:00");
    assertThat(rounds.openFestivalRounds()).isEqualTo(1);
    assertThat(rounds.openFestivalRounds()).isZero();

    assertThat(jdbc.queryForObject("select round_key from special_round", String.class))
        .isEqualTo("FESTIVAL-MID_AUTUMN-2026");
    assertThat(
            jdbc.queryForObject(
                "select script_id from visit where elder_id = ?", String.class, elder))
        .isEqualTo("festival-zhongqiu");
    Instant due = jdbc.queryForObject("select due_at from call_attempt", Instant.class);
    assertThat(due.atZone(MutableClock.SHANGHAI).toLocalDate())
        .isBetween(LocalDate.of(2026, 9, 23), LocalDate.of(2026, 9, 25));
  }

  @Test
  void shouldApplyADistrictsTighteningAndIgnoreALooseningRow() {
    clock.setLocal("2026-04-01T00:05:00");
    long longhua = rows.elder().in("龙华区", "中山街道", "博爱社区").categories("EMPTY_NEST").save();
    long meilan = rows.elder().in("美兰区", "海甸街道", "沿江社区").categories("EMPTY_NEST").save();
    long xiuying = rows.elder().in("秀英区", "海秀街道", "海秀社区").categories("SOLITARY_CHILDLESS").save();
    jdbc.update(
        """
        insert into district_policy (district, version, rules, created_by, created_at) values
          ('龙华区', 'longhua-2026-01', '{"halfMonthFor": ["EMPTY_NEST"]}', 'test', now()),
          ('秀英区', 'xiuying-bad', '{"advancedAge": 90}', 'test', now())
        """);

    planning.planCurrentCycles();

    List<String> cycles =
        jdbc.queryForList(
            "select policy_version || ' ' || cycle_end from visit where elder_id in (?, ?, ?) order by elder_id",
            String.class,
            longhua,
            meilan,
            xiuying);
    assertThat(cycles)
        .containsExactly(
            "longhua-2026-01 2026-04-15",
            "haikou-2023-354 2026-04-30",
            "haikou-2023-354 2026-04-15");
    assertThat(
            jdbc.queryForObject(
                "select reason from visit where elder_id = ?", String.class, longhua))
        .isEqualTo("半月：空巢");
  }
}
