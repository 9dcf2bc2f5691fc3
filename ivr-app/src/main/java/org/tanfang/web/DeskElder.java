package org.tanfang.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tanfang.registry.AlternatePhone;
import org.tanfang.registry.Elder;
import org.tanfang.registry.EmergencyContact;
import org.tanfang.registry.HumanVisitor;
import org.tanfang.registry.IdCardNumber;
import org.tanfang.registry.PersonNames;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.registry.Region;
import org.tanfang.scheduler.elder.Category;

/**
 * The elder as the desk shows them on a case. Until the user has claimed the case (supervisors and
 * administrators always) it is masked: name {@code 王*华}, numbers {@code 138****5678}, no address,
 * contacts masked. The ID-card number is masked for staff even then.
 *
 * @param masked whether personal data is hidden
 */
public record DeskElder(
    long id,
    boolean masked,
    String name,
    String sex,
    int age,
    LocalDate birthDate,
    String idNumber,
    String address,
    Region region,
    String primaryPhone,
    List<String> alternatePhones,
    List<EmergencyContact> emergencyContacts,
    HumanVisitor visitor,
    Set<Category> categories,
    boolean selfCare,
    String dialect,
    String status) {

  static DeskElder of(Elder e, LocalDate today, boolean open, boolean showIdNumber) {
    List<String> alternates = e.alternatePhones().stream().map(AlternatePhone::number).toList();
    HumanVisitor visitor = e.visitor();
    return new DeskElder(
        e.id(),
        !open,
        open ? e.name() : PersonNames.mask(e.name()),
        e.sex().name(),
        e.ageOn(today),
        open ? e.birthDate() : null,
        open && showIdNumber ? e.idNumber() : IdCardNumber.mask(e.idNumber()),
        open ? e.address() : null,
        e.region(),
        open ? e.primaryPhone() : PhoneNumbers.mask(e.primaryPhone()),
        open ? alternates : alternates.stream().map(PhoneNumbers::mask).toList(),
        open
            ? e.emergencyContacts()
            : e.emergencyContacts().stream()
                .map(
                    c ->
                        new EmergencyContact(
                            PersonNames.mask(c.name()), c.relation(), PhoneNumbers.mask(c.phone())))
                .toList(),
        visitor == null || open || visitor.phone() == null
            ? visitor
            : new HumanVisitor(visitor.name(), visitor.role(), PhoneNumbers.mask(visitor.phone())),
        new TreeSet<>(e.categorySet()),
        e.selfCare(),
        e.dialect(),
        e.status().name());
  }
}
