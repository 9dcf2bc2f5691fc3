package org.tanfang.speech;

/**
 * The keypad answer to any question, as the prompts announce it: 1 fine · 2 not well · 9 need help
 * · 0 talk to staff.
 */
public final class KeypadIntent {

  private KeypadIntent() {}

  /** The intent of one DTMF digit ({@code 0-9 * #}); any other key is UNCLEAR. */
  public static Intent of(char digit) {
    return switch (digit) {
      case '1' -> Intent.FINE;
      case '2' -> Intent.UNWELL;
      case '9', '0' -> Intent.HELP;
      default -> Intent.UNCLEAR;
    };
  }

  /**
   * The intent of the digits an elder pressed for one question: SILENT when none (timeout), else
   * the first digit's meaning — except that a 9 or 0 anywhere counts, as distress does in speech.
   */
  public static Intent of(String digits) {
    if (digits == null || digits.isBlank()) {
      return Intent.SILENT;
    }
    String keys = digits.strip();
    if (keys.indexOf('9') >= 0 || keys.indexOf('0') >= 0) {
      return Intent.HELP;
    }
    return of(keys.charAt(0));
  }

  /** Whether the digit asks for a person (0): the caller may route it to staff, not escalation. */
  public static boolean asksForStaff(char digit) {
    return digit == '0';
  }
}
