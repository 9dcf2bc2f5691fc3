package org.tanfang.escalation;

/** How far up a case went because its deadline passed. */
public enum Level {
  /** The call-centre desk (or the elder's human visitor). */
  DESK,
  /** The street (镇街) supervisors. */
  STREET,
  /** The district (区) civil-affairs supervisors. */
  DISTRICT;

  Level up() {
    return this == DESK ? STREET : DISTRICT;
  }
}
