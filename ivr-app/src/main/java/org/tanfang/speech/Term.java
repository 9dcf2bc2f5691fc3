package org.tanfang.speech;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One lexicon term with all its roles.
 *
 * @param text the term as matched (normalised; gapped parts joined by {@code …})
 * @param parts the term's parts, each split into matching units: characters (cmn) or words (en);
 *     one part for a plain term, several for a gapped term such as 胸口…闷, whose parts may have a few
 *     units between them (胸口有点闷)
 * @param roles one role per group at most
 * @param need the need kind of a NEEDS or HELP.KIND term, else null
 * @param negatable false for terms marked {@code !}: a negator before them is ignored
 */
record Term(
    String text,
    List<List<String>> parts,
    Map<Role.Group, Role> roles,
    NeedKind need,
    boolean negatable) {

  /** How many units may stand between the parts of a gapped term. */
  static final int MAX_GAP = 6;

  Term {
    parts = parts.stream().map(List::copyOf).toList();
    roles = Map.copyOf(new EnumMap<>(roles));
  }

  boolean has(Role role) {
    return roles.get(role.group()) == role;
  }

  /** The term's meaning role (FINE, HELP, …), or null if it only modifies or confirms. */
  Role meaning() {
    return roles.get(Role.Group.MEANING);
  }

  /** All units of all parts, in order. */
  List<String> units() {
    List<String> all = new ArrayList<>();
    parts.forEach(all::addAll);
    return all;
  }

  boolean gapped() {
    return parts.size() > 1;
  }
}
