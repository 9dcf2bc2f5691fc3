package org.tanfang.callflow;

import java.time.Duration;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;

/**
 * Keypad only: GET DATA plays the question (any key interrupts it) and waits for one key. Asterisk
 * replies {@code result=<keys>}, {@code result= (timeout)} on silence, {@code result=-1} on
 * hang-up.
 */
final class KeypadListener implements ReplyListener {
  @Override
  public Reply listen(AgiChannel channel, String promptPath, Asking asking, Duration timeout)
      throws AgiException, HungUp {
    String result = channel.getData(promptPath, timeout.toMillis(), 1);
    if ("-1".equals(result)) {
      throw new HungUp();
    }
    if (result == null || result.isEmpty()) {
      return Reply.none(null);
    }
    return Reply.key(result.substring(0, 1));
  }
}
