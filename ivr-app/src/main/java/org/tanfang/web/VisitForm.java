package org.tanfang.web;

import org.springframework.util.MultiValueMap;
import org.tanfang.visitors.HomeVisitForm;

/**
 * The visitors' home-visit form as typed: the six areas and notes as on the desk ({@link
 * ResolveForm}: {@code area.HEALTH}, {@code note.HEALTH} …, {@code notes}) plus {@code services},
 * {@code hazards}, {@code hazardsRemoved} and {@code wish}; kept as strings so a rejected form
 * comes back as it was.
 */
record VisitForm(
    ResolveForm areas, String services, String hazards, String hazardsRemoved, String wish) {

  static VisitForm empty() {
    return new VisitForm(ResolveForm.empty(), "", "", "", "");
  }

  static VisitForm from(MultiValueMap<String, String> params) {
    return new VisitForm(
        ResolveForm.from(params),
        value(params, "services"),
        value(params, "hazards"),
        value(params, "hazardsRemoved"),
        value(params, "wish"));
  }

  HomeVisitForm toHomeVisit() {
    var resolution = areas.resolution();
    return new HomeVisitForm(
        resolution.areas(),
        services,
        hazards,
        hazardsRemoved.isBlank() ? null : hazardsRemoved,
        wish.isBlank() ? null : wish,
        resolution.notes());
  }

  private static String value(MultiValueMap<String, String> params, String name) {
    String v = params.getFirst(name);
    return v == null ? "" : v;
  }
}
