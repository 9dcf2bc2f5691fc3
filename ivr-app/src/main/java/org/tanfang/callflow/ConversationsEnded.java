package org.tanfang.callflow;

import java.util.List;

/**
 * The check-in conversations whose outcome one batch of the hand-off's writes put in, published
 * once after that batch (Spring application event), so a listener reads what it needs of them in
 * one query instead of one per call: each call's listeners ran on the hand-off's writer thread, 3–4
 * round trips per call, and the writer fell behind the calls (load benchmark). Each {@link
 * ConversationEnded} is published this way, never alone, after the batch's other events, so a
 * visit's distress and listen cases still come before its end.
 */
public record ConversationsEnded(List<ConversationEnded> ended) {
  public ConversationsEnded {
    ended = List.copyOf(ended);
  }
}
