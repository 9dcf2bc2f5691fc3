package org.tanfang.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.ElderStatus;

/** A validated, normalised elder without identity or history: what a form or row turns into. */
public record ElderDraft(
    String name,
    Sex sex,
    LocalDate birthDate,
    String idNumber,
    String address,
    Region region,
    String primaryPhone,
    List<String> alternatePhones,
    Set<Category> categories,
    DisabilityLevel disabilityLevel,
    Integer disabilityGrade,
    boolean selfCare,
    String dialect,
    LocalTime callWindowStart,
    LocalTime callWindowEnd,
    boolean consent,
    List<EmergencyContact> emergencyContacts,
    HumanVisitor visitor,
    String notes) {

  /** A new elder, active. */
  public Elder newElder(Instant now) {
    return toElder(null, ElderStatus.ACTIVE, null, null, now, now, null);
  }

  /** The existing elder with this draft's data; status and history are kept. */
  public Elder applyTo(Elder existing, Instant now) {
    return toElder(
        existing.id(),
        existing.status(),
        existing.statusReason(),
        existing.statusChangedAt(),
        existing.createdAt(),
        now,
        existing.version());
  }

  /** Whether the existing elder already holds exactly this data. */
  public boolean sameAs(Elder existing) {
    return equals(of(existing));
  }

  public static ElderDraft of(Elder e) {
    return new ElderDraft(
        e.name(),
        e.sex(),
        e.birthDate(),
        e.idNumber(),
        e.address(),
        e.region(),
        e.primaryPhone(),
        e.alternatePhones().stream().map(AlternatePhone::number).toList(),
        e.categorySet(),
        e.disabilityLevel(),
        e.disabilityGrade(),
        e.selfCare(),
        e.dialect(),
        e.callWindowStart(),
        e.callWindowEnd(),
        e.consent(),
        List.copyOf(e.emergencyContacts()),
        e.visitor(),
        e.notes());
  }

  private Elder toElder(
      Long id,
      ElderStatus status,
      String statusReason,
      Instant statusChangedAt,
      Instant createdAt,
      Instant updatedAt,
      Integer version) {
    return new Elder(
        id,
        name,
        sex,
        birthDate,
        idNumber,
        address,
        region,
        primaryPhone,
        alternatePhones.stream().map(AlternatePhone::new).toList(),
        categories.stream().map(CategoryRef::new).collect(Collectors.toSet()),
        disabilityLevel,
        disabilityGrade,
        selfCare,
        dialect,
        callWindowStart,
        callWindowEnd,
        consent,
        emergencyContacts,
        visitor,
        status,
        statusReason,
        statusChangedAt,
        notes,
        createdAt,
        updatedAt,
        version);
  }
}
