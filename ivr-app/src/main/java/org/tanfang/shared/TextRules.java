package org.tanfang.shared;

import java.util.Optional;

/**
 * What text people type may contain. Refused everywhere: control characters (NUL included) and
 * invisible formatting characters — zero-width spaces and joiners, the byte-order mark, bidi
 * overrides and isolates that make a name display as something else — and unpaired surrogates. Free
 * text (notes, reasons) may have line breaks and tabs; names and addresses may not.
 */
public final class TextRules {
  /** {@code rule.text.invisible}: the field and the offending code point, {@code U+200B}. */
  public static final String INVISIBLE = "text.invisible";

  public static final String TOO_LONG = "text.tooLong";

  private TextRules() {}

  /** The first code point that does not belong in typed text, or -1 if there is none. */
  public static int forbidden(String text, boolean multiline) {
    if (text == null) {
      return -1;
    }
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!allowed(c, multiline)) {
        return c;
      }
      i += Character.charCount(c);
    }
    return -1;
  }

  private static boolean allowed(int c, boolean multiline) {
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  /** {@code U+200B}: how a problem names the character (it cannot be shown). */
  public static String codePoint(int c) {
    return String.format("U+%04X", c);
  }

  /** A problem for {@code field} if {@code value} is too long or has a forbidden character. */
  public static Optional<FieldProblem> check(
      String field, String value, int maxLength, boolean multiline) {
    if (value == null) {
      return Optional.empty();
    }
    int bad = forbidden(value, multiline);
    if (bad >= 0) {
      return Optional.of(FieldProblem.of(field, INVISIBLE, codePoint(bad)));
    }
    if (value.strip().length() > maxLength) {
      return Optional.of(FieldProblem.of(field, TOO_LONG, maxLength));
    }
    return Optional.empty();
  }
}
