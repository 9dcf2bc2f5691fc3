package org.tanfang.registry;

import java.util.List;

/**
 * An elder as submitted by the API or a spreadsheet row: text as entered, checked by {@link
 * ElderValidator}. Accepts codes ({@code FEMALE}, {@code MODERATE}) and the Chinese labels civil
 * affairs staff write ({@code 女}, {@code 中度}).
 */
public record ElderForm(
    String name,
    String sex,
    String birthDate,
    String idNumber,
    String address,
    String district,
    String street,
    String community,
    String grid,
    String primaryPhone,
    List<String> alternatePhones,
    List<String> categories,
    String disabilityLevel,
    String disabilityGrade,
    Boolean selfCare,
    String dialect,
    String callWindowStart,
    String callWindowEnd,
    Boolean consent,
    List<ContactForm> emergencyContacts,
    VisitorForm visitor,
    String notes) {

  /** The form that reproduces an existing elder, for partial updates. */
  public static ElderForm of(Elder e) {
    return new ElderForm(
        e.name(),
        e.sex().name(),
        e.birthDate().toString(),
        e.idNumber(),
        e.address(),
        e.region().district(),
        e.region().street(),
        e.region().community(),
        e.region().grid(),
        e.primaryPhone(),
        e.alternatePhones().stream().map(AlternatePhone::number).toList(),
        e.categorySet().stream().map(Enum::name).sorted().toList(),
        e.disabilityLevel().name(),
        e.disabilityGrade() == null ? null : e.disabilityGrade().toString(),
        e.selfCare(),
        e.dialect(),
        e.callWindowStart() == null ? null : e.callWindowStart().toString(),
        e.callWindowEnd() == null ? null : e.callWindowEnd().toString(),
        e.consent(),
        e.emergencyContacts().stream()
            .map(c -> new ContactForm(c.name(), c.relation(), c.phone()))
            .toList(),
        new VisitorForm(e.visitor().name(), e.visitor().role(), e.visitor().phone()),
        e.notes());
  }

  public record ContactForm(String name, String relation, String phone) {}

  public record VisitorForm(String name, String role, String phone) {}

  public List<String> alternatePhones() {
    return alternatePhones == null ? List.of() : alternatePhones;
  }

  public List<String> categories() {
    return categories == null ? List.of() : categories;
  }

  public List<ContactForm> emergencyContacts() {
    return emergencyContacts == null ? List.of() : emergencyContacts;
  }
}
