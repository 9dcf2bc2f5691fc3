package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

@TanfangTest
@RecordApplicationEvents
class RetryTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired Visits visits;
  @Autowired org.tanfang.shared.Texts texts;
  @Autowired Attempts attempts;
  @Autowired MutableClock clock;
  @Autowired CyclePlanning planning;
  @Autowired AttemptOutcomes outcomes;
  @Autowired CycleEndCheck cycleEnd;
  @Autowired Windows windows;
  @Autowired ApplicationEvents events;
  Rows rows;
  CountingDispatcher dialer;
  Pacer pacer;

  @BeforeEach
  void clean() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    dialer = new CountingDispatcher(10);
    pacer = new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, "test", 200);
  }

  private static Instant local(String at) {
    return LocalDateTime.parse(at).atZone(MutableClock.SHANGHAI).toInstant();
  }

  /** Plans, moves the clock to the first call, dials it; returns the attempt id. */
  private long firstCallDialled(long elderId) {
    planning.planCurrentCycles();
    Instant due =
        jdbc.queryForObject(
            "select a.due_at from call_attempt a join visit v on v.id = a.visit_id where v.elder_id = ?",
            Instant.class,
            elderId);
    clock.set(due);
    assertThat(pacer.pace()).hasSize(1);
    return dialer.order.get(dialer.order.size() - 1);
  }

  /** The dialer's report: the attempt ended a minute later with this result. */
  private void end(long attemptId, String result) {
    clock.advance(Duration.ofMinutes(1));
    dialer.hangUpAll();
    jdbc.update(
        "update call_attempt set status = 'ENDED', result = ?, ended_at = ? where id = ?",
        result,
        Timestamp.from(clock.instant()),
        attemptId);
    outcomes.attemptEnded(attemptId);
  }

  private Map<String, Object> latestAttempt() {
    return jdbc.queryForMap("select * from call_attempt order by attempt_no desc limit 1");
  }

  private long dialNext() {
    Instant due = ((Timestamp) latestAttempt().get("due_at")).toInstant();
    clock.set(due);
    assertThat(pacer.pace()).hasSize(1);
    return dialer.order.get(dialer.order.size() - 1);
  }

  @Test
  void shouldRetryAfterThirtyMinutesOnTheAlternatePhoneThenMoveToTheNextDay() {
    clock.setLocal("2026-03-01T00:05:00");
    long elder = rows.elder().phones("13908981111", "13708982222").save();
    long first = firstCallDialled(elder);
    Instant firstEnd = clock.instant().plus(Duration.ofMinutes(1));

    end(first, "NO_ANSWER");
    Map<String, Object> second = latestAttempt();
    assertThat(second.get("attempt_no")).isEqualTo(2);
    assertThat(second.get("phone")).isEqualTo("13708982222");
    assertThat(second.get("phone_index")).isEqualTo(1);
    assertThat((Integer) second.get("priority")).isGreaterThanOrEqualTo(200);
    Instant secondDue = ((Timestamp) second.get("due_at")).toInstant();
    assertThat(secondDue)
        .isEqualTo(windows.defaults().nextAllowed(firstEnd.plus(Duration.ofMinutes(30))));

    end(dialNext(), "BUSY");
    assertThat(latestAttempt().get("phone_index")).isEqualTo(0);
    end(dialNext(), "NO_ANSWER");

    Map<String, Object> fourth = latestAttempt();
    assertThat(fourth.get("attempt_no")).isEqualTo(4);
    Instant nextDay = ((Timestamp) fourth.get("due_at")).toInstant();
    assertThat(nextDay.atZone(MutableClock.SHANGHAI).toLocalTime()).hasToString("09:00");
    assertThat(nextDay.atZone(MutableClock.SHANGHAI).toLocalDate())
        .isEqualTo(secondDue.atZone(MutableClock.SHANGHAI).toLocalDate().plusDays(1));
    assertThat(fourth.get("phone_index")).isEqualTo(0);
    assertThat(events.stream(NeedsPersonEvent.class)).isEmpty();
  }

  @Autowired SchedulingElders schedulingElders;
  @Autowired org.springframework.context.ApplicationEventPublisher publisher;
  @Autowired SchedulerProperties props;

  @Test
  void devModeRetriesMinutesApartAndHandsTheElderToAPersonAfterTheDaysAttempts() {
    var dev =
        new AttemptOutcomeHandler(
            jdbc,
            visits,
            texts,
            attempts,
            clock,
            schedulingElders,
            publisher,
            props,
            new DevMode(true));
    pacer = new Pacer(jdbc, visits, attempts, clock, dialer, dev, windows, "test", 200);
    clock.setLocal("2026-03-01T00:05:00");
    long elder = rows.elder().phones("13908984444").save();
    long first = firstCallDialled(elder);

    clock.advance(Duration.ofMinutes(1));
    dialer.hangUpAll();
    Instant ended = clock.instant();
    jdbc.update(
        "update call_attempt set status = 'ENDED', result = 'NO_ANSWER', ended_at = ? where id = ?",
        Timestamp.from(ended),
        first);
    dev.attemptEnded(first);
    assertThat(((Timestamp) latestAttempt().get("due_at")).toInstant())
        .isEqualTo(windows.defaults().nextAllowed(ended.plus(Duration.ofMinutes(2))));
    for (int i = 0; i < 2; i++) {
      long next = dialNext();
      clock.advance(Duration.ofMinutes(1));
      dialer.hangUpAll();
      jdbc.update(
          "update call_attempt set status = 'ENDED', result = 'NO_ANSWER', ended_at = ? where id = ?",
          Timestamp.from(clock.instant()),
          next);
      dev.attemptEnded(next);
    }

    assertThat(jdbc.queryForObject("select count(*) from call_attempt", Integer.class))
        .isEqualTo(3);
    assertThat(jdbc.queryForObject("select status from visit", String.class))
        .isEqualTo("UNREACHABLE");
    assertThat(events.stream(NeedsPersonEvent.class))
        .singleElement()
        .satisfies(e -> assertThat(e.reason().key()).isEqualTo("reason.devDayExhausted"));
  }

  @Test
  void shouldFlagAnInvalidNumberAndTryTheNextPhoneAtOnce() {
    clock.setLocal("2026-03-01T00:05:00");
    long elder = rows.elder().phones("13908983333", "0898-66123456").save();
    long first = firstCallDialled(elder);

    end(first, "INVALID_NUMBER");

    assertThat(
            jdbc.queryForObject(
                "select phone from phone_correction where elder_id = ?", String.class, elder))
        .isEqualTo("13908983333");
    Map<String, Object> next = latestAttempt();
    assertThat(next.get("phone_index")).isEqualTo(1);
    assertThat(((Timestamp) next.get("due_at")).toInstant()).isEqualTo(clock.instant());

    end(dialNext(), "INVALID_NUMBER");

    assertThat(jdbc.queryForObject("select status from visit", String.class))
        .isEqualTo("UNREACHABLE");
    assertThat(events.stream(NeedsPersonEvent.class))
        .singleElement()
        .satisfies(
            e -> assertThat(e.reason().key()).isEqualTo("reason.giveUp.ALL_NUMBERS_INVALID"));
  }

  @Test
  void shouldCloseTheVisitWhenTheCallMadeAValidVisit() {
    clock.setLocal("2026-03-01T00:05:00");
    long elder = rows.elder().save();
    long first = firstCallDialled(elder);
    jdbc.update("update visit set valid = true, outcome = 'COMPLETED'");

    end(first, "ANSWERED");
    outcomes.attemptEnded(first); // reported twice: nothing more happens

    assertThat(jdbc.queryForObject("select status from visit", String.class)).isEqualTo("DONE");
    assertThat(jdbc.queryForObject("select count(*) from call_attempt", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void shouldHandTheVisitToAPersonWhenRetriesWouldFallInTheLastDaysOfTheCycle() {
    clock.setLocal("2026-03-11T00:05:00"); // half-month cycle 1–15 March, planned late
    long elder =
        rows.elder().born(java.time.LocalDate.of(1938, 2, 2)).categories("LIVING_ALONE").save();
    long first = firstCallDialled(elder);
    clock.set(local("2026-03-12T17:00:00"));
    jdbc.update(
        "update call_attempt set dialed_at = ? where id = ?",
        Timestamp.from(clock.instant()),
        first);

    end(first, "NO_ANSWER"); // 17:01 on the 12th: the retry would be on the 13th, 3 days left

    assertThat(jdbc.queryForObject("select status from visit", String.class))
        .isEqualTo("UNREACHABLE");
    assertThat(events.stream(NeedsPersonEvent.class))
        .singleElement()
        .satisfies(e -> assertThat(e.elderId()).isEqualTo(elder));
  }

  @Test
  void shouldEscalateUncoveredCyclesOnceNearTheirEnd() {
    clock.setLocal("2026-03-01T00:05:00");
    long home =
        rows.elder().categories("DISABLED_CARE").disability("MODERATE").selfCare(false).save();
    long phone = rows.elder().save();
    planning.planCurrentCycles();
    jdbc.update("update call_attempt set status = 'ENDED', result = 'NO_ANSWER', ended_at = now()");

    clock.setLocal("2026-03-12T10:00:00"); // home task: 4 days left
    assertThat(cycleEnd.run()).isZero();
    clock.setLocal("2026-03-13T00:15:00"); // 3 days left of 1–15 March
    assertThat(cycleEnd.run()).isEqualTo(1);
    assertThat(cycleEnd.run()).isZero();
    clock.setLocal("2026-03-29T00:15:00"); // monthly phone visit, nothing pending: 3 days left
    assertThat(cycleEnd.run()).isEqualTo(1);

    assertThat(events.stream(NeedsPersonEvent.class).map(NeedsPersonEvent::elderId))
        .containsExactly(home, phone);
    assertThat(
            jdbc.queryForObject("select status from visit where elder_id = ?", String.class, phone))
        .isEqualTo("UNREACHABLE");
    assertThat(
            jdbc.queryForObject("select status from visit where elder_id = ?", String.class, home))
        .isEqualTo("PLANNED");
  }
}
