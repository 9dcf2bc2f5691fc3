package org.tanfang.scheduler.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.tanfang.scheduler.elder.ElderProfile;

/**
 * A weather warning or disaster that calls for a special round: contact every elder in the
 * districts at once with what to watch for (the plan's 应急处置).
 *
 * @param districtCodes the districts under the warning; at least one
 * @param start when the warning takes effect
 * @param end when it is lifted (exclusive); must be after {@code start}
 */
public record WeatherAlert(AlertKind kind, Set<String> districtCodes, Instant start, Instant end) {

  public WeatherAlert {
    Objects.requireNonNull(kind, "alert kind");
    Objects.requireNonNull(start, "alert start");
    Objects.requireNonNull(end, "alert end");
    districtCodes = Set.copyOf(districtCodes);
    if (districtCodes.isEmpty()) {
      throw new IllegalArgumentException(kind.label() + " alert must name at least one district");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          kind.label() + " alert must end after it starts (start " + start + ", end " + end + ")");
    }
  }

  public boolean isInForceAt(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  public boolean covers(ElderProfile elder) {
    return districtCodes.contains(elder.district().code());
  }
}
