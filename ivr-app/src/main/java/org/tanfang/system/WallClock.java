package org.tanfang.system;

import java.time.Clock;

/**
 * Real time for measuring how long something took to reach someone (e.g. the desk's {@code
 * publishedAt}), which a test's frozen application clock cannot show. Never for decisions: those
 * take the application {@link Clock} bean. The one other place, besides {@link ClockConfig}, that
 * reads the system clock.
 */
public final class WallClock {
  private static final Clock UTC = Clock.systemUTC();

  private WallClock() {}

  public static Clock utc() {
    return UTC;
  }
}
