package org.tanfang.callflow;

/**
 * Which part of the visit a question covers (POLICY.md's six areas, plus identity, contact and the
 * follow-up of what the previous visit found).
 */
public enum Area {
  IDENTITY,
  HEALTH,
  LIVING,
  FAMILY,
  SAFETY,
  CARE_NEEDS,
  SPECIAL,
  CONTACT,
  FOLLOW_UP
}
