package org.tanfang.speech;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a yes/no confirmation, i.e. the identity question "请问您是王阿婆吗？".
 *
 * @param answer the decision
 * @param matched the terms that decided
 * @param normalizedText the transcript as matched
 */
public record Confirmation(Answer answer, List<String> matched, String normalizedText) {

  /** A confirmation answer. */
  public enum Answer {
    /** It is the elder ("是我", "speaking"). */
    CONFIRMED,
    /** Someone else, or a wrong number ("不是", "打错了", "wrong number"). */
    DENIED,
    /** Distress heard: it counts whatever the question. */
    HELP,
    UNCLEAR,
    SILENT
  }

  public Confirmation {
    Objects.requireNonNull(answer, "answer");
    matched = List.copyOf(matched);
    Objects.requireNonNull(normalizedText, "normalizedText");
  }
}
