package org.tanfang.visitors;

import java.util.Map;
import org.tanfang.escalation.AreaFinding;

/**
 * A home visit as the visitor records it (the visit record form, 探访关爱服务记录表).
 *
 * @param areas the six areas, each FINE / CONCERN (note required) / NOT_CHECKED
 * @param services services arranged or referred (optional)
 * @param hazards home-safety hazards found (optional)
 * @param hazardsRemoved NONE (none found), REMOVED, NOT_REMOVED; required when hazards are named
 * @param wish the elder's wish about visits: SAME, MORE, PHONE_OK, FEWER, NOT_ASKED
 * @param notes anything else (optional)
 */
public record HomeVisitForm(
    Map<String, AreaFinding> areas,
    String services,
    String hazards,
    String hazardsRemoved,
    String wish,
    String notes) {

  public static final java.util.List<String> WISHES =
      java.util.List.of("SAME", "MORE", "PHONE_OK", "FEWER", "NOT_ASKED");
  public static final java.util.List<String> HAZARD_STATES =
      java.util.List.of("NONE", "REMOVED", "NOT_REMOVED");
}
