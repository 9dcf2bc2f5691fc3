package org.tanfang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tanfang.registry.ElderForm.ContactForm;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.shared.FieldProblem;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TestElders;

class ElderValidatorTest {
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00");
  private final ElderValidator validator =
      new ElderValidator(
          new RegistryProperties(List.of("龙华区", "美兰区", "秀英区", "琼山区"), List.of("cmn", "hainan"), 80),
          clock);
  private final String id = TestElders.idNumber(LocalDate.of(1946, 5, 20), 7, false);

  @Test
  void shouldNormaliseAValidForm() {
    ElderValidator.Result result = validator.validate(TestElders.form("林亚妹", id));

    assertThat(result.problems()).isEmpty();
    ElderDraft d = result.draft();
    assertThat(d.sex()).isEqualTo(Sex.FEMALE);
    assertThat(d.birthDate()).isEqualTo(LocalDate.of(1946, 5, 20));
    assertThat(d.primaryPhone()).isEqualTo("13908980001");
    assertThat(d.alternatePhones()).containsExactly("089866123456");
    assertThat(d.categories()).containsExactly(Category.LIVING_ALONE);
    assertThat(d.dialect()).isEqualTo("hainan");
    assertThat(d.callWindowStart()).isEqualTo(LocalTime.of(9, 0));
    assertThat(d.selfCare()).isTrue();
    assertThat(d.emergencyContacts())
        .containsExactly(new EmergencyContact("王小明", "儿子", "13712345678"));
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    ElderForm form =
        new ElderForm(
            "",
            "男",
            "1950-01-01",
            "110105194912310021",
            "",
            "海口区",
            "",
            "",
            null,
            "12345",
            List.of("abc"),
            List.of("孤单"),
            "很重",
            "5",
            null,
            "粤语",
            "12:00",
            "11:00",
            null,
            List.of(new ContactForm("张三", null, "")),
            null,
            null);

    List<String> rules =
        validator.validate(form).problems().stream().map(p -> p.field() + ":" + p.rule()).toList();

    assertThat(rules)
        .contains(
            "name:required",
            "address:required",
            "street:required",
            "community:required",
            "district:district.unknown",
            "idNumber:idNumber.checkDigit",
            "primaryPhone:phone.invalid",
            "alternatePhones[0]:phone.invalid",
            "categories:categories.unknown",
            "disabilityLevel:disabilityLevel.invalid",
            "disabilityGrade:disabilityGrade.invalid",
            "dialect:dialect.invalid",
            "callWindowEnd:callWindow.order",
            "emergencyContacts[0].phone:required");
  }

  @Test
  void shouldRejectBirthDateAndSexThatContradictTheIdNumber() {
    ElderForm base = TestElders.form("林亚妹", id);
    ElderForm form =
        new ElderForm(
            base.name(),
            "男",
            "1946-05-21",
            id,
            base.address(),
            base.district(),
            base.street(),
            base.community(),
            null,
            base.primaryPhone(),
            null,
            base.categories(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    assertThat(validator.validate(form).problems())
        .extracting(FieldProblem::rule)
        .containsExactlyInAnyOrder("birthDate.mismatch", "sex.mismatch");
  }

  @Test
  void shouldDeriveCategoriesFromGradesAndRefuseSelfCareForSevereCases() {
    ElderForm base = TestElders.form("符德福", id);
    ElderForm severe = withCare(base, List.of("空巢"), "重度", "2", null);
    ElderValidator.Result result = validator.validate(severe);
    assertThat(result.draft().categories())
        .containsExactlyInAnyOrder(
            Category.EMPTY_NEST, Category.DISABLED_CARE, Category.SEVERE_DISABILITY);
    assertThat(result.draft().selfCare()).isFalse();

    assertThat(validator.validate(withCare(base, List.of("空巢"), "中度", null, true)).problems())
        .extracting(FieldProblem::rule)
        .containsExactly("selfCare.contradiction");
    assertThat(validator.validate(withCare(base, List.of("失能"), null, null, null)).problems())
        .extracting(FieldProblem::rule)
        .containsExactly("disabilityLevel.requiredForCategory");
    assertThat(validator.validate(withCare(base, List.of("重残"), null, "3", null)).problems())
        .extracting(FieldProblem::rule)
        .containsExactly("disabilityGrade.notSevere");
  }

  @Test
  void shouldAllowNoCategoryOnlyForAdvancedAge() {
    String eighty = TestElders.idNumber(LocalDate.of(1946, 3, 15), 1, true);
    String almostEighty = TestElders.idNumber(LocalDate.of(1946, 3, 16), 2, true);
    ElderForm base = TestElders.form("吴开南", eighty);

    assertThat(validator.validate(withCare(base, List.of(), null, null, null)).problems())
        .isEmpty();
    ElderForm younger = withCare(TestElders.form("吴开南", almostEighty), List.of(), null, null, null);
    assertThat(validator.validate(younger).problems())
        .extracting(FieldProblem::rule)
        .containsExactly("categories.required");
  }

  @Test
  void shouldReadChineseCategoryLabelsAndAliases() {
    ElderForm form =
        withCare(
            TestElders.form("王桂兰", id), List.of("孤寡老人", "计生特殊家庭", "LEFT_BEHIND"), null, null, null);
    assertThat(validator.validate(form).draft().categories())
        .containsExactlyInAnyOrder(
            Category.SOLITARY_CHILDLESS, Category.FAMILY_PLANNING_SPECIAL, Category.LEFT_BEHIND);
  }

  private static ElderForm withCare(
      ElderForm f, List<String> categories, String level, String grade, Boolean selfCare) {
    return new ElderForm(
        f.name(),
        f.sex(),
        f.birthDate(),
        f.idNumber(),
        f.address(),
        f.district(),
        f.street(),
        f.community(),
        f.grid(),
        f.primaryPhone(),
        f.alternatePhones(),
        categories,
        level,
        grade,
        selfCare,
        f.dialect(),
        f.callWindowStart(),
        f.callWindowEnd(),
        f.consent(),
        f.emergencyContacts(),
        f.visitor(),
        f.notes());
  }
}
