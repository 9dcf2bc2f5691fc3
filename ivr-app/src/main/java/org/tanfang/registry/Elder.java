package org.tanfang.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.scheduler.elder.ElderStatus;

/**
 * An elder in the registry: one aggregate with its categories, alternate phones and emergency
 * contacts. Immutable; changes go through {@link ElderService}.
 */
@Table("elder")
public record Elder(
    @Id Long id,
    String name,
    Sex sex,
    LocalDate birthDate,
    String idNumber,
    String address,
    @Embedded.Empty Region region,
    String primaryPhone,
    @MappedCollection(idColumn = "elder_id", keyColumn = "position")
        List<AlternatePhone> alternatePhones,
    @MappedCollection(idColumn = "elder_id") Set<CategoryRef> categories,
    DisabilityLevel disabilityLevel,
    Integer disabilityGrade,
    boolean selfCare,
    String dialect,
    LocalTime callWindowStart,
    LocalTime callWindowEnd,
    boolean consent,
    @MappedCollection(idColumn = "elder_id", keyColumn = "position")
        List<EmergencyContact> emergencyContacts,
    @Embedded.Empty(prefix = "visitor_") HumanVisitor visitor,
    ElderStatus status,
    String statusReason,
    Instant statusChangedAt,
    String notes,
    Instant createdAt,
    Instant updatedAt,
    @Version Integer version) {

  public Elder withId(Long id) {
    return copy(id, status, statusReason, statusChangedAt, updatedAt, version);
  }

  public Elder withVersion(Integer version) {
    return copy(id, status, statusReason, statusChangedAt, updatedAt, version);
  }

  Elder withStatus(ElderStatus status, String reason, Instant at) {
    return copy(id, status, reason, at, at, version);
  }

  private Elder copy(
      Long id,
      ElderStatus status,
      String statusReason,
      Instant statusChangedAt,
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
        alternatePhones,
        categories,
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

  public int ageOn(LocalDate date) {
    return Period.between(birthDate, date).getYears();
  }

  public Set<Category> categorySet() {
    return categories.stream().map(CategoryRef::category).collect(Collectors.toUnmodifiableSet());
  }

  /** All numbers to try, primary first. */
  public List<String> phones() {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(primaryPhone),
            alternatePhones.stream().map(AlternatePhone::number))
        .toList();
  }
}
