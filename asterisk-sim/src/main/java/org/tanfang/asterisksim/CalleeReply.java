package org.tanfang.asterisksim;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing a scripted callee does at the next input opportunity (STREAM FILE with escape digits,
 * GET DATA, WAIT FOR DIGIT, GET OPTION, RECORD FILE, SAY ... with escape digits). {@code delayMs}
 * is how long the callee takes before acting; the AGI reply is sent only after it, as on a real
 * line.
 */
public sealed interface CalleeReply {

  long delayMs();

  /** Presses keys. One WAIT FOR DIGIT takes one key; the rest stay for the next command. */
  record Digits(String digits, long delayMs) implements CalleeReply {
    public Digits {
      Objects.requireNonNull(digits, "digits");
      if (digits.isEmpty() || !digits.chars().allMatch(Digits::isDtmf)) {
        throw new IllegalArgumentException("not DTMF digits: '" + digits + "'");
      }
    }

    static boolean isDtmf(int c) {
      return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D');
    }
  }

  /** Says nothing and presses nothing: the command times out. */
  record Silence(long delayMs) implements CalleeReply {}

  /**
   * Speaks: RECORD FILE copies {@code wav} to where Asterisk writes the recording. If {@code
   * endKey} is set and is an escape digit of the RECORD FILE, the recording ends on that key.
   */
  record Recording(Path wav, Character endKey, long delayMs) implements CalleeReply {
    public Recording {
      Objects.requireNonNull(wav, "wav");
    }
  }

  /** Hangs up: the command in progress gets {@code 200 result=-1}. */
  record Hangup(long delayMs) implements CalleeReply {}

  static Digits press(String digits) {
    return new Digits(digits, 0);
  }

  static Silence silence() {
    return new Silence(0);
  }

  static Hangup hangup() {
    return new Hangup(0);
  }
}
