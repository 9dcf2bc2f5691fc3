package org.tanfang.scheduler.elder;

/** 失能 grade per the elder-ability assessment standard (《老年人能力评估规范》). */
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

  /** Moderate or worse: the plan requires visits every half month, in person. */
  public boolean needsHomeVisits() {
    return isAtLeast(MODERATE);
  }

  public boolean isAtLeast(DisabilityLevel other) {
    return compareTo(other) >= 0;
  }
}
