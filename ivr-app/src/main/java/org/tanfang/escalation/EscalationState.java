package org.tanfang.escalation;

/** Where a case stands. Everything but RESOLVED is open and shows in the queue. */
public enum EscalationState {
  OPEN,
  CLAIMED,
  /** Handed to a named person who has not claimed it yet. */
  REASSIGNED,
  /** Its deadline passed: now with the street's, then the district's supervisors. */
  ESCALATED,
  RESOLVED;

  public boolean open() {
    return this != RESOLVED;
  }
}
