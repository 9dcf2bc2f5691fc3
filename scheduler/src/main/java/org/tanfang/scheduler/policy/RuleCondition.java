package org.tanfang.scheduler.policy;

import java.util.List;
import java.util.stream.Collectors;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;

/**
 * The "when" of a policy rule, as data: conditions are values, so a district's table can be
 * compared with the city's row by row, and a rule's meaning can be printed.
 */
public sealed interface RuleCondition {

  boolean test(ElderFacts facts);

  /** A short English description for error messages and logs. */
  String describe();

  static RuleCondition category(Category category) {
    return new HasCategory(category);
  }

  /** Age at or above the policy's advanced-age threshold, whatever a district sets it to. */
  static RuleCondition advancedAge() {
    return new AdvancedAge();
  }

  /** A fixed age, for districts that widen the target group (e.g. everyone 90 or older). */
  static RuleCondition ageAtLeast(int years) {
    return new AgeAtLeast(years);
  }

  static RuleCondition disability(DisabilityLevel level) {
    return new DisabilityIs(level);
  }

  static RuleCondition severeDisability() {
    return new SevereDisability();
  }

  static RuleCondition allOf(RuleCondition... conditions) {
    return new AllOf(List.of(conditions));
  }

  record HasCategory(Category category) implements RuleCondition {
    @Override
    public boolean test(ElderFacts facts) {
      return facts.is(category);
    }

    @Override
    public String describe() {
      return "category " + category;
    }
  }

  record AdvancedAge() implements RuleCondition {
    @Override
    public boolean test(ElderFacts facts) {
      return facts.isAdvancedAge();
    }

    @Override
    public String describe() {
      return "advanced age";
    }
  }

  record AgeAtLeast(int years) implements RuleCondition {
    @Override
    public boolean test(ElderFacts facts) {
      return facts.age() >= years;
    }

    @Override
    public String describe() {
      return "age >= " + years;
    }
  }

  record DisabilityIs(DisabilityLevel level) implements RuleCondition {
    @Override
    public boolean test(ElderFacts facts) {
      return facts.disabilityLevel() == level;
    }

    @Override
    public String describe() {
      return "disability " + level;
    }
  }

  /** 重残: disability certificate grade 1 or 2. */
  record SevereDisability() implements RuleCondition {
    @Override
    public boolean test(ElderFacts facts) {
      return facts.hasSevereDisability();
    }

    @Override
    public String describe() {
      return "severe disability (certificate grade 1-2)";
    }
  }

  record AllOf(List<RuleCondition> conditions) implements RuleCondition {
    public AllOf {
      conditions = List.copyOf(conditions);
      if (conditions.isEmpty()) {
        throw new IllegalArgumentException("allOf needs at least one condition");
      }
    }

    @Override
    public boolean test(ElderFacts facts) {
      for (RuleCondition condition : conditions) {
        if (!condition.test(facts)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String describe() {
      return conditions.stream().map(RuleCondition::describe).collect(Collectors.joining(" and "));
    }
  }
}
