package org.tanfang.callflow;

/** Which part of the visit a question covers (POLICY.md's six areas, plus identity and contact). */
public enum Area {
  IDENTITY,
  HEALTH,
  LIVING,
  FAMILY,
  SAFETY,
  CARE_NEEDS,
  SPECIAL,
  CONTACT
}
