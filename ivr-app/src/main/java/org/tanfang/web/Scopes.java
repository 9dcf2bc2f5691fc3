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

  /** Matches no elder: what a region filter outside the caller's scope becomes. */
  static final String NOWHERE = "\u2205";

  /**
   * A region filter (district, street, community; null = any) narrowed to the scope: the scope's
   * own levels are imposed, and a filter naming another region than the scope's becomes {@link
   * #NOWHERE}, so it selects nothing rather than something outside.
   */
  static String[] narrow(RegionScope scope, String district, String street, String community) {
    String[] want = {district, street, community};
    String[] have = {scope.district(), scope.street(), scope.community()};
    for (int i = 0; i < 3; i++) {
      if (have[i] != null) {
        if (want[i] != null && !want[i].strip().equals(have[i])) {
          return new String[] {NOWHERE, NOWHERE, NOWHERE};
        }
        want[i] = have[i];
      }
    }
    return want;
  }

  /** A dashboard area narrowed to the caller's scope (outside it: an area with no elder). */
  static org.tanfang.reports.Area area(
      RegionScope scope, String district, String street, String community, String grid) {
    String[] in = narrow(scope, blank(district), blank(street), blank(community));
    return org.tanfang.reports.Area.of(in[0], in[1], in[2], NOWHERE.equals(in[0]) ? null : grid);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
