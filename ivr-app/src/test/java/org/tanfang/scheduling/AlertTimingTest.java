package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/** A typhoon alert declared at 02:50 says when its calls start, and calls from that minute. */
@TanfangTest
class AlertTimingTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired SpecialRounds rounds;
  @Autowired Visits visits;
  @Autowired Attempts attempts;
  @Autowired AttemptOutcomes outcomes;
  @Autowired Windows windows;
  @Autowired MockMvc mvc;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    clock.setLocal("2026-07-01T02:50:00");
    Rows rows = new Rows(jdbc);
    for (int i = 0; i < 3; i++) {
      rows.elder().categories("EMPTY_NEST").save();
    }
    rows.elder().categories("DISABLED_CARE").disability("SEVERE").selfCare(false).save();
  }

  private int localHour(java.time.Instant at) {
    return ZonedDateTime.ofInstant(at, clock.getZone()).getHour();
  }

  @Test
  void shouldShowTheExpectedStartOfANightAlertAndCallFromTheFirstAllowedMinute() throws Exception {
    long id =
        rounds.declareAlert(
            new AlertRequest(
                "TYPHOON",
                List.of("美兰区"),
                LocalDateTime.parse("2026-07-01T02:50"),
                LocalDateTime.parse("2026-07-02T20:00")),
            "supervisor");

    AlertTiming.Expected expected = rounds.expected(id);
    assertThat(expected.calls()).isEqualTo(3);
    assertThat(expected.homeTasks()).isEqualTo(1);
    assertThat(ZonedDateTime.ofInstant(expected.firstCall(), clock.getZone()).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-07-01T09:00"));
    assertThat(expected.lastCall()).isAfterOrEqualTo(expected.firstCall());
    assertThat(localHour(expected.lastCall())).isBetween(9, 11);

    String page =
        mvc.perform(
                get("/special-rounds")
                    .param("declared", String.valueOf(id))
                    .with(user("supervisor").roles("SUPERVISOR")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("id=\"declared-expected\"", "首通电话预计 07-01 09:00 拨出", "共 3 通", "另有 1 位老人");

    // Nothing is dialled in the night; from 09:00 the three calls go out.
    CountingDispatcher dialer = new CountingDispatcher(10);
    Pacer pacer =
        new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, "node-a", 200);
    assertThat(pacer.pace()).isEmpty();
    clock.setLocal("2026-07-01T08:59:00");
    assertThat(pacer.pace()).isEmpty();
    clock.setLocal("2026-07-01T09:00:00");
    assertThat(pacer.pace()).hasSize(3);
  }

  @Test
  void shouldQueueCallsOverTheChannelsInTheEstimate() {
    Rows rows = new Rows(jdbc);
    for (int i = 0; i < 60; i++) {
      rows.elder().categories("EMPTY_NEST").save();
    }
    long id =
        rounds.declareAlert(
            new AlertRequest(
                "HEAT",
                List.of("美兰区"),
                LocalDateTime.parse("2026-07-01T02:50"),
                LocalDateTime.parse("2026-07-02T20:00")),
            "supervisor");

    AlertTiming.Expected expected = rounds.expected(id);
    assertThat(expected.calls()).isEqualTo(63);
    // 63 calls of 2 minutes over the channels: the last starts ceil(63 / channels) - 1 slots later.
    long slots = (63 + expected.channels() - 1) / expected.channels() - 1;
    assertThat(expected.lastCall()).isEqualTo(expected.firstCall().plusSeconds(120 * slots));
  }

  private long declare(String level, Boolean urgent, Boolean night) {
    return rounds.declareAlert(
        new AlertRequest(
            "TYPHOON",
            List.of("美兰区"),
            LocalDateTime.parse("2026-07-01T02:50"),
            LocalDateTime.parse("2026-07-02T20:00"),
            level,
            urgent,
            night),
        "supervisor");
  }

  @Test
  void shouldCallAnUrgentRedAlertFromTheCitysCallingHoursAndAtNightOnlyWhenConfirmed() {
    long urgent = declare("RED", true, false);
    AlertTiming.Expected expected = rounds.expected(urgent);
    assertThat(ZonedDateTime.ofInstant(expected.firstCall(), clock.getZone()).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-07-01T08:00"));
    CountingDispatcher dialer = new CountingDispatcher(10);
    Pacer pacer =
        new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, "node-a", 200);
    assertThat(pacer.pace()).isEmpty();
    clock.setLocal("2026-07-01T08:00:00");
    assertThat(pacer.pace()).hasSize(3); // an hour before the elders' own 09:00 window

    Rows.clean(jdbc);
    clock.setLocal("2026-07-01T02:50:00");
    new Rows(jdbc).elder().categories("EMPTY_NEST").save();
    long night = declare("RED", true, true);
    assertThat(rounds.expected(night).firstCall()).isEqualTo(clock.instant());
    assertThat(pacer.pace()).hasSize(1);
  }

  @Test
  void shouldRefuseUrgencyForAnAlertBelowRed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> declare("ORANGE", true, true))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).problems())
                    .extracting(p -> p.field() + ":" + p.rule())
                    .containsExactly("urgent:round.urgentNeedsRed"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> declare("RED", false, true))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(jdbc.queryForObject("select count(*) from special_round", Integer.class)).isZero();
  }
}
