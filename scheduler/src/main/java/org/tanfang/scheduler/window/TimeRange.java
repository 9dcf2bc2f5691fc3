package org.tanfang.scheduler.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time [start, end) on the time line. */
public record TimeRange(Instant start, Instant end) {

  public TimeRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("Time range ends (" + end + ") before it starts " + start);
    }
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  /** The overlap with another range; empty (zero length) when they do not meet. */
  public TimeRange intersect(TimeRange other) {
    Instant from = start.isAfter(other.start) ? start : other.start;
    Instant to = end.isBefore(other.end) ? end : other.end;
    return to.isAfter(from) ? new TimeRange(from, to) : new TimeRange(from, from);
  }

  public boolean isEmpty() {
    return start.equals(end);
  }
}
