package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;

@TanfangTest
class PlanningTest {
  static final ZoneId HAIKOU = ZoneId.of("Asia/Shanghai");

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired CyclePlanning planning;
  Rows rows;

  @BeforeEach
  void clean() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    clock.setLocal(TestClockConfig.START);
  }

  private Map<String, Object> visitOf(long elderId, String kind) {
    return jdbc.queryForMap(
        "select * from visit where elder_id = ? and kind = ? and purpose = 'ROUTINE'",
        elderId,
        kind);
  }

  @Test
  void shouldPlanPhoneVisitsHomeTasksAndNothingForPausedOrDeceasedElders() {
    clock.setLocal("2026-04-01T00:05:00");
    long aloneOld = rows.elder().born(LocalDate.of(1940, 1, 1)).categories("LIVING_ALONE").save();
    long emptyNest = rows.elder().categories("EMPTY_NEST").save();
    long disabled =
        rows.elder().categories("DISABLED_CARE").disability("SEVERE").selfCare(false).save();
    long noConsent = rows.elder().categories("LEFT_BEHIND").consent(false).save();
    long paused = rows.elder().status("PAUSED").save();
    long deceased = rows.elder().status("DECEASED").save();
    long outOfScope = rows.elder().categories().save();

    CyclePlanning.Report report = planning.planCurrentCycles();

    assertThat(report.phoneVisits()).isEqualTo(2);
    assertThat(report.homeVisits()).isEqualTo(2);
    Map<String, Object> half = visitOf(aloneOld, "PHONE");
    assertThat(half.get("reason")).isEqualTo("半月：高龄独居");
    assertThat(half.get("cycle_start").toString()).isEqualTo("2026-04-01");
    assertThat(half.get("cycle_end").toString()).isEqualTo("2026-04-15");
    assertThat(half.get("policy_version")).isEqualTo("haikou-2023-354");
    Map<String, Object> month = visitOf(emptyNest, "PHONE");
    assertThat(month.get("reason")).isEqualTo("月度：空巢");
    assertThat(month.get("cycle_end").toString()).isEqualTo("2026-04-30");
    assertThat(visitOf(disabled, "HOME").get("reason")).isEqualTo("半月：重度失能");
    assertThat(visitOf(noConsent, "HOME").get("status")).isEqualTo("PLANNED");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where elder_id in (?, ?, ?, ?)",
                Integer.class,
                paused,
                deceased,
                outOfScope,
                disabled + 1000))
        .isZero();
    assertThat(jdbc.queryForObject("select count(*) from call_attempt", Integer.class))
        .isEqualTo(2);
  }

  @Test
  void shouldBeIdempotentAndPlanOnlyNewcomersLater() {
    for (int i = 0; i < 20; i++) {
      rows.elder().save();
    }
    assertThat(planning.planCurrentCycles().phoneVisits()).isEqualTo(20);
    assertThat(planning.planCurrentCycles().phoneVisits()).isZero();
    List<Instant> before =
        jdbc.queryForList("select due_at from call_attempt order by id", Instant.class);

    rows.elder().save();
    assertThat(planning.planCurrentCycles().phoneVisits()).isEqualTo(1);
    assertThat(
            jdbc.queryForList(
                "select due_at from call_attempt where id <= 20 order by id", Instant.class))
        .isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from visit", Integer.class)).isEqualTo(21);
  }

  @Test
  void shouldSpreadFirstCallsInsideWindowsOverTheEarlyCycle() {
    clock.setLocal("2026-05-01T00:05:00");
    for (int i = 0; i < 60; i++) {
      rows.elder().save();
    }
    long ownWindow = rows.elder().window("19:00", "21:00").save();
    planning.planCurrentCycles();

    List<Instant> due = jdbc.queryForList("select due_at from call_attempt", Instant.class);
    assertThat(due).hasSize(61);
    for (Instant at : due) {
      LocalTime local = at.atZone(HAIKOU).toLocalTime();
      LocalDate day = at.atZone(HAIKOU).toLocalDate();
      assertThat(
              (!local.isBefore(LocalTime.of(9, 0)) && local.isBefore(LocalTime.of(11, 30)))
                  || (!local.isBefore(LocalTime.of(15, 0)) && local.isBefore(LocalTime.of(17, 30)))
                  || (!local.isBefore(LocalTime.of(19, 0)) && local.isBefore(LocalTime.of(20, 0))))
          .as("%s is inside a call window", local)
          .isTrue();
      // 60% of May's 31 days: first calls on 1–19 May
      assertThat(day).isBetween(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 19));
    }
    Instant own =
        jdbc.queryForObject(
            "select a.due_at from call_attempt a join visit v on v.id = a.visit_id where v.elder_id = ?",
            Instant.class,
            ownWindow);
    assertThat(own.atZone(HAIKOU).toLocalTime())
        .isBetween(LocalTime.of(19, 0), LocalTime.of(20, 0));
    long days = due.stream().map(at -> at.atZone(HAIKOU).toLocalDate()).distinct().count();
    assertThat(days).isGreaterThan(15);
  }

  @Test
  void shouldCancelPlannedVisitsOfAnElderWhoIsPaused() {
    long id = rows.elder().save();
    planning.planCurrentCycles();
    jdbc.update("update elder set status = 'PAUSED' where id = ?", id);

    planning.planCurrentCycles();

    assertThat(visitOf(id, "PHONE").get("status")).isEqualTo("CANCELLED");
    assertThat(jdbc.queryForObject("select status from call_attempt", String.class))
        .isEqualTo("CANCELLED");
  }
}
