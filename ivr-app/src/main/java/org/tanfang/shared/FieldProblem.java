package org.tanfang.shared;

import java.util.List;

/**
 * One broken rule: the field (as the API names it, e.g. {@code emergencyContacts[0].phone}), the
 * rule's message code (see {@code i18n/messages*.properties}, prefix {@code rule.}) and the
 * arguments of its message.
 */
public record FieldProblem(String field, String rule, List<Object> args) {
  public static FieldProblem of(String field, String rule, Object... args) {
    // Arguments are kept as text so messages show them as given (no "12,345" grouping).
    return new FieldProblem(
        field, rule, java.util.Arrays.stream(args).<Object>map(String::valueOf).toList());
  }

  /** The field without its index, used to find its label: {@code emergencyContacts.phone}. */
  public String fieldKey() {
    return field.replaceAll("\\[\\d+]", "");
  }
}
