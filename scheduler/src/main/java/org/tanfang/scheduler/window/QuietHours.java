package org.tanfang.scheduler.window;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Hard limits no configuration can override: calls only between 08:00 and 20:00 local time, and
 * never during the midday rest 12:00–14:30 (午休, long in Hainan's heat). Early mornings and evenings
 * are excluded both ways because a ringing phone at night frightens an elder living alone, and a
 * missed call then would be counted against them as "no answer".
 */
public final class QuietHours {

  public static final LocalTime EARLIEST = LocalTime.of(8, 0);
  public static final LocalTime LATEST = LocalTime.of(20, 0);
  public static final CallWindow MIDDAY_REST = CallWindow.of("12:00", "14:30");

  private QuietHours() {}

  /** The parts of a window that lie outside the quiet hours; empty if none do. */
  public static List<CallWindow> clip(CallWindow window) {
    LocalTime start = max(window.start(), EARLIEST);
    LocalTime end = min(window.end(), LATEST);
    List<CallWindow> parts = new ArrayList<>(2);
    addIfNotEmpty(parts, start, min(end, MIDDAY_REST.start()));
    addIfNotEmpty(parts, max(start, MIDDAY_REST.end()), end);
    return parts;
  }

  public static String describe() {
    return "no calls before " + EARLIEST + ", during " + MIDDAY_REST + ", or from " + LATEST;
  }

  private static void addIfNotEmpty(List<CallWindow> parts, LocalTime start, LocalTime end) {
    if (end.isAfter(start)) {
      parts.add(new CallWindow(start, end));
    }
  }

  private static LocalTime max(LocalTime a, LocalTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalTime min(LocalTime a, LocalTime b) {
    return a.isBefore(b) ? a : b;
  }
}
