package org.tanfang.callflow;

/** What an answer means: {@code visit_answer.intent}. */
public enum Intent {
  FINE,
  UNWELL,
  HELP,
  NEEDS,
  UNCLEAR,
  SILENT,
  YES,
  NO,
  /** A follow-up: better now (or, for family contact, in touch again). */
  BETTER,
  /** A follow-up: not better. */
  NOT_BETTER,
  /** A follow-up not asked: staff had resolved the need since, and the call said so. */
  ACKNOWLEDGED
}
