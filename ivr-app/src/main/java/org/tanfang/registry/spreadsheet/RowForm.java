package org.tanfang.registry.spreadsheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.ElderForm.ContactForm;
import org.tanfang.registry.ElderForm.VisitorForm;
import org.tanfang.registry.Labels;
import org.tanfang.shared.FieldProblem;

/**
 * Turns the cells of one row into an {@link ElderForm}. Columns the file does not have keep the
 * existing elder's values, so a sheet with fewer columns updates only what it holds.
 */
final class RowForm {
  private final Map<Column, String> cells;
  private final ElderForm base;
  private final List<FieldProblem> problems = new ArrayList<>();

  private RowForm(Map<Column, String> cells, ElderForm base) {
    this.cells = cells;
    this.base = base;
  }

  record Result(ElderForm form, List<FieldProblem> problems) {}

  static Result build(Map<Column, String> cells, ElderForm base) {
    RowForm row = new RowForm(cells, base);
    ElderForm form = row.form();
    return new Result(form, List.copyOf(row.problems));
  }

  private ElderForm form() {
    String[] window = callWindow();
    return new ElderForm(
        text(Column.NAME, ElderForm::name),
        text(Column.SEX, ElderForm::sex),
        text(Column.BIRTH_DATE, ElderForm::birthDate),
        text(Column.ID_NUMBER, ElderForm::idNumber),
        text(Column.ADDRESS, ElderForm::address),
        text(Column.DISTRICT, ElderForm::district),
        text(Column.STREET, ElderForm::street),
        text(Column.COMMUNITY, ElderForm::community),
        text(Column.GRID, ElderForm::grid),
        text(Column.PHONE, ElderForm::primaryPhone),
        list(Column.ALTERNATE_PHONES, ElderForm::alternatePhones),
        list(Column.CATEGORIES, ElderForm::categories),
        text(Column.DISABILITY_LEVEL, ElderForm::disabilityLevel),
        text(Column.DISABILITY_GRADE, ElderForm::disabilityGrade),
        yesNo(Column.SELF_CARE, "selfCare", ElderForm::selfCare),
        text(Column.DIALECT, ElderForm::dialect),
        window[0],
        window[1],
        yesNo(Column.CONSENT, "consent", ElderForm::consent),
        contacts(),
        visitor(),
        text(Column.NOTES, ElderForm::notes));
  }

  private boolean has(Column column) {
    return cells.containsKey(column);
  }

  private String text(Column column, Function<ElderForm, String> fromBase) {
    if (has(column)) {
      return cells.get(column);
    }
    return base == null ? null : fromBase.apply(base);
  }

  private List<String> list(Column column, Function<ElderForm, List<String>> fromBase) {
    if (has(column)) {
      return Labels.splitList(cells.get(column));
    }
    return base == null ? List.of() : fromBase.apply(base);
  }

  private Boolean yesNo(Column column, String field, Function<ElderForm, Boolean> fromBase) {
    if (!has(column)) {
      return base == null ? null : fromBase.apply(base);
    }
    String value = cells.get(column);
    if (value == null || value.isBlank()) {
      return null;
    }
    Optional<Boolean> parsed = Labels.yesNo(value);
    if (parsed.isEmpty()) {
      problems.add(FieldProblem.of(field, field + ".invalid", value.strip()));
      return null;
    }
    return parsed.get();
  }

  /** "09:00-11:30" (also with ～, ~, 至, 到 between the times). */
  private String[] callWindow() {
    if (!has(Column.CALL_WINDOW)) {
      return base == null
          ? new String[] {null, null}
          : new String[] {base.callWindowStart(), base.callWindowEnd()};
    }
    String value = cells.get(Column.CALL_WINDOW);
    if (value == null || value.isBlank()) {
      return new String[] {null, null};
    }
    String[] parts = value.strip().split("\\s*[-－~～至到—]+\\s*");
    if (parts.length != 2) {
      problems.add(FieldProblem.of("callWindowStart", "callWindow.format", value.strip()));
      return new String[] {null, null};
    }
    return parts;
  }

  private List<ContactForm> contacts() {
    boolean any =
        has(Column.CONTACT_NAME)
            || has(Column.CONTACT_PHONE)
            || has(Column.CONTACT2_NAME)
            || has(Column.CONTACT2_PHONE);
    if (!any) {
      return base == null ? List.of() : base.emergencyContacts();
    }
    List<ContactForm> result = new ArrayList<>();
    result.add(
        new ContactForm(
            cells.get(Column.CONTACT_NAME),
            cells.get(Column.CONTACT_RELATION),
            cells.get(Column.CONTACT_PHONE)));
    result.add(
        new ContactForm(
            cells.get(Column.CONTACT2_NAME),
            cells.get(Column.CONTACT2_RELATION),
            cells.get(Column.CONTACT2_PHONE)));
    return result;
  }

  private VisitorForm visitor() {
    if (!has(Column.VISITOR_NAME) && !has(Column.VISITOR_PHONE) && !has(Column.VISITOR_ROLE)) {
      return base == null ? null : base.visitor();
    }
    return new VisitorForm(
        text(Column.VISITOR_NAME, b -> b.visitor() == null ? null : b.visitor().name()),
        text(Column.VISITOR_ROLE, b -> b.visitor() == null ? null : b.visitor().role()),
        text(Column.VISITOR_PHONE, b -> b.visitor() == null ? null : b.visitor().phone()));
  }
}
