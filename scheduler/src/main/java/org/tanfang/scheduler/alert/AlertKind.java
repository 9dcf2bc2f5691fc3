package org.tanfang.scheduler.alert;

/** The warnings the plan names (台风、高温、低温等异常天气预警) plus other disasters. */
public enum AlertKind {
  TYPHOON("台风", "alert-typhoon"),
  HEAT("高温", "alert-heat"),
  COLD("低温", "alert-cold"),
  OTHER("其他灾害", "alert-other");

  private final String label;
  private final String promptId;

  AlertKind(String label, String promptId) {
    this.label = label;
    this.promptId = promptId;
  }

  public String label() {
    return label;
  }

  /**
   * The prompt an elder's emergency contact hears for this alert: the warning, what to remind the
   * elder of, and "press 1 when received".
   */
  public String contactPromptId() {
    return "alert-contact-" + name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The safety-message prompt in the voice-prompt catalogue. */
  public String promptId() {
    return promptId;
  }
}
