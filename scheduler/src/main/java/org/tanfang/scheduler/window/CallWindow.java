package org.tanfang.scheduler.window;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A daily span of local time [start, end) in which calls may be placed. Windows never cross
 * midnight: nobody is called at night.
 */
public record CallWindow(LocalTime start, LocalTime end) {

  public CallWindow {
    Objects.requireNonNull(start, "call window start");
    Objects.requireNonNull(end, "call window end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "Call window " + start + "–" + end + " is invalid: it must end after it starts");
    }
  }

  public static CallWindow of(String start, String end) {
    return new CallWindow(LocalTime.parse(start), LocalTime.parse(end));
  }

  /** Reads "09:00-11:30" (hyphen or en dash), the form used in configuration. */
  public static CallWindow parse(String text) {
    String[] parts = text.trim().split("\\s*[-–]\\s*");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "Call window '" + text + "' is invalid: expected HH:mm-HH:mm, e.g. 09:00-11:30");
    }
    try {
      return of(parts[0], parts[1]);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Call window '" + text + "' is invalid: expected HH:mm-HH:mm, e.g. 09:00-11:30", e);
    }
  }

  public boolean contains(LocalTime time) {
    return !time.isBefore(start) && time.isBefore(end);
  }

  public boolean overlaps(CallWindow other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  @Override
  public String toString() {
    return start + "–" + end;
  }
}
