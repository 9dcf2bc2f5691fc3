package org.tanfang.asterisksim;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Walks a callee's replies during one call. Key presses can be used up piecemeal: WAIT FOR DIGIT
 * takes one key of a "123" reply and leaves "23" for the next command. Once the replies run out the
 * script's {@code whenExhausted} reply is given again and again.
 */
final class CalleeCursor {

  private final Deque<CalleeReply> queue;
  private final CalleeReply whenExhausted;

  CalleeCursor(CalleeScript script) {
    this.queue = new ArrayDeque<>(script.replies());
    this.whenExhausted = script.whenExhausted();
  }

  synchronized CalleeReply peek() {
    CalleeReply r = queue.peekFirst();
    return r != null ? r : whenExhausted;
  }

  /** Uses up the head reply (no-op once exhausted: the fallback repeats). */
  synchronized void consume() {
    queue.pollFirst();
  }

  /** Takes up to {@code max} keys from the head Digits reply; the rest stay queued, undelayed. */
  synchronized String takeDigits(int max) {
    CalleeReply head = peek();
    if (!(head instanceof CalleeReply.Digits d)) {
      return "";
    }
    String keys = d.digits();
    String taken = keys.substring(0, Math.min(max, keys.length()));
    String rest = keys.substring(taken.length());
    if (queue.peekFirst() == head) {
      queue.pollFirst();
      if (!rest.isEmpty()) {
        queue.addFirst(new CalleeReply.Digits(rest, 0));
      }
    }
    return taken;
  }
}
