package org.tanfang.registry;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.scheduler.elder.DisabilityLevel;

/** Reads the values staff type into forms and spreadsheets: codes or Chinese labels. */
public final class Labels {
  private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?");
  private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  private static final Pattern TIME = Pattern.compile("(\\d{1,2})[:：](\\d{2})");
  private static final Pattern LIST_SEPARATORS = Pattern.compile("[、,，;；/|\\s]+");
  private static final Map<String, String> DIALECT_LABELS =
      Map.of("普通话", "cmn", "国语", "cmn", "海南话", "hainan", "琼州话", "hainan", "海南方言", "hainan");

  private Labels() {}

  public static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  public static String trimToNull(String s) {
    return blank(s) ? null : s.strip();
  }

  public static Optional<Sex> sex(String s) {
    String v = s.strip();
    return Arrays.stream(Sex.values())
        .filter(x -> x.name().equalsIgnoreCase(v) || x.label().equals(v) || matchesInitial(x, v))
        .findFirst();
  }

  private static boolean matchesInitial(Sex sex, String v) {
    return v.equalsIgnoreCase(sex == Sex.MALE ? "M" : "F");
  }

  public static Optional<DisabilityLevel> disabilityLevel(String s) {
    String v = s.strip().replace("失能", "");
    if (v.isEmpty() || v.equals("无") || v.equals("否")) {
      return Optional.of(DisabilityLevel.NONE);
    }
    String label = v.equals("完全") || v.equals("全") ? "完全" : v;
    return Arrays.stream(DisabilityLevel.values())
        .filter(x -> x.name().equalsIgnoreCase(label) || x.label().equals(label))
        .findFirst();
  }

  public static Optional<Category> category(String s) {
    String v = s.strip();
    return Arrays.stream(Category.values())
        .filter(c -> c.name().equalsIgnoreCase(v) || c.label().equals(v) || c.aliases().contains(v))
        .findFirst();
  }

  /** Splits a cell such as "孤寡、独居" or "13800000000;13900000000" into its items. */
  public static List<String> splitList(String s) {
    if (blank(s)) {
      return List.of();
    }
    return Arrays.stream(LIST_SEPARATORS.split(s.strip())).filter(x -> !x.isBlank()).toList();
  }

  public static Optional<String> dialect(String s, List<String> known) {
    String v = s.strip();
    String code = DIALECT_LABELS.getOrDefault(v, v.toLowerCase(Locale.ROOT));
    return known.contains(code) ? Optional.of(code) : Optional.empty();
  }

  public static Optional<Boolean> yesNo(String s) {
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "是", "有", "同意", "愿意", "能", "可以", "y", "yes", "true", "1" -> Optional.of(true);
      case "否", "无", "不同意", "不愿意", "不能", "不可以", "n", "no", "false", "0" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  public static Optional<LocalDate> date(String s) {
    String v = s.strip();
    Matcher m = DATE.matcher(v);
    if (!m.matches()) {
      m = COMPACT_DATE.matcher(v);
      if (!m.matches()) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<LocalTime> time(String s) {
    Matcher m = TIME.matcher(s.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
