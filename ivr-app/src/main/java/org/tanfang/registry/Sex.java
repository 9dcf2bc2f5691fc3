package org.tanfang.registry;

/** Sex as recorded on the ID card (its 17th digit: odd male, even female). */
public enum Sex {
  MALE("男"),
  FEMALE("女");

  private final String label;

  Sex(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
