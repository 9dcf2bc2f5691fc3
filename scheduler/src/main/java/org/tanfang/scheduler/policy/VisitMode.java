package org.tanfang.scheduler.policy;

/** How an elder is visited (探访方式). */
public enum VisitMode {
  /** Automated telephone visits (robocalls): self-sufficient elders who consented. */
  PHONE("电话探访"),
  /** A task for a human visitor to go to the home (入户探访): 失能, 重残, not self-caring. */
  HOME_VISIT("入户探访"),
  /**
   * A task for a human visitor, who reaches the elder in the way the elder accepts (in person, or a
   * personal call): self-sufficient elders who did not consent to telephone visits.
   */
  PERSONAL_VISIT("人工探访");

  private final String label;

  VisitMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
