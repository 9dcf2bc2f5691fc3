package org.tanfang.registry;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A PRC resident ID-card number (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit
 * sequence whose last digit gives the sex (odd male), and an ISO 7064 MOD 11-2 check character.
 */
public record IdCardNumber(String value) {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARS = "10X98765432";

  /** Why a text is not a valid number; {@code null} rule means it is valid. */
  public enum Problem {
    FORMAT,
    BIRTH_DATE,
    CHECK_DIGIT
  }

  /** Parses and validates; upper-cases a trailing x and ignores surrounding spaces. */
  public static Optional<Problem> problemWith(String text) {
    String s = normalise(text);
    if (!s.matches("\\d{17}[\\dX]")) {
      return Optional.of(Problem.FORMAT);
    }
    if (birthDateOf(s).isEmpty()) {
      return Optional.of(Problem.BIRTH_DATE);
    }
    if (s.charAt(17) != checkCharFor(s.substring(0, 17))) {
      return Optional.of(Problem.CHECK_DIGIT);
    }
    return Optional.empty();
  }

  public static IdCardNumber parse(String text) {
    problemWith(text)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("Invalid ID-card number (" + p + "): " + text);
            });
    return new IdCardNumber(normalise(text));
  }

  public static String normalise(String text) {
    return text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
  }

  /** The check character for the first 17 digits. */
  public static char checkCharFor(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARS.charAt(sum % 11);
  }

  public LocalDate birthDate() {
    return birthDateOf(value).orElseThrow();
  }

  public Sex sex() {
    return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
  }

  /** Shows area code and check character only, e.g. {@code 460106**********1X}. */
  public static String mask(String value) {
    if (value == null || value.length() < 8) {
      return "****";
    }
    return value.substring(0, 6)
        + "*".repeat(value.length() - 8)
        + value.substring(value.length() - 2);
  }

  private static Optional<LocalDate> birthDateOf(String s) {
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(s.substring(6, 10)),
              Integer.parseInt(s.substring(10, 12)),
              Integer.parseInt(s.substring(12, 14)));
      return date.getYear() < 1890 ? Optional.empty() : Optional.of(date);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
