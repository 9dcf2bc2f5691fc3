package org.tanfang.scheduler.festival;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A festival in one year, with the days on which its greeting call may be placed.
 *
 * @param greetingFrom first greeting day (inclusive)
 * @param greetingTo last greeting day (inclusive)
 */
public record FestivalOccurrence(
    Festival festival, LocalDate date, LocalDate greetingFrom, LocalDate greetingTo) {

  public FestivalOccurrence {
    Objects.requireNonNull(festival, "festival");
    Objects.requireNonNull(date, "date");
    if (greetingTo.isBefore(greetingFrom)) {
      throw new IllegalArgumentException("Greeting window ends before it starts for " + festival);
    }
  }

  public boolean isGreetingDay(LocalDate day) {
    return !day.isBefore(greetingFrom) && !day.isAfter(greetingTo);
  }

  public String promptId() {
    return festival.promptId();
  }
}
