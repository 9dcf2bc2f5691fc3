package org.tanfang.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import org.tanfang.escalation.AreaFinding;
import org.tanfang.escalation.Outcome;
import org.tanfang.escalation.Resolution;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * The desk's resolve form as typed (fields {@code outcome}, {@code notes}, {@code area.HEALTH},
 * {@code note.HEALTH}, …), kept as strings so a rejected form comes back exactly as it was.
 */
record ResolveForm(
    String outcome, String notes, Map<String, String> status, Map<String, String> note) {
  static final List<String> AREAS =
      List.of("HEALTH", "LIVING", "FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL");

  static ResolveForm empty() {
    return new ResolveForm("", "", Map.of(), Map.of());
  }

  static ResolveForm from(MultiValueMap<String, String> params) {
    Map<String, String> status = new LinkedHashMap<>();
    Map<String, String> note = new LinkedHashMap<>();
    for (String area : AREAS) {
      status.put(area, blankToEmpty(params.getFirst("area." + area)));
      note.put(area, blankToEmpty(params.getFirst("note." + area)));
    }
    return new ResolveForm(
        blankToEmpty(params.getFirst("outcome")),
        blankToEmpty(params.getFirst("notes")),
        status,
        note);
  }

  /** What the service checks; an unknown outcome or status is rejected here. */
  Resolution resolution() {
    Outcome o = null;
    if (!outcome.isBlank()) {
      try {
        o = Outcome.valueOf(outcome.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid(FieldProblem.of("outcome", "param.type", outcome));
      }
    }
    Map<String, AreaFinding> areas = new LinkedHashMap<>();
    for (String area : AREAS) {
      String s = status.getOrDefault(area, "");
      if (s.isBlank()) {
        continue;
      }
      try {
        AreaFinding.Status st = AreaFinding.Status.valueOf(s.toUpperCase(Locale.ROOT));
        String n = note.getOrDefault(area, "");
        areas.put(area, new AreaFinding(st, n.isBlank() ? null : n));
      } catch (IllegalArgumentException e) {
        throw invalid(FieldProblem.of("areas." + area, "param.type", s));
      }
    }
    return new Resolution(o, areas, notes);
  }

  private static InvalidInputException invalid(FieldProblem p) {
    return new InvalidInputException("Desk resolve form", List.of(p));
  }

  private static String blankToEmpty(String s) {
    return s == null ? "" : s;
  }
}
