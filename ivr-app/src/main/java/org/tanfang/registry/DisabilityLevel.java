package org.tanfang.registry;

/** 失能 grade per the elder-ability assessment standard. */
public enum DisabilityLevel {
  NONE("无"),
  MILD("轻度"),
  MODERATE("中度"),
  SEVERE("重度"),
  TOTAL("完全");

  private final String label;

  DisabilityLevel(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Moderate or worse: the elder needs home visits by a person (POLICY.md "How"). */
  public boolean needsHomeVisits() {
    return compareTo(MODERATE) >= 0;
  }
}
