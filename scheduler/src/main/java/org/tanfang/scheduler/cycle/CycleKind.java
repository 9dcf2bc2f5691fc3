package org.tanfang.scheduler.cycle;

/** How often an elder must be visited at least (探访频次). */
public enum CycleKind {
  /** Calendar 1st–15th and 16th–end of month. */
  HALF_MONTH("半月"),
  /** The calendar month. */
  MONTH("月度");

  private final String label;

  CycleKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Shorter cycles are stricter: more visits. */
  public boolean isStricterThan(CycleKind other) {
    return compareTo(other) < 0;
  }

  public static CycleKind stricterOf(CycleKind a, CycleKind b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
