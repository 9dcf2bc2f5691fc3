package org.tanfang.scheduler.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.window.CallWindows;

/**
 * When to call an elder again after a failed attempt, as a value:
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.defaults()
 *     .maxAttemptsPerDay(3)
 *     .retryAfter(Duration.ofMinutes(30))
 *     .needsPersonWhenDaysLeft(3);
 * }</pre>
 *
 * <ul>
 *   <li>no answer, busy, congestion, failure: again after {@link #retryAfter()}, up to {@link
 *       #maxAttemptsPerDay()} attempts per local day, then from the first window of the next day;
 *   <li>invalid number: that number is never dialled again; the next alternate is tried at once
 *       (within the windows); with none left the robocalls give up and the data must be corrected;
 *   <li>with several valid numbers, each retry in a day moves to the next one in the registry's
 *       order (an elder out with the mobile misses the landline), and each day starts again at the
 *       primary;
 *   <li>every retry is pushed into the next allowed call window;
 *   <li>when a retry would fall in the last {@link #needsPersonWhenDaysLeft()} days of the cycle
 *       (or after it), a person takes over: robocalls have had their chance;
 *   <li>what the carrier said ({@link NetworkResults}): no such number and suspended are like an
 *       invalid number (the next number at once); switched off is retried after {@link
 *       NetworkResults#switchedOffRetryAfter()}, and switched off on {@link
 *       NetworkResults#switchedOffDaysToPerson()} consecutive days goes to a person at once; a
 *       voicemail answer is retried in another call window.
 * </ul>
 */
public record RetryPolicy(
    int maxAttemptsPerDay,
    Duration retryAfter,
    int needsPersonWhenDaysLeft,
    NetworkResults network) {

  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMinutes(30), 3);
  }

  public RetryPolicy(int maxAttemptsPerDay, Duration retryAfter, int needsPersonWhenDaysLeft) {
    this(maxAttemptsPerDay, retryAfter, needsPersonWhenDaysLeft, NetworkResults.defaults());
  }

  public RetryPolicy {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (maxAttemptsPerDay < 1) {
      throw new IllegalArgumentException("maxAttemptsPerDay must be at least 1");
    }
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
    }
    if (needsPersonWhenDaysLeft < 0) {
      throw new IllegalArgumentException("needsPersonWhenDaysLeft must not be negative");
    }
  }

  public RetryPolicy maxAttemptsPerDay(int attempts) {
    return new RetryPolicy(attempts, retryAfter, needsPersonWhenDaysLeft, network);
  }

  public RetryPolicy retryAfter(Duration gap) {
    return new RetryPolicy(maxAttemptsPerDay, gap, needsPersonWhenDaysLeft, network);
  }

  public RetryPolicy needsPersonWhenDaysLeft(int days) {
    return new RetryPolicy(maxAttemptsPerDay, retryAfter, days, network);
  }

  public RetryPolicy network(NetworkResults results) {
    return new RetryPolicy(maxAttemptsPerDay, retryAfter, needsPersonWhenDaysLeft, results);
  }

  /**
   * @param attempts the failed attempts of this elder in {@code cycle}, oldest first; the latest is
   *     the one that just ended
   * @param phoneCount how many numbers the elder has (primary plus alternates)
   */
  public RetryDecision next(
      List<CallAttempt> attempts, int phoneCount, VisitCycle cycle, CallWindows windows) {
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("No attempt to decide a retry for");
    }
    if (phoneCount == 0) {
      return new RetryDecision.GiveUp(RetryDecision.Reason.NO_PHONE);
    }
    CallAttempt last = latest(attempts);
    BitSet valid = validPhones(attempts, phoneCount);
    if (valid.isEmpty()) {
      return new RetryDecision.GiveUp(RetryDecision.Reason.ALL_NUMBERS_INVALID);
    }
    int switchedOffDays = network.switchedOffDays(attempts, windows.zone());
    if (network.switchedOffDaysToPerson() > 0
        && switchedOffDays >= network.switchedOffDaysToPerson()) {
      return new RetryDecision.SwitchedOff(switchedOffDays);
    }
    RetryDecision.RetryAt retry = retryAt(attempts, last, valid, windows);
    LocalDate retryDay = LocalDate.ofInstant(retry.at(), cycle.zone());
    if (!cycle.contains(retry.at()) || cycle.daysLeft(retryDay) <= needsPersonWhenDaysLeft) {
      return new RetryDecision.NeedsPerson(
          "周期 " + cycle.id() + " 仅剩 " + cycle.daysLeft(retryDay) + " 天仍未探访成功，需人工跟进");
    }
    return retry;
  }

  private RetryDecision.RetryAt retryAt(
      List<CallAttempt> attempts, CallAttempt last, BitSet valid, CallWindows windows) {
    if (!last.outcome().isRetryable()) {
      // A different number: no reason to wait.
      return new RetryDecision.RetryAt(
          windows.nextAllowed(last.at()), nextPhone(valid, last.phoneIndex()));
    }
    ZoneId zone = windows.zone();
    LocalDate day = LocalDate.ofInstant(last.at(), zone);
    if (dialledOn(day, attempts, zone) < maxAttemptsPerDay) {
      Instant at =
          switch (last.outcome()) {
            case VOICEMAIL -> windows.nextWindowAfter(last.at());
            case SWITCHED_OFF ->
                windows.nextAllowed(last.at().plus(network.switchedOffRetryAfter()));
            default -> windows.nextAllowed(last.at().plus(retryAfter));
          };
      boolean sameDay = LocalDate.ofInstant(at, zone).equals(day);
      return new RetryDecision.RetryAt(
          at, sameDay ? nextPhone(valid, last.phoneIndex()) : valid.nextSetBit(0));
    }
    return new RetryDecision.RetryAt(windows.firstOn(day.plusDays(1)), valid.nextSetBit(0));
  }

  /** The attempt that just ended: the latest, and of equal times the one listed last. */
  private static CallAttempt latest(List<CallAttempt> attempts) {
    CallAttempt latest = attempts.get(0);
    for (CallAttempt attempt : attempts) {
      if (!attempt.at().isBefore(latest.at())) {
        latest = attempt;
      }
    }
    return latest;
  }

  /** Invalid numbers are not real calls to the elder, so they do not use up the day's attempts. */
  private static long dialledOn(LocalDate day, List<CallAttempt> attempts, ZoneId zone) {
    return attempts.stream()
        .filter(attempt -> attempt.outcome().isRetryable())
        .filter(attempt -> LocalDate.ofInstant(attempt.at(), zone).equals(day))
        .count();
  }

  private static BitSet validPhones(List<CallAttempt> attempts, int phoneCount) {
    BitSet valid = new BitSet(phoneCount);
    valid.set(0, phoneCount);
    for (CallAttempt attempt : attempts) {
      if (!attempt.outcome().isRetryable() && attempt.phoneIndex() < phoneCount) {
        valid.clear(attempt.phoneIndex());
      }
    }
    return valid;
  }

  /** The next valid number after the one just dialled, wrapping round to the first. */
  private static int nextPhone(BitSet valid, int current) {
    int next = valid.nextSetBit(current + 1);
    return next >= 0 ? next : valid.nextSetBit(0);
  }
}
