package org.tanfang.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.ElderStatus;

/**
 * The full record of one elder as the API shows it, with derived facts (age, 高龄, visit mode). The
 * ID-card number is masked for roles that do not need it.
 */
public record ElderDetail(
    long id,
    String name,
    Sex sex,
    LocalDate birthDate,
    int age,
    boolean advancedAge,
    String idNumber,
    String address,
    Region region,
    String primaryPhone,
    List<String> alternatePhones,
    Set<Category> categories,
    DisabilityLevel disabilityLevel,
    Integer disabilityGrade,
    boolean selfCare,
    VisitMode visitMode,
    String dialect,
    LocalTime callWindowStart,
    LocalTime callWindowEnd,
    boolean consent,
    List<EmergencyContact> emergencyContacts,
    HumanVisitor visitor,
    ElderStatus status,
    String statusReason,
    Instant statusChangedAt,
    String notes,
    Instant createdAt,
    Instant updatedAt,
    Integer version) {

  /** How the elder is visited: robocalls only for self-sufficient elders who consented. */
  public enum VisitMode {
    PHONE,
    HOME,
    NONE
  }

  public static ElderDetail of(
      Elder e, LocalDate today, int advancedAgeFrom, boolean showIdNumber) {
    int age = e.ageOn(today);
    VisitMode mode =
        e.status() != ElderStatus.ACTIVE
            ? VisitMode.NONE
            : e.selfCare() && e.consent() ? VisitMode.PHONE : VisitMode.HOME;
    return new ElderDetail(
        e.id(),
        e.name(),
        e.sex(),
        e.birthDate(),
        age,
        age >= advancedAgeFrom,
        showIdNumber ? e.idNumber() : IdCardNumber.mask(e.idNumber()),
        e.address(),
        e.region(),
        e.primaryPhone(),
        e.alternatePhones().stream().map(AlternatePhone::number).toList(),
        new TreeSet<>(e.categorySet()),
        e.disabilityLevel(),
        e.disabilityGrade(),
        e.selfCare(),
        mode,
        e.dialect(),
        e.callWindowStart(),
        e.callWindowEnd(),
        e.consent(),
        e.emergencyContacts(),
        e.visitor(),
        e.status(),
        e.statusReason(),
        e.statusChangedAt(),
        e.notes(),
        e.createdAt(),
        e.updatedAt(),
        e.version());
  }
}
