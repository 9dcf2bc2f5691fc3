package org.tanfang.scheduler.policy;

import static org.tanfang.scheduler.policy.PolicyRule.halfMonth;
import static org.tanfang.scheduler.policy.PolicyRule.monthly;
import static org.tanfang.scheduler.policy.RuleCondition.advancedAge;
import static org.tanfang.scheduler.policy.RuleCondition.allOf;
import static org.tanfang.scheduler.policy.RuleCondition.category;
import static org.tanfang.scheduler.policy.RuleCondition.disability;
import static org.tanfang.scheduler.policy.RuleCondition.severeDisability;

import java.util.List;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;

/** The city rule table of 海民发〔2023〕354号 §四(四), the floor every district builds on. */
final class HaikouCityRules {

  static final String VERSION = "haikou-2023-354";

  /** 高龄: the plan gives no number; 80 is the usual meaning in Hainan's elder-care programmes. */
  static final int ADVANCED_AGE = 80;

  /**
   * "对孤寡、高龄独居以及重(中)度失能、重度残疾的特殊困难老年人,每半月探访关爱不少于一次;对其他的特殊困难老年人,每月探访关爱不少于一次".
   *
   * <p>高龄 alone (80+ with no category) is in scope monthly: the plan names 高龄 as a risk, lets
   * districts widen the group, and an enrolled 80-year-old is better visited than silently dropped.
   */
  static final List<PolicyRule> RULES =
      List.of(
          halfMonth(Category.SOLITARY_CHILDLESS.label(), category(Category.SOLITARY_CHILDLESS)),
          halfMonth("高龄独居", allOf(category(Category.LIVING_ALONE), advancedAge())),
          halfMonth("中度失能", disability(DisabilityLevel.MODERATE)),
          halfMonth("重度失能", disability(DisabilityLevel.SEVERE)),
          halfMonth("完全失能", disability(DisabilityLevel.TOTAL)),
          halfMonth(Category.SEVERE_DISABILITY.label(), severeDisability()),
          monthly(Category.LIVING_ALONE.label(), category(Category.LIVING_ALONE)),
          monthly(Category.EMPTY_NEST.label(), category(Category.EMPTY_NEST)),
          monthly(Category.LEFT_BEHIND.label(), category(Category.LEFT_BEHIND)),
          monthly(Category.DISABLED_CARE.label(), category(Category.DISABLED_CARE)),
          monthly("轻度失能", disability(DisabilityLevel.MILD)),
          monthly(
              Category.FAMILY_PLANNING_SPECIAL.label(), category(Category.FAMILY_PLANNING_SPECIAL)),
          monthly("高龄", advancedAge()));

  private HaikouCityRules() {}
}
