package org.tanfang.scheduler.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.tanfang.scheduler.Haikou;

/**
 * The daily call windows that apply to an elder (or a district), in local time of {@code zone}.
 * Windows are clipped to the {@link QuietHours} and merged when built, so two equal configurations
 * compare equal and the planner can group elders by them.
 */
public record CallWindows(ZoneId zone, List<CallWindow> windows) {

  /** Mid-morning and mid-afternoon: elders are up, back from market, not yet cooking. */
  public static final List<CallWindow> DEFAULT_WINDOWS =
      List.of(CallWindow.of("09:00", "11:30"), CallWindow.of("15:00", "17:30"));

  public CallWindows {
    Objects.requireNonNull(zone, "zone");
    windows = normalise(windows);
  }

  public static CallWindows defaults() {
    return new CallWindows(Haikou.ZONE, DEFAULT_WINDOWS);
  }

  public static CallWindows of(ZoneId zone, CallWindow... windows) {
    return new CallWindows(zone, List.of(windows));
  }

  /**
   * The windows for one elder: the elder's own windows replace these (an elder who sells at the
   * morning market asks for afternoons) but stay within the quiet hours; none given keeps these.
   */
  public CallWindows forElder(List<CallWindow> elderWindows) {
    return elderWindows.isEmpty() ? this : new CallWindows(zone, elderWindows);
  }

  public boolean allows(Instant instant) {
    return nextAllowed(instant).equals(instant);
  }

  /** The instant itself if a call may be placed then, else the start of the next window. */
  public Instant nextAllowed(Instant instant) {
    LocalDate date = instant.atZone(zone).toLocalDate();
    // Every day has a window, so the answer is today or tomorrow; a third day covers odd zones.
    for (int day = 0; day < 3; day++, date = date.plusDays(1)) {
      for (TimeRange range : rangesOn(date)) {
        if (instant.isBefore(range.end())) {
          return instant.isBefore(range.start()) ? range.start() : instant;
        }
      }
    }
    throw new IllegalStateException("No call window within three days of " + instant);
  }

  /**
   * The start of the first window that begins after {@code instant}: "another window" than the one
   * the instant is in (or the next one, outside the windows).
   */
  public Instant nextWindowAfter(Instant instant) {
    LocalDate date = instant.atZone(zone).toLocalDate();
    for (int day = 0; day < 3; day++, date = date.plusDays(1)) {
      for (TimeRange range : rangesOn(date)) {
        if (range.start().isAfter(instant)) {
          return range.start();
        }
      }
    }
    throw new IllegalStateException("No call window within three days of " + instant);
  }

  /** The first allowed instant of a local day. */
  public Instant firstOn(LocalDate date) {
    return rangesOn(date).get(0).start();
  }

  /** The windows of one local day as instants, in order. */
  public List<TimeRange> rangesOn(LocalDate date) {
    List<TimeRange> ranges = new ArrayList<>(windows.size());
    for (CallWindow window : windows) {
      ranges.add(
          new TimeRange(
              date.atTime(window.start()).atZone(zone).toInstant(),
              date.atTime(window.end()).atZone(zone).toInstant()));
    }
    return ranges;
  }

  private static List<CallWindow> normalise(List<CallWindow> requested) {
    Objects.requireNonNull(requested, "call windows");
    if (requested.isEmpty()) {
      throw new IllegalArgumentException("At least one call window is required");
    }
    List<CallWindow> clipped = new ArrayList<>();
    for (CallWindow window : requested) {
      List<CallWindow> parts = QuietHours.clip(window);
      if (parts.isEmpty()) {
        throw new IllegalArgumentException(
            "Call window "
                + window
                + " lies entirely in the quiet hours ("
                + QuietHours.describe()
                + ")");
      }
      clipped.addAll(parts);
    }
    clipped.sort(Comparator.comparing(CallWindow::start));
    List<CallWindow> merged = new ArrayList<>();
    for (CallWindow window : clipped) {
      int last = merged.size() - 1;
      if (last >= 0 && !window.start().isAfter(merged.get(last).end())) {
        CallWindow previous = merged.get(last);
        LocalTime end = previous.end().isAfter(window.end()) ? previous.end() : window.end();
        merged.set(last, new CallWindow(previous.start(), end));
      } else {
        merged.add(window);
      }
    }
    return List.copyOf(merged);
  }
}
