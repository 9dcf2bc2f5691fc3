package org.tanfang.escalation;

/**
 * Published (Spring application event) after every committed change to a case: the desk's live
 * queue pushes it to browsers.
 *
 * @param elderId null for an unidentified caller's case
 * @param action the history action, e.g. OPENED, MERGED, CLAIMED, RESOLVED
 */
public record EscalationChanged(
    long escalationId,
    Long elderId,
    EscalationType type,
    EscalationState state,
    CaseAction action) {}
