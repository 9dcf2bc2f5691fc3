package org.tanfang.escalation;

/** How a case ended; a person picks one to resolve it. */
public enum Outcome {
  /** Staff spoke to the elder on the phone: a phone visit, counts for the cycle. */
  REACHED_BY_PHONE(true, "PHONE"),
  /** The human visitor saw the elder at home: a home visit, counts for the cycle. */
  HOME_VISIT_DONE(true, "HOME"),
  /** Family confirmed the elder is safe; the elder was not reached. */
  FAMILY_CONFIRMED_SAFE(false, "PHONE"),
  /** Emergency services (120/110/119) were called. */
  EMERGENCY_SERVICES(false, "PHONE"),
  /** The elder is in hospital. */
  HOSPITALISED(false, "PHONE"),
  OTHER(false, "PHONE");

  private final boolean visitWithElder;
  private final String visitKind;

  Outcome(boolean visitWithElder, String visitKind) {
    this.visitWithElder = visitWithElder;
    this.visitKind = visitKind;
  }

  /** Whether a person spoke with the elder: the record is a valid visit with the six areas. */
  public boolean visitWithElder() {
    return visitWithElder;
  }

  String visitKind() {
    return visitKind;
  }
}
