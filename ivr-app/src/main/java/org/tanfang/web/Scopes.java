package org.tanfang.web;

import java.util.List;
import org.tanfang.security.RegionScope;

/** Filter choices narrowed to a caller's scope (the queries narrow the data themselves). */
final class Scopes {
  private Scopes() {}

  /** The configured districts a caller may pick: all for the city, their own otherwise. */
  static List<String> districts(List<String> configured, RegionScope scope) {
    return scope.isCity()
        ? configured
        : configured.stream().filter(d -> d.equals(scope.district())).toList();
  }
}
