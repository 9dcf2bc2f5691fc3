package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/**
 * Cycle boundaries fall at local (Haikou) midnight whatever the server's zone: planning one minute
 * before and at midnight, with the JVM in UTC and in Asia/Shanghai, including a leap February.
 */
@TanfangTest
class BoundariesTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired CyclePlanning planning;
  Rows rows;
  TimeZone original;

  @BeforeEach
  void clean() {
    original = TimeZone.getDefault();
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
  }

  @AfterEach
  void restore() {
    TimeZone.setDefault(original);
  }

  @ParameterizedTest
  @CsvSource({
    "UTC,           2026-03-31T17:00:00, MONTH,      2026-03-01, 2026-03-31",
    "UTC,           2026-04-01T00:00:00, MONTH,      2026-04-01, 2026-04-30",
    "Asia/Shanghai, 2026-03-31T17:00:00, MONTH,      2026-03-01, 2026-03-31",
    "Asia/Shanghai, 2026-04-01T00:00:00, MONTH,      2026-04-01, 2026-04-30",
    "UTC,           2026-03-15T17:29:59, HALF_MONTH, 2026-03-01, 2026-03-15",
    "UTC,           2026-03-16T00:00:00, HALF_MONTH, 2026-03-16, 2026-03-31",
    "UTC,           2028-02-29T08:00:00, HALF_MONTH, 2028-02-16, 2028-02-29",
    "UTC,           2028-02-29T08:00:00, MONTH,      2028-02-01, 2028-02-29",
    "Asia/Shanghai, 2027-02-28T17:00:00, MONTH,      2027-02-01, 2027-02-28",
  })
  void shouldPlanTheCycleOfTheLocalDay(
      String jvmZone, String localTime, String kind, LocalDate first, LocalDate last) {
    TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
    long elder =
        kind.equals("HALF_MONTH")
            ? rows.elder().categories("SOLITARY_CHILDLESS").save()
            : rows.elder().categories("EMPTY_NEST").save();
    clock.setLocal(localTime);

    planning.planCurrentCycles();

    assertThat(
            jdbc.queryForObject(
                "select cycle_start from visit where elder_id = ?", LocalDate.class, elder))
        .isEqualTo(first);
    assertThat(
            jdbc.queryForObject(
                "select cycle_end from visit where elder_id = ?", LocalDate.class, elder))
        .isEqualTo(last);
    // the first call is inside the cycle, after now, in local call windows
    java.time.Instant due =
        jdbc.queryForObject(
            "select a.due_at from call_attempt a join visit v on v.id = a.visit_id where v.elder_id = ?",
            java.time.Instant.class,
            elder);
    LocalDate dueDay = due.atZone(MutableClock.SHANGHAI).toLocalDate();
    assertThat(dueDay).isBetween(first, last);
    assertThat(due).isAfterOrEqualTo(clock.instant());
  }

  /**
   * One minute before local midnight on a cycle's last day no call-window time is left: the elder
   * is reported unplanned for the old cycle (a person must visit), not planned into the next one.
   */
  @ParameterizedTest
  @CsvSource({
    "UTC, 2026-03-31T23:59:00",
    "Asia/Shanghai, 2026-03-31T23:59:00",
    "UTC, 2026-03-15T23:59:59"
  })
  void shouldNotPlanIntoTheNextCycleBeforeLocalMidnight(String jvmZone, String localTime) {
    TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
    rows.elder().categories("SOLITARY_CHILDLESS").save();
    clock.setLocal(localTime);

    assertThat(planning.planCurrentCycles().unplanned()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from visit", Integer.class)).isZero();
  }
}
