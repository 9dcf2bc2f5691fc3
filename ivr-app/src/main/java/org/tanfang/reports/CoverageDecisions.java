package org.tanfang.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.District;
import org.tanfang.scheduler.elder.ElderProfile;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.scheduler.elder.Vulnerability;
import org.tanfang.scheduler.policy.VisitDecision;
import org.tanfang.scheduling.PolicyTable;

/**
 * The policy's decision for each distinct profile and age of a month's judging day, evaluated once
 * in Java (the rules are the scheduler's, not SQL's) and handed to SQL as a table ({@link #sql}):
 * cycle kind 1 (a month) or 2 (half months), the vulnerability score and the visit mode. Out of
 * scope profiles are left out of the table.
 */
final class CoverageDecisions {
  static final int MONTH = 1;
  static final int HALF = 2;
  private static final Category[] CATEGORIES = Category.values();

  /** What the policy reads of an elder besides the birth date; grade 0 is none. */
  record Key(
      String district,
      int categories,
      String disability,
      int grade,
      boolean selfCare,
      boolean consent,
      int age) {}

  record Decision(int kind, int risk, String mode) {}

  private final PolicyTable policies;
  private final LocalDate judged;
  private final Map<Key, Decision> decisions = new LinkedHashMap<>();

  CoverageDecisions(PolicyTable policies, LocalDate judged) {
    this.policies = policies;
    this.judged = judged;
  }

  /** The decision for a key (null: out of scope). */
  Decision of(Key key) {
    if (!decisions.containsKey(key)) {
      decisions.put(key, evaluate(key));
    }
    return decisions.get(key);
  }

  private Decision evaluate(Key k) {
    ElderProfile elder = profile(k);
    if (!(policies.forDistrict(k.district()).evaluate(elder, judged)
        instanceof VisitDecision.InScope in)) {
      return null;
    }
    return new Decision(
        in.cycle() == CycleKind.MONTH ? MONTH : HALF,
        Vulnerability.of(elder, judged).score(),
        in.mode().name());
  }

  /** An elder with the key's profile and, on the judging day, the key's age. */
  private ElderProfile profile(Key k) {
    Set<Category> categories = EnumSet.noneOf(Category.class);
    for (Category c : CATEGORIES) {
      if ((k.categories() & (1 << c.ordinal())) != 0) {
        categories.add(c);
      }
    }
    return new ElderProfile(
        0,
        categories,
        judged.minusYears(k.age()),
        DisabilityLevel.valueOf(k.disability()),
        k.grade() == 0 ? null : k.grade(),
        k.selfCare(),
        k.consent(),
        ElderStatus.ACTIVE,
        new District(k.district(), k.district()),
        List.of());
  }

  /**
   * {@code join (…) d on …}: the in-scope decisions as a table joined to the elder by profile and
   * age, giving {@code d.kind}, {@code d.risk}, {@code d.mode}.
   */
  void sql(CoverageMonth.Sql sql, CoverageMonth month) {
    List<String> district = new ArrayList<>();
    List<Integer> categories = new ArrayList<>();
    List<String> disability = new ArrayList<>();
    List<Integer> grade = new ArrayList<>();
    List<Boolean> selfCare = new ArrayList<>();
    List<Boolean> consent = new ArrayList<>();
    List<Integer> age = new ArrayList<>();
    List<Integer> kind = new ArrayList<>();
    List<Integer> risk = new ArrayList<>();
    List<String> mode = new ArrayList<>();
    decisions.forEach(
        (k, d) -> {
          if (d != null) {
            district.add(k.district());
            categories.add(k.categories());
            disability.add(k.disability());
            grade.add(k.grade());
            selfCare.add(k.selfCare());
            consent.add(k.consent());
            age.add(k.age());
            kind.add(d.kind());
            risk.add(d.risk());
            mode.add(d.mode());
          }
        });
    sql.add(
        " join unnest(?::varchar[], ?::integer[], ?::varchar[], ?::integer[], ?::boolean[],"
            + " ?::boolean[], ?::integer[], ?::integer[], ?::integer[], ?::varchar[])"
            + " d(district, categories, disability, grade, self_care, consent, age, kind, risk,"
            + " mode) on (d.district, d.categories, d.disability, d.grade, d.self_care,"
            + " d.consent, d.age) = ("
            + CoverageMonth.PROFILE
            + ", ",
        district.toArray(String[]::new),
        categories.toArray(Integer[]::new),
        disability.toArray(String[]::new),
        grade.toArray(Integer[]::new),
        selfCare.toArray(Boolean[]::new),
        consent.toArray(Boolean[]::new),
        age.toArray(Integer[]::new),
        kind.toArray(Integer[]::new),
        risk.toArray(Integer[]::new),
        mode.toArray(String[]::new));
    month.age(sql).add(")");
  }
}
