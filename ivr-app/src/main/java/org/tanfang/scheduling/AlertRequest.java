package org.tanfang.scheduling;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A supervisor's weather alert: kind (TYPHOON, HEAT, COLD, OTHER), the districts (registry names)
 * and the local start and end (Haikou time); optionally the warning level (BLUE, YELLOW, ORANGE,
 * RED) and, for a RED alert, {@code urgent} (call outside the elders' windows, inside the city's
 * calling hours) and {@code confirmNight} (with urgent: also during the night quiet hours).
 */
public record AlertRequest(
    String kind,
    List<String> districts,
    LocalDateTime start,
    LocalDateTime end,
    String level,
    Boolean urgent,
    Boolean confirmNight) {

  public AlertRequest(String kind, List<String> districts, LocalDateTime start, LocalDateTime end) {
    this(kind, districts, start, end, null, null, null);
  }

  /** NORMAL, URGENT (outside the elders' windows, inside calling hours) or URGENT_NIGHT. */
  public String urgency() {
    if (!Boolean.TRUE.equals(urgent)) {
      return "NORMAL";
    }
    return Boolean.TRUE.equals(confirmNight) ? "URGENT_NIGHT" : "URGENT";
  }
}
