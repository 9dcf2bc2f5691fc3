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
  NO
}
