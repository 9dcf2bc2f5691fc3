package org.tanfang.registry.spreadsheet;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The columns of the civil-affairs elder spreadsheet, matched by their Chinese header (or an alias
 * seen in district ledgers). Order is the template's order. {@code fields} are the form fields a
 * problem in this column is reported against.
 */
public enum Column {
  NAME("姓名", true, List.of("老人姓名"), "name"),
  SEX("性别", false, List.of(), "sex"),
  BIRTH_DATE("出生日期", false, List.of("出生年月日", "出生年月"), "birthDate"),
  ID_NUMBER("身份证号", true, List.of("身份证号码", "公民身份号码", "身份证"), "idNumber"),
  PHONE("联系电话", true, List.of("电话", "手机号", "手机号码", "联系方式", "本人电话"), "primaryPhone"),
  ALTERNATE_PHONES("备用电话", false, List.of("其他电话", "座机"), "alternatePhones"),
  ADDRESS("家庭住址", true, List.of("住址", "居住地址", "现住址"), "address"),
  DISTRICT("所属区", true, List.of("区", "所属区县", "区县"), "district"),
  STREET("镇街", true, List.of("镇(街道)", "乡镇街道", "街道", "镇街道", "所属镇街"), "street"),
  COMMUNITY("村居", true, List.of("村(居)", "社区", "村(社区)", "村居委会", "所属村居"), "community"),
  GRID("网格", false, List.of("所属网格", "网格名称"), "grid"),
  CATEGORIES("类别", true, List.of("老人类别", "对象类别", "人员类别", "探访对象类别"), "categories"),
  DISABILITY_LEVEL("失能等级", false, List.of("失能程度"), "disabilityLevel"),
  DISABILITY_GRADE("残疾等级", false, List.of("残疾级别"), "disabilityGrade"),
  SELF_CARE("生活自理", false, List.of("能否自理", "生活能否自理", "是否自理"), "selfCare"),
  DIALECT("方言", false, List.of("语言", "通话语言"), "dialect"),
  CONSENT("探访意愿", false, List.of("是否同意探访", "意愿"), "consent"),
  CALL_WINDOW("可通话时段", false, List.of("通话时段", "方便接听时间"), "callWindowStart", "callWindowEnd"),
  CONTACT_NAME("紧急联系人", false, List.of("紧急联系人姓名", "紧急联系人1"), "emergencyContacts[0].name"),
  CONTACT_RELATION("紧急联系人关系", false, List.of("与老人关系", "紧急联系人1关系"), "emergencyContacts[0].relation"),
  CONTACT_PHONE("紧急联系人电话", false, List.of("紧急联系人1电话"), "emergencyContacts[0].phone"),
  CONTACT2_NAME("紧急联系人2", false, List.of("紧急联系人2姓名"), "emergencyContacts[1].name"),
  CONTACT2_RELATION("紧急联系人2关系", false, List.of(), "emergencyContacts[1].relation"),
  CONTACT2_PHONE("紧急联系人2电话", false, List.of(), "emergencyContacts[1].phone"),
  VISITOR_NAME("探访人", false, List.of("探访责任人", "探访人员"), "visitor.name"),
  VISITOR_ROLE("探访人身份", false, List.of("探访人类型"), "visitor.role"),
  VISITOR_PHONE("探访人电话", false, List.of("探访责任人电话"), "visitor.phone"),
  NOTES("备注", false, List.of(), "notes");

  private final String header;
  private final boolean required;
  private final List<String> aliases;
  private final List<String> fields;

  Column(String header, boolean required, List<String> aliases, String... fields) {
    this.header = header;
    this.required = required;
    this.aliases = aliases;
    this.fields = List.of(fields);
  }

  public String header() {
    return header;
  }

  public boolean required() {
    return required;
  }

  public List<String> aliases() {
    return aliases;
  }

  /** The column for a header as written: spaces, "*" marks and "(必填)" notes are ignored. */
  public static Optional<Column> forHeader(String text) {
    String h = normalise(text);
    return Arrays.stream(values())
        .filter(
            c ->
                c.header.equals(h) || c.aliases.stream().map(Column::normalise).anyMatch(h::equals))
        .findFirst();
  }

  /** The column a form field's problem belongs to. */
  public static Optional<Column> forField(String field) {
    String key = field.startsWith("alternatePhones") ? "alternatePhones" : field;
    return Arrays.stream(values()).filter(c -> c.fields.contains(key)).findFirst();
  }

  static String normalise(String text) {
    if (text == null) {
      return "";
    }
    return text.replace('（', '(')
        .replace('）', ')')
        .replaceAll("[\\s*＊\\uFEFF]", "")
        .replace("(必填)", "")
        .replace("(选填)", "");
  }
}
