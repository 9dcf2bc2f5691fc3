package org.tanfang.registry;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Chinese phone numbers as civil-affairs spreadsheets write them, normalised to the digits one
 * would dial from Haikou's trunk: mobiles as 11 digits ({@code 13812345678}); landlines with their
 * area code ({@code 089866123456}); a bare 8-digit local number is taken as a Haikou (0898) line.
 */
public final class PhoneNumbers {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()（）.]");
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern HAIKOU_LOCAL = Pattern.compile("[2-9]\\d{7}");
  // Area codes: 010, 02x (3 digits) or 0xxx (4 digits); subscriber numbers 7 or 8 digits.
  private static final Pattern LANDLINE =
      Pattern.compile("(0(?:10|2\\d)\\d{8}|0[3-9]\\d{2}\\d{7,8})");
  public static final String HAIKOU_AREA_CODE = "0898";

  private PhoneNumbers() {}

  /** The normalised number, or empty when the text is not a valid mobile or landline number. */
  public static Optional<String> normalise(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String digits = SEPARATORS.matcher(toHalfWidth(text.strip())).replaceAll("");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0086")) {
      digits = digits.substring(4);
    } else if (digits.length() == 13 && digits.startsWith("86")) {
      digits = digits.substring(2);
    }
    if (MOBILE.matcher(digits).matches()) {
      return Optional.of(digits);
    }
    if (HAIKOU_LOCAL.matcher(digits).matches()) {
      return Optional.of(HAIKOU_AREA_CODE + digits);
    }
    if (digits.startsWith("898") && digits.length() == 11) {
      digits = "0" + digits; // written without the trunk prefix: 898-66123456
    }
    if (LANDLINE.matcher(digits).matches()) {
      return Optional.of(digits);
    }
    return Optional.empty();
  }

  /** Hides the middle digits: {@code 138****5678}, {@code 0898****3456}. */
  public static String mask(String number) {
    if (number == null || number.length() < 7) {
      return "****";
    }
    int keepStart = number.startsWith("0") ? 4 : 3;
    return number.substring(0, keepStart)
        + "*".repeat(number.length() - keepStart - 4)
        + number.substring(number.length() - 4);
  }

  static String toHalfWidth(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      out.append(c >= '！' && c <= '～' ? (char) (c - 0xFEE0) : c == '　' ? ' ' : c);
    }
    return out.toString();
  }
}
