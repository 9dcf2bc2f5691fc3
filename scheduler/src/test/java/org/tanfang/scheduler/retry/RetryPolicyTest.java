package org.tanfang.scheduler.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tanfang.scheduler.retry.CallOutcome.BUSY;
import static org.tanfang.scheduler.retry.CallOutcome.CONGESTION;
import static org.tanfang.scheduler.retry.CallOutcome.FAILED;
import static org.tanfang.scheduler.retry.CallOutcome.INVALID_NUMBER;
import static org.tanfang.scheduler.retry.CallOutcome.NO_ANSWER;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tanfang.scheduler.Haikou;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.retry.RetryDecision.GiveUp;
import org.tanfang.scheduler.retry.RetryDecision.NeedsPerson;
import org.tanfang.scheduler.retry.RetryDecision.RetryAt;
import org.tanfang.scheduler.window.CallWindows;

class RetryPolicyTest {

  /** 2026-03-01..15: the 15th is the last day, so retries on the 13th or later need a person. */
  private static final VisitCycle CYCLE =
      VisitCycle.containing(CycleKind.HALF_MONTH, LocalDate.of(2026, 3, 1), Haikou.ZONE);

  private final RetryPolicy policy = RetryPolicy.defaults();
  private final CallWindows windows = CallWindows.defaults();

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(Haikou.ZONE).toInstant();
  }

  private static CallAttempt attempt(String localTime, int phone, CallOutcome outcome) {
    return new CallAttempt(local(localTime), phone, outcome);
  }

  private RetryDecision next(int phones, CallAttempt... attempts) {
    return policy.next(List.of(attempts), phones, CYCLE, windows);
  }

  @ParameterizedTest
  @EnumSource(
      value = CallOutcome.class,
      names = {"NO_ANSWER", "BUSY", "CONGESTION", "FAILED", "UNREACHABLE_NETWORK"})
  void shouldRetryThirtyMinutesLaterAfterAFailedCall(CallOutcome outcome) {
    assertThat(next(1, attempt("2026-03-03T09:10", 0, outcome)))
        .isEqualTo(new RetryAt(local("2026-03-03T09:40"), 0));
  }

  @Test
  void shouldPushARetryIntoTheNextWindow() {
    assertThat(next(1, attempt("2026-03-03T11:10", 0, NO_ANSWER)))
        .isEqualTo(new RetryAt(local("2026-03-03T15:00"), 0));
  }

  @Test
  void shouldMoveToTheNextDaysFirstWindowAfterThreeAttempts() {
    RetryDecision decision =
        next(
            1,
            attempt("2026-03-03T09:10", 0, NO_ANSWER),
            attempt("2026-03-03T09:40", 0, BUSY),
            attempt("2026-03-03T10:10", 0, CONGESTION));

    assertThat(decision).isEqualTo(new RetryAt(local("2026-03-04T09:00"), 0));
  }

  @Test
  void shouldCountOnlyTodaysAttemptsTowardsTheDailyLimit() {
    RetryDecision decision =
        next(
            1,
            attempt("2026-03-02T15:00", 0, NO_ANSWER),
            attempt("2026-03-02T15:30", 0, NO_ANSWER),
            attempt("2026-03-03T09:00", 0, FAILED));

    assertThat(decision).isEqualTo(new RetryAt(local("2026-03-03T09:30"), 0));
  }

  @Test
  void shouldAlternateBetweenNumbersWithinADayAndStartTheNextDayAtThePrimary() {
    assertThat(next(2, attempt("2026-03-03T09:00", 0, NO_ANSWER)))
        .isEqualTo(new RetryAt(local("2026-03-03T09:30"), 1));
    assertThat(
            next(
                2,
                attempt("2026-03-03T09:00", 0, NO_ANSWER),
                attempt("2026-03-03T09:30", 1, NO_ANSWER)))
        .isEqualTo(new RetryAt(local("2026-03-03T10:00"), 0));
    assertThat(next(2, attempt("2026-03-03T17:10", 1, NO_ANSWER)))
        .isEqualTo(new RetryAt(local("2026-03-04T09:00"), 0));
  }

  @Test
  void shouldTryTheNextAlternateAtOnceAfterAnInvalidNumber() {
    assertThat(next(3, attempt("2026-03-03T10:00", 0, INVALID_NUMBER)))
        .isEqualTo(new RetryAt(local("2026-03-03T10:00"), 1));
  }

  @Test
  void shouldNeverDialAnInvalidNumberAgain() {
    RetryDecision decision =
        next(
            3,
            attempt("2026-03-03T09:00", 1, INVALID_NUMBER),
            attempt("2026-03-03T09:00", 2, NO_ANSWER));

    assertThat(decision).isEqualTo(new RetryAt(local("2026-03-03T09:30"), 0));
  }

  @Test
  void shouldNotCountInvalidNumbersTowardsTheDailyLimit() {
    RetryDecision decision =
        next(
            2,
            attempt("2026-03-03T09:00", 0, INVALID_NUMBER),
            attempt("2026-03-03T09:01", 1, NO_ANSWER),
            attempt("2026-03-03T09:31", 1, NO_ANSWER));

    assertThat(decision).isEqualTo(new RetryAt(local("2026-03-03T10:01"), 1));
  }

  @Test
  void shouldGiveUpForDataCorrectionWhenEveryNumberIsInvalid() {
    RetryDecision decision =
        next(
            2,
            attempt("2026-03-03T09:00", 0, INVALID_NUMBER),
            attempt("2026-03-03T09:00", 1, INVALID_NUMBER));

    assertThat(decision).isEqualTo(new GiveUp(RetryDecision.Reason.ALL_NUMBERS_INVALID));
  }

  @Test
  void shouldGiveUpWhenTheElderHasNoPhone() {
    assertThat(next(0, attempt("2026-03-03T09:00", 0, FAILED)))
        .isEqualTo(new GiveUp(RetryDecision.Reason.NO_PHONE));
  }

  @Test
  void shouldHandTheVisitToAPersonWhenARetryWouldFallInTheLastThreeDays() {
    assertThat(next(1, attempt("2026-03-12T11:00", 0, NO_ANSWER)))
        .isEqualTo(new RetryAt(local("2026-03-12T15:00"), 0));
    assertThat(next(1, attempt("2026-03-12T17:10", 0, NO_ANSWER)))
        .isInstanceOfSatisfying(
            NeedsPerson.class,
            needs -> assertThat(needs.reason()).contains("2026-03-H1").contains("仅剩 3 天"));
  }

  @Test
  void shouldHandTheVisitToAPersonWhenTheCycleIsOver() {
    RetryPolicy lastMinute = policy.needsPersonWhenDaysLeft(0);

    RetryDecision decision =
        lastMinute.next(List.of(attempt("2026-03-15T17:20", 0, BUSY)), 1, CYCLE, windows);

    assertThat(decision).isInstanceOf(NeedsPerson.class);
  }

  @Test
  void shouldFollowAFluentlyConfiguredPolicy() {
    RetryPolicy patient =
        RetryPolicy.defaults().maxAttemptsPerDay(2).retryAfter(Duration.ofHours(1));

    RetryDecision first =
        patient.next(List.of(attempt("2026-03-03T09:00", 0, NO_ANSWER)), 1, CYCLE, windows);
    RetryDecision second =
        patient.next(
            List.of(
                attempt("2026-03-03T09:00", 0, NO_ANSWER),
                attempt("2026-03-03T10:00", 0, NO_ANSWER)),
            1,
            CYCLE,
            windows);

    assertThat(first).isEqualTo(new RetryAt(local("2026-03-03T10:00"), 0));
    assertThat(second).isEqualTo(new RetryAt(local("2026-03-04T09:00"), 0));
  }

  @Test
  void shouldRejectANonPositiveRetryGap() {
    assertThatThrownBy(() -> RetryPolicy.defaults().retryAfter(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retryAfter must be positive");
  }

  @ParameterizedTest
  @EnumSource(
      value = CallOutcome.class,
      names = {"NO_SUCH_NUMBER", "SUSPENDED"})
  void shouldMoveToTheNextNumberAtOnceAndNeverDialADeadOneAgain(CallOutcome outcome) {
    assertThat(next(2, attempt("2026-03-03T09:10", 0, outcome)))
        .isEqualTo(new RetryAt(local("2026-03-03T09:10"), 1));
    assertThat(
            next(
                2,
                attempt("2026-03-03T09:10", 0, outcome),
                attempt("2026-03-03T09:11", 1, NO_ANSWER)))
        .isEqualTo(new RetryAt(local("2026-03-03T09:41"), 1));
    assertThat(next(1, attempt("2026-03-03T09:10", 0, outcome)))
        .isEqualTo(new GiveUp(RetryDecision.Reason.ALL_NUMBERS_INVALID));
  }

  @Test
  void shouldRetryASwitchedOffPhoneLaterInTheDayThenOnTheNextDay() {
    CallOutcome off = CallOutcome.SWITCHED_OFF;
    assertThat(next(1, attempt("2026-03-03T09:10", 0, off)))
        .isEqualTo(new RetryAt(local("2026-03-03T11:10"), 0));
    assertThat(next(1, attempt("2026-03-03T09:10", 0, off), attempt("2026-03-03T11:10", 0, off)))
        .isEqualTo(new RetryAt(local("2026-03-03T15:00"), 0));
    assertThat(
            next(
                1,
                attempt("2026-03-03T09:10", 0, off),
                attempt("2026-03-03T11:10", 0, off),
                attempt("2026-03-03T15:00", 0, off)))
        .isEqualTo(new RetryAt(local("2026-03-04T09:00"), 0));
  }

  @Test
  void shouldHandAnElderToAPersonWhenThePhoneIsSwitchedOffOnTwoConsecutiveDays() {
    CallAttempt[] dayOne = {
      attempt("2026-03-03T09:10", 0, CallOutcome.SWITCHED_OFF),
      attempt("2026-03-03T15:00", 0, CallOutcome.SWITCHED_OFF),
    };
    assertThat(
            next(1, dayOne[0], dayOne[1], attempt("2026-03-04T09:00", 0, CallOutcome.SWITCHED_OFF)))
        .isEqualTo(new RetryDecision.SwitchedOff(2));
    // The phone was on (rang out) on the first day: only one day switched off.
    assertThat(
            next(
                1,
                dayOne[0],
                attempt("2026-03-03T15:00", 0, NO_ANSWER),
                attempt("2026-03-04T09:00", 0, CallOutcome.SWITCHED_OFF)))
        .isInstanceOf(RetryAt.class);
    // A day between without calls breaks the run.
    assertThat(next(1, dayOne[0], attempt("2026-03-05T09:00", 0, CallOutcome.SWITCHED_OFF)))
        .isInstanceOf(RetryAt.class);
    RetryPolicy never = policy.network(new NetworkResults(Duration.ofHours(2), 0));
    assertThat(
            never.next(
                List.of(dayOne[0], attempt("2026-03-04T09:00", 0, CallOutcome.SWITCHED_OFF)),
                1,
                CYCLE,
                windows))
        .isInstanceOf(RetryAt.class);
  }

  @Test
  void shouldRetryAVoicemailAnswerInAnotherWindow() {
    assertThat(next(1, attempt("2026-03-03T09:10", 0, CallOutcome.VOICEMAIL)))
        .isEqualTo(new RetryAt(local("2026-03-03T15:00"), 0));
    assertThat(
            next(
                1,
                attempt("2026-03-03T09:10", 0, CallOutcome.VOICEMAIL),
                attempt("2026-03-03T15:05", 0, CallOutcome.VOICEMAIL)))
        .isEqualTo(new RetryAt(local("2026-03-04T09:00"), 0));
  }

  @Test
  void shouldRejectABadNetworkPolicy() {
    assertThatThrownBy(() -> new NetworkResults(Duration.ZERO, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NetworkResults(Duration.ofHours(1), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
