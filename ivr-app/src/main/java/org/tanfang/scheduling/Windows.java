package org.tanfang.scheduling;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tanfang.scheduler.window.CallWindow;
import org.tanfang.scheduler.window.CallWindows;

/**
 * The call windows that apply: the elder's own window, else the district's, else the default; all
 * clipped to the quiet hours. Instances are shared so the planner groups elders cheaply.
 */
@Component
public class Windows {
  private static final Logger log = LoggerFactory.getLogger(Windows.class);

  private final CallWindows defaults;
  private final Map<String, CallWindows> byDistrict = new HashMap<>();
  private final CallWindows family;

  Windows(SchedulerProperties props, Clock clock) {
    ZoneId zone = clock.getZone();
    this.defaults = new CallWindows(zone, parse(props.callWindows()));
    this.family = new CallWindows(zone, parse(props.familyCallWindows()));
    props
        .districtCallWindows()
        .forEach(
            (district, windows) -> byDistrict.put(district, new CallWindows(zone, parse(windows))));
  }

  public CallWindows defaults() {
    return defaults;
  }

  /** Notification calls to emergency contacts (adults, not the elder): the city's calling hours. */
  public CallWindows family() {
    return family;
  }

  public CallWindows forDistrict(String district) {
    return byDistrict.getOrDefault(district, defaults);
  }

  /** An elder window wholly inside the quiet hours is ignored (logged): the district's applies. */
  CallWindows forElder(long elderId, String district, List<CallWindow> own) {
    CallWindows base = forDistrict(district);
    if (own.isEmpty()) {
      return base;
    }
    try {
      return base.forElder(own);
    } catch (IllegalArgumentException e) {
      log.warn("Elder {}: own call window ignored: {}", elderId, e.getMessage());
      return base;
    }
  }

  private static List<CallWindow> parse(List<String> windows) {
    return windows.stream().map(CallWindow::parse).toList();
  }
}
