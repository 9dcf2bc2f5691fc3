package org.tanfang.scheduler.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.District;

/**
 * Builds a {@link VisitPolicy}. For a district the city policy is the baseline: {@link #build()}
 * rejects anything that would visit someone less often than the city rule, with every problem
 * named, because "the district may add, never subtract" is the plan's only hard constraint on
 * districts.
 */
public final class VisitPolicyBuilder {

  private static final int YOUNGEST_ADVANCED_AGE = 60;
  private static final int OLDEST_ADVANCED_AGE = 120;

  private final VisitPolicy baseline;
  private final District district;
  private final List<PolicyRule> rules;
  private String version;
  private int advancedAge;
  private boolean robocallSupplement;

  VisitPolicyBuilder(
      VisitPolicy baseline,
      String version,
      District district,
      List<PolicyRule> rules,
      int advancedAge,
      boolean robocallSupplement) {
    this.baseline = baseline;
    this.version = version;
    this.district = district;
    this.rules = new ArrayList<>(rules);
    this.advancedAge = advancedAge;
    this.robocallSupplement = robocallSupplement;
  }

  public VisitPolicyBuilder version(String version) {
    this.version = version;
    return this;
  }

  /** The age from which an elder counts as 高龄; districts may only lower it. */
  public VisitPolicyBuilder advancedAgeFrom(int years) {
    this.advancedAge = years;
    return this;
  }

  public VisitPolicyBuilder robocallSupplementForHomeVisits(boolean enabled) {
    this.robocallSupplement = enabled;
    return this;
  }

  /** Visit every elder of this category at least every half month. */
  public VisitPolicyBuilder halfMonthFor(Category category) {
    return cycleFor(category, CycleKind.HALF_MONTH);
  }

  public VisitPolicyBuilder cycleFor(Category category, CycleKind cycle) {
    return rule(new PolicyRule(RuleCondition.category(category), cycle, category.label()));
  }

  /** Adds a row, or replaces the row with the same condition. */
  public VisitPolicyBuilder rule(PolicyRule rule) {
    Objects.requireNonNull(rule, "rule");
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).condition().equals(rule.condition())) {
        rules.set(i, rule);
        return this;
      }
    }
    rules.add(rule);
    return this;
  }

  public VisitPolicy build() {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("A visit policy needs a version id");
    }
    if (advancedAge < YOUNGEST_ADVANCED_AGE || advancedAge > OLDEST_ADVANCED_AGE) {
      throw new IllegalArgumentException(
          "Advanced age must be between "
              + YOUNGEST_ADVANCED_AGE
              + " and "
              + OLDEST_ADVANCED_AGE
              + ", was "
              + advancedAge);
    }
    if (baseline != null) {
      rejectLoosening();
    }
    return new VisitPolicy(version, district, rules, advancedAge, robocallSupplement);
  }

  private void rejectLoosening() {
    List<String> problems = new ArrayList<>();
    if (advancedAge > baseline.advancedAge()) {
      problems.add(
          "raises the advanced age to "
              + advancedAge
              + " above the city's "
              + baseline.advancedAge());
    }
    for (PolicyRule cityRule : baseline.rules()) {
      PolicyRule own = ruleFor(cityRule.condition());
      if (own == null) {
        problems.add("drops the rule " + cityRule.reason());
      } else if (cityRule.cycle().isStricterThan(own.cycle())) {
        problems.add(
            "visits "
                + cityRule.label()
                + " every "
                + own.cycle()
                + " where the city requires "
                + cityRule.cycle()
                + " ("
                + cityRule.reason()
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new PolicyLooseningException(
          "District policy "
              + version
              + " for "
              + district.name()
              + " ("
              + district.code()
              + ") would loosen "
              + baseline.version()
              + ": "
              + String.join("; ", problems)
              + ". A district may only tighten the city rule.");
    }
  }

  private PolicyRule ruleFor(RuleCondition condition) {
    for (PolicyRule rule : rules) {
      if (rule.condition().equals(condition)) {
        return rule;
      }
    }
    return null;
  }
}
