package org.tanfang.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.TextRules;

/**
 * What a resolution must say: an outcome; notes for OTHER; and, when a person spoke with the elder,
 * a finding for each of the six visit areas (a concern with a note). Every problem at once.
 */
final class ResolutionCheck {
  static final List<String> SIX_AREAS =
      List.of("HEALTH", "LIVING", "FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL");
  private static final int MAX_TEXT = 1000;

  private ResolutionCheck() {}

  static List<FieldProblem> problems(Resolution r) {
    List<FieldProblem> problems = new ArrayList<>();
    if (r == null || r.outcome() == null) {
      problems.add(FieldProblem.of("outcome", "required"));
      return problems;
    }
    String notes = r.notes() == null ? "" : r.notes().strip();
    TextRules.check("notes", notes, MAX_TEXT, true).ifPresent(problems::add);
    if (r.outcome() == Outcome.OTHER && notes.isEmpty()) {
      problems.add(FieldProblem.of("notes", "required"));
    }
    Map<String, AreaFinding> areas = r.areas() == null ? Map.of() : r.areas();
    for (String area : areas.keySet()) {
      if (!SIX_AREAS.contains(area)) {
        problems.add(FieldProblem.of("areas." + area, "escalation.unknownArea", area));
      }
    }
    if (r.outcome().visitWithElder()) {
      for (String area : SIX_AREAS) {
        areaProblem(area, areas.get(area)).ifPresent(problems::add);
      }
    }
    return problems;
  }

  private static java.util.Optional<FieldProblem> areaProblem(String area, AreaFinding f) {
    if (f == null || f.status() == null) {
      return java.util.Optional.of(FieldProblem.of("areas." + area, "required"));
    }
    if (f.status() == AreaFinding.Status.CONCERN && (f.note() == null || f.note().isBlank())) {
      return java.util.Optional.of(
          FieldProblem.of("areas." + area + ".note", "escalation.concernNote"));
    }
    return TextRules.check("areas." + area + ".note", f.note(), MAX_TEXT, true);
  }
}
