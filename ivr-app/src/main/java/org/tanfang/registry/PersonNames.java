package org.tanfang.registry;

/** Masks a person's name where only enough to recognise the case should show. */
public final class PersonNames {
  private PersonNames() {}

  /**
   * Keeps the first and last character and hides the rest: {@code 王*华}, {@code 欧阳**明}; a
   * two-character name keeps its first: {@code 王*}.
   */
  public static String mask(String name) {
    if (name == null || name.isBlank()) {
      return "*";
    }
    int[] cps = name.strip().codePoints().toArray();
    if (cps.length == 1) {
      return new String(cps, 0, 1) + "*";
    }
    if (cps.length == 2) {
      return new String(cps, 0, 1) + "*";
    }
    return new String(cps, 0, 1) + "*".repeat(cps.length - 2) + new String(cps, cps.length - 1, 1);
  }
}
