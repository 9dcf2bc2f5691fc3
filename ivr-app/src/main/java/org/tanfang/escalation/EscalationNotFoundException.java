package org.tanfang.escalation;

/** No case with that id. */
public class EscalationNotFoundException extends RuntimeException {
  public EscalationNotFoundException(long id) {
    super("No escalation with id " + id);
  }
}
