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
import org.tanfang.security.Disclosure;

/**
 * The record of one elder as the API and the page show it, with derived facts (age, 高龄, visit
 * mode), disclosed as {@link org.tanfang.security.ElderAccess} decided: in full, or {@code masked}
 * (name {@code 王*华}, phones {@code 139****0014}, no birth date, address or notes, contacts masked);
 * the ID-card number is in clear only where the disclosure says so.
 */
public record ElderDetail(
    long id,
    boolean masked,
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

  public static ElderDetail of(Elder e, LocalDate today, int advancedAgeFrom, Disclosure d) {
    return d.full()
        ? of(e, today, advancedAgeFrom, d.idNumber())
        : masked(e, today, advancedAgeFrom);
  }

  private static ElderDetail masked(Elder e, LocalDate today, int advancedAgeFrom) {
    ElderDetail full = of(e, today, advancedAgeFrom, false);
    HumanVisitor v = e.visitor();
    return new ElderDetail(
        full.id,
        true,
        PersonNames.mask(e.name()),
        full.sex,
        null,
        full.age,
        full.advancedAge,
        full.idNumber,
        null,
        full.region,
        PhoneNumbers.mask(e.primaryPhone()),
        full.alternatePhones.stream().map(PhoneNumbers::mask).toList(),
        full.categories,
        full.disabilityLevel,
        full.disabilityGrade,
        full.selfCare,
        full.visitMode,
        full.dialect,
        full.callWindowStart,
        full.callWindowEnd,
        full.consent,
        e.emergencyContacts().stream()
            .map(
                c ->
                    new EmergencyContact(
                        PersonNames.mask(c.name()), c.relation(), PhoneNumbers.mask(c.phone())))
            .toList(),
        v == null || v.phone() == null
            ? v
            : new HumanVisitor(v.name(), v.role(), PhoneNumbers.mask(v.phone())),
        full.status,
        full.statusReason,
        full.statusChangedAt,
        null,
        full.createdAt,
        full.updatedAt,
        full.version);
  }

  private static ElderDetail of(
      Elder e, LocalDate today, int advancedAgeFrom, boolean showIdNumber) {
    int age = e.ageOn(today);
    VisitMode mode =
        e.status() != ElderStatus.ACTIVE
            ? VisitMode.NONE
            : e.selfCare() && e.consent() ? VisitMode.PHONE : VisitMode.HOME;
    return new ElderDetail(
        e.id(),
        false,
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
