package org.tanfang.scheduler.elder;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tanfang.scheduler.window.CallWindow;

/**
 * The facts about one elder that the visit policy needs, and nothing else (no name, phone or
 * address: the scheduler does not need them, so it does not hold them).
 *
 * @param elderId the registry's id
 * @param categories the special-difficulty categories; may be empty
 * @param birthDate for the age, which is always derived at a date, never stored
 * @param disabilityLevel 失能 grade from the ability assessment; NONE if not assessed as disabled
 * @param disabilityCertificateGrade grade 1–4 on the PRC disability certificate, or null if none
 * @param selfCare whether the elder can look after themselves (生活能够自理)
 * @param phoneConsent whether the elder agreed to be visited by telephone (意愿)
 * @param status only ACTIVE elders are visited
 * @param district the district whose policy applies
 * @param callWindows the elder's own call windows; empty means the district's
 */
public record ElderProfile(
    long elderId,
    Set<Category> categories,
    LocalDate birthDate,
    DisabilityLevel disabilityLevel,
    Integer disabilityCertificateGrade,
    boolean selfCare,
    boolean phoneConsent,
    ElderStatus status,
    District district,
    List<CallWindow> callWindows) {

  public ElderProfile {
    categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
    Objects.requireNonNull(birthDate, "birth date");
    Objects.requireNonNull(disabilityLevel, "disability level");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(district, "district");
    callWindows = List.copyOf(callWindows);
    if (disabilityCertificateGrade != null
        && (disabilityCertificateGrade < 1 || disabilityCertificateGrade > 4)) {
      throw new IllegalArgumentException(
          "Disability certificate grade must be 1–4 (or absent), was "
              + disabilityCertificateGrade
              + " for elder "
              + elderId);
    }
  }

  public static Builder builder(long elderId) {
    return new Builder(elderId);
  }

  /** Completed years of age on a date; someone born on 29 Feb turns a year older on 1 Mar. */
  public int ageOn(LocalDate date) {
    return Period.between(birthDate, date).getYears();
  }

  public boolean is(Category category) {
    return categories.contains(category);
  }

  /** 重残: certificate grade 1 (极重度) or 2 (重度), or registered as such without the grade. */
  public boolean hasSevereDisability() {
    return is(Category.SEVERE_DISABILITY)
        || (disabilityCertificateGrade != null && disabilityCertificateGrade <= 2);
  }

  /**
   * Can be visited by telephone under the plan: looks after themselves, not moderately or worse
   * disabled, not severely disabled. Mild 失能 alone does not rule the telephone out.
   */
  public boolean isSelfSufficient() {
    return selfCare && !disabilityLevel.needsHomeVisits() && !hasSevereDisability();
  }

  public Builder toBuilder() {
    return new Builder(elderId)
        .categories(categories)
        .born(birthDate)
        .disability(disabilityLevel)
        .certificateGrade(disabilityCertificateGrade)
        .selfCare(selfCare)
        .phoneConsent(phoneConsent)
        .status(status)
        .district(district)
        .callWindows(callWindows);
  }

  /** Readable construction; defaults: active, self-caring, consenting, no disability. */
  public static final class Builder {
    private final long elderId;
    private Set<Category> categories = Set.of();
    private LocalDate birthDate;
    private DisabilityLevel disabilityLevel = DisabilityLevel.NONE;
    private Integer certificateGrade;
    private boolean selfCare = true;
    private boolean phoneConsent = true;
    private ElderStatus status = ElderStatus.ACTIVE;
    private District district = new District("460100", "海口市");
    private List<CallWindow> callWindows = List.of();

    private Builder(long elderId) {
      this.elderId = elderId;
    }

    public Builder categories(Category... categories) {
      return categories(Set.of(categories));
    }

    public Builder categories(Set<Category> categories) {
      this.categories = categories;
      return this;
    }

    public Builder born(LocalDate birthDate) {
      this.birthDate = birthDate;
      return this;
    }

    public Builder disability(DisabilityLevel level) {
      this.disabilityLevel = level;
      return this;
    }

    public Builder certificateGrade(Integer grade) {
      this.certificateGrade = grade;
      return this;
    }

    public Builder selfCare(boolean selfCare) {
      this.selfCare = selfCare;
      return this;
    }

    public Builder phoneConsent(boolean consent) {
      this.phoneConsent = consent;
      return this;
    }

    public Builder status(ElderStatus status) {
      this.status = status;
      return this;
    }

    public Builder district(District district) {
      this.district = district;
      return this;
    }

    public Builder callWindows(List<CallWindow> windows) {
      this.callWindows = windows;
      return this;
    }

    public ElderProfile build() {
      return new ElderProfile(
          elderId,
          categories,
          birthDate,
          disabilityLevel,
          certificateGrade,
          selfCare,
          phoneConsent,
          status,
          district,
          callWindows);
    }
  }
}
