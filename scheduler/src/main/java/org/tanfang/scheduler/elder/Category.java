package org.tanfang.scheduler.elder;

import java.util.List;

/**
 * The seven categories of elders in special difficulty (海民发〔2023〕354号 §三); an elder may be in
 * several. The scheduler owns this enum so the registry can reuse it.
 */
public enum Category {
  SOLITARY_CHILDLESS("孤寡", List.of("孤寡老人")),
  LIVING_ALONE("独居", List.of("独居老人")),
  EMPTY_NEST("空巢", List.of("空巢老人")),
  LEFT_BEHIND("留守", List.of("留守老人")),
  DISABLED_CARE("失能", List.of("失能老人")),
  SEVERE_DISABILITY("重残", List.of("重度残疾", "重残老人")),
  FAMILY_PLANNING_SPECIAL("计划生育特殊家庭", List.of("计生特殊家庭", "计划生育特殊家庭老人"));

  private final String label;
  private final List<String> aliases;

  Category(String label, List<String> aliases) {
    this.label = label;
    this.aliases = aliases;
  }

  /** The short Chinese name used in the plan and in reason labels. */
  public String label() {
    return label;
  }

  /** Other spellings met in district spreadsheets, for imports. */
  public List<String> aliases() {
    return aliases;
  }
}
