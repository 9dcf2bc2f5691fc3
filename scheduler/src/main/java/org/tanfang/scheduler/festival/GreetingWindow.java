package org.tanfang.scheduler.festival;

/**
 * Which days around a festival its greeting call may be made: from {@code daysBefore} days before
 * to {@code daysAfter} days after the festival, both inclusive.
 */
public record GreetingWindow(int daysBefore, int daysAfter) {

  /** Two days before until the day: greetings arrive in time, and never after the festival. */
  public static final GreetingWindow DEFAULT = new GreetingWindow(2, 0);

  public GreetingWindow {
    if (daysBefore < 0 || daysAfter < 0) {
      throw new IllegalArgumentException(
          "Greeting window days must not be negative: "
              + daysBefore
              + " before, "
              + daysAfter
              + " after");
    }
  }
}
