package org.tanfang.testsupport;

import java.time.LocalDate;
import java.util.List;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.ElderForm.ContactForm;
import org.tanfang.registry.ElderForm.VisitorForm;
import org.tanfang.registry.IdCardNumber;

/** Valid elders for tests, each with its own ID-card number. */
public final class TestElders {
  private TestElders() {}

  /** A valid ID-card number for a Meilan-district elder born on that date. */
  public static String idNumber(LocalDate birth, int sequence, boolean male) {
    int seq = (sequence * 2 + (male ? 1 : 0)) % 1000;
    String first17 = "460108" + birth.toString().replace("-", "") + String.format("%03d", seq);
    return first17 + IdCardNumber.checkCharFor(first17);
  }

  public static ElderForm form(String name, String idNumber) {
    return form(name, idNumber, "139 0898 0001");
  }

  /** A valid elder with the given primary phone (telephony tests script callees by number). */
  public static ElderForm form(String name, String idNumber, String phone) {
    return new ElderForm(
        name,
        null,
        null,
        idNumber,
        "海甸街道沿江社区12号",
        "美兰区",
        "海甸街道",
        "沿江社区",
        "沿江社区第1网格",
        phone,
        List.of("0898-66123456"),
        List.of("独居"),
        "无",
        null,
        null,
        "海南话",
        "09:00",
        "11:30",
        true,
        List.of(new ContactForm("王小明", "儿子", "13712345678")),
        new VisitorForm("陈网格", "网格员", "13612345678"),
        null);
  }

  /** The same elder in another district and with another dialect (null: keep the form's). */
  public static ElderForm with(ElderForm f, String district, String dialect) {
    return copy(
        f,
        district == null ? f.district() : district,
        f.street(),
        f.community(),
        f.grid(),
        dialect == null ? f.dialect() : dialect,
        f.categories());
  }

  /** The same elder living in another district / street / community (region scope tests). */
  public static ElderForm livingIn(ElderForm f, String district, String street, String community) {
    return copy(f, district, street, community, null, f.dialect(), f.categories());
  }

  /** The same elder in other categories. */
  public static ElderForm withCategories(ElderForm f, List<String> categories) {
    return copy(f, f.district(), f.street(), f.community(), f.grid(), f.dialect(), categories);
  }

  private static ElderForm copy(
      ElderForm f,
      String district,
      String street,
      String community,
      String grid,
      String dialect,
      List<String> categories) {
    return new ElderForm(
        f.name(),
        f.sex(),
        f.birthDate(),
        f.idNumber(),
        f.address(),
        district,
        street,
        community,
        grid,
        f.primaryPhone(),
        f.alternatePhones(),
        categories,
        f.disabilityLevel(),
        f.disabilityGrade(),
        f.selfCare(),
        dialect,
        f.callWindowStart(),
        f.callWindowEnd(),
        f.consent(),
        f.emergencyContacts(),
        f.visitor(),
        f.notes());
  }
}
