package org.tanfang.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A clock tests move by hand: time passes only when a test says so. */
public class MutableClock extends Clock {
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private volatile Instant now;
  private final ZoneId zone;

  public MutableClock(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at a local date-time in Asia/Shanghai. */
  public static MutableClock at(String localDateTime) {
    return new MutableClock(
        LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant(), SHANGHAI);
  }

  public void set(Instant instant) {
    now = instant;
  }

  public void setLocal(String localDateTime) {
    now = LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(now, zone);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
