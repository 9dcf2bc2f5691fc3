package org.tanfang.speech;

/** What an elder's answer means for the visit. */
public enum Intent {
  /** All right; nothing reported. */
  FINE,
  /** A health complaint that is not an emergency. */
  UNWELL,
  /** Distress: transfer to staff now. Any distress word in free speech gives HELP. */
  HELP,
  /** A non-urgent need to refer (see {@link NeedKind}). */
  NEEDS,
  /** Speech (or a key) was heard but not understood. */
  UNCLEAR,
  /** Nothing was said. */
  SILENT
}
