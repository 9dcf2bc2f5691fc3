package org.tanfang.scheduler.festival;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The festivals elders are greeted at, computed for any year (lunar dates by ICU4J, 清明 by formula),
 * with a configurable greeting window each. Immutable; the {@code with…} methods return changed
 * copies.
 *
 * <p>By default every festival but 七夕 (a lovers' festival, not an elders' one) is greeted, from two
 * days before until the day.
 */
public final class FestivalCalendar {

  private final Set<Festival> festivals;
  private final Map<Festival, GreetingWindow> windows;

  private FestivalCalendar(Set<Festival> festivals, Map<Festival, GreetingWindow> windows) {
    this.festivals = Set.copyOf(festivals);
    this.windows = Map.copyOf(windows);
  }

  public static FestivalCalendar defaults() {
    Map<Festival, GreetingWindow> windows = new EnumMap<>(Festival.class);
    for (Festival festival : Festival.values()) {
      windows.put(festival, GreetingWindow.DEFAULT);
    }
    return new FestivalCalendar(EnumSet.complementOf(EnumSet.of(Festival.QIXI)), windows);
  }

  public FestivalCalendar withFestivals(Set<Festival> greeted) {
    return new FestivalCalendar(greeted, windows);
  }

  public FestivalCalendar withGreetingWindow(Festival festival, GreetingWindow window) {
    Map<Festival, GreetingWindow> changed = new EnumMap<>(windows);
    changed.put(festival, window);
    return new FestivalCalendar(festivals, changed);
  }

  public FestivalCalendar withGreetingWindow(GreetingWindow window) {
    FestivalCalendar changed = this;
    for (Festival festival : Festival.values()) {
      changed = changed.withGreetingWindow(festival, window);
    }
    return changed;
  }

  /** The Gregorian date of a festival in a Gregorian year (each falls exactly once a year). */
  public static LocalDate dateOf(Festival festival, int year) {
    switch (festival) {
      case NEW_YEARS_EVE:
        // The eve of this year's Spring Festival: the lunar year before ends in January/February.
        return LunarCalendar.newYear(year).minusDays(1);
      case QINGMING:
        return Qingming.in(year);
      default:
        return LunarCalendar.toGregorian(year, festival.lunarMonth(), festival.lunarDay());
    }
  }

  /** The greeted festivals of a Gregorian year, in date order (清明 only in 2000–2099). */
  public List<FestivalOccurrence> occurrencesIn(int year) {
    List<FestivalOccurrence> occurrences = new ArrayList<>();
    for (Festival festival : festivals) {
      if (festival != Festival.QINGMING || Qingming.covers(year)) {
        occurrences.add(occurrence(festival, year));
      }
    }
    occurrences.sort(Comparator.comparing(FestivalOccurrence::date));
    return occurrences;
  }

  /** Festivals whose greeting may be made on this day (除夕 and 春节 windows overlap). */
  public List<FestivalOccurrence> greetingsOn(LocalDate day) {
    List<FestivalOccurrence> greetings = new ArrayList<>();
    // A configured window may reach across New Year's Day either way.
    for (int year = day.getYear() - 1; year <= day.getYear() + 1; year++) {
      for (FestivalOccurrence occurrence : occurrencesIn(year)) {
        if (occurrence.isGreetingDay(day)) {
          greetings.add(occurrence);
        }
      }
    }
    return greetings;
  }

  /** The next greeted festival on or after a day. */
  public Optional<FestivalOccurrence> next(LocalDate from) {
    for (int year = from.getYear(); year <= from.getYear() + 1; year++) {
      for (FestivalOccurrence occurrence : occurrencesIn(year)) {
        if (!occurrence.date().isBefore(from)) {
          return Optional.of(occurrence);
        }
      }
    }
    return Optional.empty();
  }

  private FestivalOccurrence occurrence(Festival festival, int year) {
    LocalDate date = dateOf(festival, year);
    GreetingWindow window = windows.get(festival);
    return new FestivalOccurrence(
        festival, date, date.minusDays(window.daysBefore()), date.plusDays(window.daysAfter()));
  }
}
