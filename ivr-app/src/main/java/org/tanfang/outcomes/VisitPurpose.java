package org.tanfang.outcomes;

/** {@code visit.purpose}: why the contact happened. */
public enum VisitPurpose {
  ROUTINE,
  WEATHER_ALERT,
  FESTIVAL,
  CALLBACK,
  TEST
}
