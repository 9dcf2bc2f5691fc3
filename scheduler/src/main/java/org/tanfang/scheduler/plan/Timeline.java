package org.tanfang.scheduler.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tanfang.scheduler.window.CallWindows;
import org.tanfang.scheduler.window.TimeRange;

/**
 * The allowed call time in a span, laid end to end: a position in milliseconds of allowed time maps
 * to an instant. Spacing calls evenly along it makes the load per allowed hour flat.
 */
final class Timeline {

  private final List<TimeRange> ranges;
  private final long[] lengths;
  private final long totalMillis;

  private Timeline(List<TimeRange> ranges) {
    this.ranges = ranges;
    this.lengths = ranges.stream().mapToLong(range -> range.length().toMillis()).toArray();
    this.totalMillis = Arrays.stream(lengths).sum();
  }

  static Timeline of(CallWindows windows, TimeRange span) {
    ZoneId zone = windows.zone();
    List<TimeRange> ranges = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(span.end(), zone);
    for (LocalDate day = LocalDate.ofInstant(span.start(), zone);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      for (TimeRange window : windows.rangesOn(day)) {
        TimeRange part = window.intersect(span);
        if (!part.isEmpty()) {
          ranges.add(part);
        }
      }
    }
    return new Timeline(ranges);
  }

  boolean isEmpty() {
    return totalMillis == 0;
  }

  long totalMillis() {
    return totalMillis;
  }

  /** Walks the timeline; positions must be asked for in ascending order. */
  Cursor cursor() {
    return new Cursor();
  }

  final class Cursor {
    private int index;
    private long rangeStartPosition;

    Instant at(long position) {
      while (position >= rangeStartPosition + lengths[index]) {
        rangeStartPosition += lengths[index];
        index++;
      }
      return ranges.get(index).start().plusMillis(position - rangeStartPosition);
    }
  }
}
