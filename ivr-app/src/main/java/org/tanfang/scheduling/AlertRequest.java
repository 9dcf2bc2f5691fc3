package org.tanfang.scheduling;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A supervisor's weather alert: kind (TYPHOON, HEAT, COLD, OTHER), the districts (registry names)
 * and the local start and end (Haikou time).
 */
public record AlertRequest(
    String kind, List<String> districts, LocalDateTime start, LocalDateTime end) {}
