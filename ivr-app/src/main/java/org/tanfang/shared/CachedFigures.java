package org.tanfang.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures read from the database for the metrics endpoint, read again only when older than {@code
 * maxAge}: every gauge of one scrape shares one read, and scraping more often does not query more
 * often. A failed read (the database is down) gives no figures (the gauges show NaN, not a stale or
 * made-up value) until the next read is due.
 */
public final class CachedFigures<T> {
  private static final Logger log = LoggerFactory.getLogger(CachedFigures.class);

  private final String what;
  private final Supplier<T> read;
  private final Clock clock;
  private final Duration maxAge;
  private T value;
  private Instant readAt;

  public CachedFigures(String what, Supplier<T> read, Clock clock, Duration maxAge) {
    this.what = what;
    this.read = read;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /**
   * The figures, read now if none were read yet or they are older than the maximum age; or null.
   */
  public synchronized T get() {
    Instant now = clock.instant();
    // a clock set back (tests) also reads again
    if (readAt == null || now.isBefore(readAt) || !now.isBefore(readAt.plus(maxAge))) {
      readAt = now;
      try {
        value = read.get();
      } catch (RuntimeException e) {
        log.warn("Metrics: {} could not be read: {}", what, e.toString());
        value = null;
      }
    }
    return value;
  }
}
