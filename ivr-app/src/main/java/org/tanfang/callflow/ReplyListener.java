package org.tanfang.callflow;

import java.time.Duration;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;

/** Plays a question and waits for the reply: by keypad, or by keypad and voice. */
interface ReplyListener {
  Reply listen(AgiChannel channel, String promptPath, Asking asking, Duration timeout)
      throws AgiException, HungUp;

  /** Which question is asked, for which visit, for the how-many-th time (names recordings). */
  record Asking(Questionnaire.Question question, long visitId, String dialect, int round) {}
}
