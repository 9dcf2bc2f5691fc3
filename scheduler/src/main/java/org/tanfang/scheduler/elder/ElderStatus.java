package org.tanfang.scheduler.elder;

/** Whether an elder is visited; paused and deceased elders get no calls and no tasks. */
public enum ElderStatus {
  ACTIVE("正常"),
  PAUSED("暂停"),
  DECEASED("已故");

  private final String label;

  ElderStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
