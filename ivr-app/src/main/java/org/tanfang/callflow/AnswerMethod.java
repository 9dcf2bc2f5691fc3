package org.tanfang.callflow;

/** How an answer was given: {@code visit_answer.method}. */
public enum AnswerMethod {
  KEYPAD,
  SPEECH,
  NONE
}
