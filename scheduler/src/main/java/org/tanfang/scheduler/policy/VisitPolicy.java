package org.tanfang.scheduler.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.elder.District;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.elder.ElderStatus;

/**
 * Who is visited, how often and how: a versioned table of {@link PolicyRule}s plus two parameters.
 * An elder is in scope when any row matches; the cycle is the strictest matching row's.
 *
 * <pre>{@code
 * VisitPolicy city = VisitPolicy.haikouCity();
 * VisitPolicy longhua = city.forDistrict(new District("460106", "龙华区"))
 *     .version("longhua-2025-01")
 *     .advancedAgeFrom(75)
 *     .halfMonthFor(Category.EMPTY_NEST)
 *     .build();
 * VisitDecision decision = longhua.evaluate(elder, today);
 * }</pre>
 */
public final class VisitPolicy {

  private final String version;
  private final District district;
  private final List<PolicyRule> rules;
  private final int advancedAge;
  private final boolean robocallSupplement;

  VisitPolicy(
      String version,
      District district,
      List<PolicyRule> rules,
      int advancedAge,
      boolean robocallSupplement) {
    this.version = Objects.requireNonNull(version, "version");
    this.district = district;
    this.rules = List.copyOf(rules);
    this.advancedAge = advancedAge;
    this.robocallSupplement = robocallSupplement;
  }

  /** The city rule of 海民发〔2023〕354号 with its defaults. */
  public static VisitPolicy haikouCity() {
    return cityBuilder().build();
  }

  /** To configure the city policy itself (version, advanced age, robocall supplement). */
  public static VisitPolicyBuilder cityBuilder() {
    return new VisitPolicyBuilder(
        null,
        HaikouCityRules.VERSION,
        null,
        HaikouCityRules.RULES,
        HaikouCityRules.ADVANCED_AGE,
        false);
  }

  /** A district's policy, starting from this one; it may tighten this policy, never loosen it. */
  public VisitPolicyBuilder forDistrict(District district) {
    Objects.requireNonNull(district, "district");
    return new VisitPolicyBuilder(
        this, version + "+" + district.code(), district, rules, advancedAge, robocallSupplement);
  }

  public VisitDecision evaluate(ElderProfile elder, LocalDate on) {
    if (elder.status() != ElderStatus.ACTIVE) {
      return new VisitDecision.OutOfScope(version, "不在探访范围：" + elder.status().label());
    }
    ElderFacts facts = ElderFacts.of(elder, on, advancedAge);
    List<PolicyRule> matched = new ArrayList<>();
    for (PolicyRule rule : rules) {
      if (rule.matches(facts)) {
        matched.add(rule);
      }
    }
    if (matched.isEmpty()) {
      return new VisitDecision.OutOfScope(version, "不在探访范围：无特殊困难类别");
    }
    CycleKind cycle =
        matched.stream().map(PolicyRule::cycle).reduce(CycleKind::stricterOf).orElseThrow();
    List<String> reasons =
        matched.stream()
            .filter(rule -> rule.cycle() == cycle)
            .map(PolicyRule::reason)
            .distinct()
            .toList();
    return inScope(elder, cycle, reasons);
  }

  /**
   * The plan reserves telephone visits for elders who can look after themselves; everyone else gets
   * a home-visit task, with robocalls at most as a supplement. Without consent to telephone visits,
   * no robocalls at all: a person visits the way the elder accepts.
   */
  private VisitDecision inScope(ElderProfile elder, CycleKind cycle, List<String> reasons) {
    if (!elder.isSelfSufficient()) {
      boolean supplement = robocallSupplement && elder.phoneConsent();
      return new VisitDecision.InScope(
          version, cycle, reasons, VisitMode.HOME_VISIT, supplement, "生活不能自理或失能、重残");
    }
    if (!elder.phoneConsent()) {
      return new VisitDecision.InScope(
          version, cycle, reasons, VisitMode.PERSONAL_VISIT, false, "未同意电话探访");
    }
    return new VisitDecision.InScope(
        version, cycle, reasons, VisitMode.PHONE, true, "生活能够自理且同意电话探访");
  }

  public String version() {
    return version;
  }

  /** Empty for the city policy. */
  public Optional<District> district() {
    return Optional.ofNullable(district);
  }

  public List<PolicyRule> rules() {
    return rules;
  }

  public int advancedAge() {
    return advancedAge;
  }

  /** Whether elders who need home visits also get robocalls between visits (if they consented). */
  public boolean robocallSupplementForHomeVisits() {
    return robocallSupplement;
  }

  @Override
  public String toString() {
    return "VisitPolicy " + version + district().map(d -> " (" + d.name() + ")").orElse("");
  }
}
