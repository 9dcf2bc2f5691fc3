package org.tanfang.scheduler.policy;

import java.util.Objects;
import org.tanfang.scheduler.cycle.CycleKind;

/**
 * One row of a policy table: when {@code condition} holds the elder is in scope and is visited at
 * least once per {@code cycle}; {@code label} is the Chinese name shown as the reason.
 */
public record PolicyRule(RuleCondition condition, CycleKind cycle, String label) {

  public PolicyRule {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(cycle, "cycle");
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("A policy rule needs a label to show as its reason");
    }
  }

  public static PolicyRule halfMonth(String label, RuleCondition condition) {
    return new PolicyRule(condition, CycleKind.HALF_MONTH, label);
  }

  public static PolicyRule monthly(String label, RuleCondition condition) {
    return new PolicyRule(condition, CycleKind.MONTH, label);
  }

  public boolean matches(ElderFacts facts) {
    return condition.test(facts);
  }

  /** As shown to staff and supervisors, e.g. "半月：高龄独居". */
  public String reason() {
    return cycle.label() + "：" + label;
  }

  @Override
  public String toString() {
    return reason() + " when " + condition.describe();
  }
}
