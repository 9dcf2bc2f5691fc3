package org.tanfang.outcomes;

/** {@code visit.kind}: a robocall or a visit by a person. */
public enum VisitKind {
  PHONE,
  HOME
}
