package org.tanfang.speech;

/** The kind of a need heard in an answer, after the policy's care areas. */
public enum NeedKind {
  FOOD,
  MEDICINE,
  MONEY,
  REPAIRS,
  COMPANY,
  /** Daily care or nursing. */
  CARE,
  OTHER
}
