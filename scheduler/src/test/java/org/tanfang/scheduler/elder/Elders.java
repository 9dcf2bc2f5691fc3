package org.tanfang.scheduler.elder;

import java.time.LocalDate;

/** Test elders: {@code Elders.aged(85, ON).categories(LIVING_ALONE).build()}. */
public final class Elders {

  public static final LocalDate ON = LocalDate.of(2026, 3, 10);
  private static long nextId = 1;

  private Elders() {}

  public static ElderProfile.Builder aged(int years) {
    return aged(years, ON);
  }

  /** Born so that the elder has just turned {@code years} on {@code on}. */
  public static ElderProfile.Builder aged(int years, LocalDate on) {
    return ElderProfile.builder(nextId++).born(on.minusYears(years).minusDays(1));
  }
}
