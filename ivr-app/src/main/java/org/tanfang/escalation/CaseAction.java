package org.tanfang.escalation;

/**
 * What happened to a case: one row of its append-only history ({@code escalation_event.action}) and
 * the action of the {@link EscalationChanged} event. Labels: {@code desk.action.*}.
 */
public enum CaseAction {
  OPENED,
  MERGED,
  CLAIMED,
  NOTE,
  REASSIGNED,
  RESOLVED,
  ESCALATED,
  /** The live transfer was answered in the staff queue. */
  ANSWERED,
  /** Nobody in the staff queue answered: urgent call-back. */
  NO_ANSWER,
  /** app_queue's QUEUESTATUS for a transfer that was not answered. */
  QUEUE_TIMEOUT,
  QUEUE_FULL,
  QUEUE_JOINEMPTY,
  QUEUE_LEAVEEMPTY,
  /** Any other QUEUESTATUS (its value is the detail). */
  QUEUE_RESULT,
  /** The elder hung up while waiting in the staff queue. */
  ABANDONED,
  FAMILY_CALLING,
  FAMILY_CONFIRMED_SAFE,
  FAMILY_VISIT_REQUESTED,
  FAMILY_NO_ANSWER,
  FAMILY_NONE,
  /** Staff click-to-call placed. */
  CALL_BACK,
  CALL_BACK_RESULT;

  /** The action for app_queue's QUEUESTATUS value. */
  static CaseAction queue(String status) {
    for (CaseAction a : values()) {
      if (a.name().equals("QUEUE_" + status)) {
        return a;
      }
    }
    return QUEUE_RESULT;
  }
}
