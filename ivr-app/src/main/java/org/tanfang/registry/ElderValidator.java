package org.tanfang.registry;

import static org.tanfang.registry.Labels.blank;
import static org.tanfang.registry.Labels.trimToNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.TextRules;

/**
 * Checks an {@link ElderForm} against every registry rule at once, so a user sees all problems of a
 * form or row together, and turns a valid form into an {@link ElderDraft}. The API and the
 * spreadsheet import share this one path.
 *
 * <p>Over 300 lines on purpose: it is the registry's rule list, one short method per field, read
 * top to bottom against README "Elder registry"; splitting it would scatter the rules.
 */
@Component
public class ElderValidator {
  static final int MAX_CONTACTS = 5;
  static final int MAX_ALTERNATE_PHONES = 5;

  private final RegistryProperties props;
  private final Clock clock;

  ElderValidator(RegistryProperties props, Clock clock) {
    this.props = props;
    this.clock = clock;
  }

  /** The draft, or the problems found (never both). */
  public record Result(ElderDraft draft, List<FieldProblem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  public Result validate(ElderForm form) {
    Check c = new Check();
    String name = c.text("name", form.name(), 50, true);
    String address = c.text("address", form.address(), 200, true);
    String street = c.text("street", form.street(), 40, true);
    String community = c.text("community", form.community(), 60, true);
    String grid = c.text("grid", form.grid(), 60, false);
    String notes = c.text("notes", form.notes(), 500, false);
    String district = district(c, form.district());

    String idNumber = idNumber(c, form.idNumber());
    LocalDate birthDate = birthDate(c, form.birthDate(), idNumber);
    Sex sex = sex(c, form.sex(), idNumber);

    String primaryPhone = c.phone("primaryPhone", form.primaryPhone(), true);
    List<String> alternates = alternatePhones(c, form.alternatePhones(), primaryPhone);

    DisabilityLevel level =
        c.parsed(
            "disabilityLevel",
            form.disabilityLevel(),
            Labels::disabilityLevel,
            DisabilityLevel.NONE);
    Integer grade = disabilityGrade(c, form.disabilityGrade());
    Set<Category> categories = categories(c, form.categories(), level, grade, birthDate);
    boolean selfCare = selfCare(c, form.selfCare(), level, grade);
    String dialect =
        c.parsed("dialect", form.dialect(), s -> Labels.dialect(s, props.dialects()), "cmn");

    LocalTime windowStart = c.parsed("callWindowStart", form.callWindowStart(), Labels::time, null);
    LocalTime windowEnd = c.parsed("callWindowEnd", form.callWindowEnd(), Labels::time, null);
    if ((windowStart == null) != (windowEnd == null)
        && !c.has("callWindowStart", "callWindowEnd")) {
      c.problem(windowStart == null ? "callWindowStart" : "callWindowEnd", "callWindow.incomplete");
    } else if (windowStart != null && !windowStart.isBefore(windowEnd)) {
      c.problem("callWindowEnd", "callWindow.order", windowStart, windowEnd);
    }

    List<EmergencyContact> contacts = contacts(c, form.emergencyContacts());
    HumanVisitor visitor = visitor(c, form.visitor());
    boolean consent = form.consent() == null || form.consent();

    if (!c.problems.isEmpty()) {
      return new Result(null, List.copyOf(c.problems));
    }
    ElderDraft draft =
        new ElderDraft(
            name,
            sex,
            birthDate,
            idNumber,
            address,
            new Region(district, street, community, grid),
            primaryPhone,
            alternates,
            categories,
            level,
            grade,
            selfCare,
            dialect,
            windowStart,
            windowEnd,
            consent,
            contacts,
            visitor,
            notes);
    return new Result(draft, List.of());
  }

  private String district(Check c, String value) {
    String d = c.text("district", value, 20, true);
    if (d != null && !props.districts().contains(d)) {
      c.problem("district", "district.unknown", d, String.join("、", props.districts()));
    }
    return d;
  }

  private static String idNumber(Check c, String value) {
    if (blank(value)) {
      c.problem("idNumber", "required");
      return null;
    }
    Optional<IdCardNumber.Problem> problem = IdCardNumber.problemWith(value);
    if (problem.isPresent()) {
      String rule =
          switch (problem.get()) {
            case FORMAT -> "idNumber.format";
            case BIRTH_DATE -> "idNumber.birthDate";
            case CHECK_DIGIT -> "idNumber.checkDigit";
          };
      c.problem("idNumber", rule, value.strip());
      return null;
    }
    return IdCardNumber.normalise(value);
  }

  private LocalDate birthDate(Check c, String value, String idNumber) {
    LocalDate fromId = idNumber == null ? null : new IdCardNumber(idNumber).birthDate();
    LocalDate given = c.parsed("birthDate", value, Labels::date, null);
    LocalDate date = given != null ? given : fromId;
    if (given != null && fromId != null && !given.equals(fromId)) {
      c.problem("birthDate", "birthDate.mismatch", given, fromId);
    } else if (date != null && date.isAfter(LocalDate.now(clock))) {
      c.problem("birthDate", "birthDate.future", date);
    } else if (date == null && idNumber == null && blank(value) && !c.has("idNumber")) {
      c.problem("birthDate", "required");
    }
    return date;
  }

  private static Sex sex(Check c, String value, String idNumber) {
    Sex fromId = idNumber == null ? null : new IdCardNumber(idNumber).sex();
    Sex given = c.parsed("sex", value, Labels::sex, null);
    if (given != null && fromId != null && given != fromId) {
      c.problem("sex", "sex.mismatch", given.label(), fromId.label());
    }
    return given != null ? given : fromId;
  }

  private static List<String> alternatePhones(Check c, List<String> values, String primary) {
    if (values.size() > MAX_ALTERNATE_PHONES) {
      c.problem("alternatePhones", "list.tooLong", MAX_ALTERNATE_PHONES);
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String number = c.phone("alternatePhones[" + i + "]", values.get(i), true);
      if (number != null && !number.equals(primary) && !result.contains(number)) {
        result.add(number); // a repeat of a number already listed adds nothing to try
      }
    }
    return List.copyOf(result);
  }

  private static Integer disabilityGrade(Check c, String value) {
    String v = trimToNull(value);
    if (v == null || v.equals("无")) {
      return null;
    }
    String digits =
        v.replace("级", "").replace("一", "1").replace("二", "2").replace("三", "3").replace("四", "4");
    if (!digits.matches("[1-4]")) {
      c.problem("disabilityGrade", "disabilityGrade.invalid", v);
      return null;
    }
    return Integer.valueOf(digits);
  }

  private Set<Category> categories(
      Check c, List<String> values, DisabilityLevel level, Integer grade, LocalDate birthDate) {
    Set<Category> result = EnumSet.noneOf(Category.class);
    for (String value : values) {
      Optional<Category> category = Labels.category(value);
      if (category.isEmpty()) {
        c.problem("categories", "categories.unknown", value.strip());
      } else {
        result.add(category.get());
      }
    }
    // The grades are the evidence; the categories follow from them.
    if (level != null && level != DisabilityLevel.NONE) {
      result.add(Category.DISABLED_CARE);
    }
    if (grade != null && grade <= 2) {
      result.add(Category.SEVERE_DISABILITY);
    }
    if (result.contains(Category.DISABLED_CARE)
        && level == DisabilityLevel.NONE
        && !c.has("disabilityLevel")) {
      c.problem("disabilityLevel", "disabilityLevel.requiredForCategory");
    }
    if (result.contains(Category.SEVERE_DISABILITY) && grade != null && grade > 2) {
      c.problem("disabilityGrade", "disabilityGrade.notSevere", grade);
    }
    boolean advancedAge =
        birthDate != null
            && birthDate.plusYears(props.advancedAge()).isBefore(LocalDate.now(clock).plusDays(1));
    if (result.isEmpty() && !advancedAge && !c.has("categories", "birthDate", "idNumber")) {
      c.problem("categories", "categories.required", props.advancedAge());
    }
    return result;
  }

  private static boolean selfCare(Check c, Boolean value, DisabilityLevel level, Integer grade) {
    boolean needsCare = (level != null && level.needsHomeVisits()) || (grade != null && grade <= 2);
    if (value == null) {
      return !needsCare;
    }
    if (value && needsCare) {
      c.problem("selfCare", "selfCare.contradiction");
    }
    return value;
  }

  private static List<EmergencyContact> contacts(Check c, List<ElderForm.ContactForm> forms) {
    if (forms.size() > MAX_CONTACTS) {
      c.problem("emergencyContacts", "list.tooLong", MAX_CONTACTS);
    }
    List<EmergencyContact> result = new ArrayList<>();
    for (int i = 0; i < forms.size(); i++) {
      ElderForm.ContactForm f = forms.get(i);
      String prefix = "emergencyContacts[" + i + "].";
      if (f == null || (blank(f.name()) && blank(f.phone()) && blank(f.relation()))) {
        continue;
      }
      String name = c.text(prefix + "name", f.name(), 50, true);
      String relation = c.text(prefix + "relation", f.relation(), 20, false);
      String phone = c.phone(prefix + "phone", f.phone(), true);
      result.add(new EmergencyContact(name, relation, phone));
    }
    return List.copyOf(result);
  }

  private static HumanVisitor visitor(Check c, ElderForm.VisitorForm f) {
    if (f == null || (blank(f.name()) && blank(f.role()) && blank(f.phone()))) {
      return new HumanVisitor(null, null, null);
    }
    String name = c.text("visitor.name", f.name(), 50, true);
    String role = c.text("visitor.role", f.role(), 30, false);
    String phone = c.phone("visitor.phone", f.phone(), false);
    return new HumanVisitor(name, role, phone);
  }

  /** Collects problems while reading fields. */
  private static final class Check {
    final List<FieldProblem> problems = new ArrayList<>();

    void problem(String field, String rule, Object... args) {
      problems.add(FieldProblem.of(field, rule, args));
    }

    boolean has(String... fields) {
      return problems.stream().anyMatch(p -> List.of(fields).contains(p.field()));
    }

    String text(String field, String value, int maxLength, boolean required) {
      int bad = TextRules.forbidden(value, field.equals("notes"));
      if (bad >= 0) {
        problem(field, TextRules.INVISIBLE, TextRules.codePoint(bad));
        return null;
      }
      String v = trimToNull(value);
      if (v == null) {
        if (required) {
          problem(field, "required");
        }
        return null;
      }
      if (v.length() > maxLength) {
        problem(field, "text.tooLong", maxLength);
      }
      return v;
    }

    String phone(String field, String value, boolean required) {
      if (blank(value)) {
        if (required) {
          problem(field, "required");
        }
        return null;
      }
      Optional<String> number = PhoneNumbers.normalise(value);
      if (number.isEmpty()) {
        problem(field, "phone.invalid", value.strip());
        return null;
      }
      return number.get();
    }

    <T> T parsed(String field, String value, Function<String, Optional<T>> parser, T absent) {
      if (blank(value)) {
        return absent;
      }
      Optional<T> parsed = parser.apply(value);
      if (parsed.isEmpty()) {
        problem(field, field + ".invalid", value.strip());
        return absent;
      }
      return parsed.get();
    }
  }
}
