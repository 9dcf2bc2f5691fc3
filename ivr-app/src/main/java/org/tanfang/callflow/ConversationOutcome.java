package org.tanfang.callflow;

/** How the conversation of an answered call ended: {@code visit.outcome}. */
public enum ConversationOutcome {
  /** Every question asked and the closing said. */
  COMPLETED,
  /** The line went dead mid-flow; the answers given so far are kept. */
  PARTIAL,
  /** The elder pressed 0 or 9: handed to the staff queue. */
  TRANSFERRED,
  /** Whoever answered did not confirm being the elder. */
  NOT_CONFIRMED
}
