package org.tanfang.registry;

import java.util.List;
import java.util.Locale;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.shared.FieldProblem;

/** Turns request parameters into search criteria, rejecting unknown values by name. */
public final class SearchParams {
  private SearchParams() {}

  public static ElderSearch.Criteria criteria(
      String district, String street, String community, String category, String status, String q) {
    Category cat = null;
    if (!Labels.blank(category)) {
      cat =
          Labels.category(category)
              .orElseThrow(
                  () ->
                      new InvalidElderException(
                          List.of(FieldProblem.of("category", "categories.unknown", category))));
    }
    ElderStatus st = null;
    if (!Labels.blank(status)) {
      try {
        st = ElderStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidElderException(
            List.of(FieldProblem.of("status", "status.invalid", status)));
      }
    }
    return new ElderSearch.Criteria(district, street, community, cat, st, q);
  }
}
