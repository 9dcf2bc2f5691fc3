package org.tanfang.callflow;

/**
 * One question's answer as the call flow records it ({@code visit_answer} row).
 *
 * @param rawKey the key pressed (a wrong key is kept too), null if none
 * @param recording where the spoken reply was recorded (speech mode), null otherwise
 * @param reprompts how often the question was asked again before this answer
 */
record Answer(
    String questionId,
    Area area,
    AnswerMethod method,
    String rawKey,
    Intent intent,
    String transcript,
    String needs,
    String recording,
    int reprompts) {

  boolean transfer() {
    return intent == Intent.HELP;
  }
}
