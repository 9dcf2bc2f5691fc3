package org.tanfang.dialer;

/**
 * Published (Spring application event) once a call attempt is over and its row is {@code ENDED}:
 * for an unanswered call as soon as Asterisk reports the failure, for an answered call after the
 * channel hung up and the conversation finished writing. The scheduler listens to it for retries.
 *
 * @param attemptId the {@code call_attempt} row
 * @param visitId its visit
 * @param elderId the elder called
 * @param result how the number answered
 * @param hangupCause the Q.850 cause Asterisk reported (null if none arrived)
 * @param conversationOutcome {@code visit.outcome} at that moment (COMPLETED, PARTIAL, TRANSFERRED,
 *     NOT_CONFIRMED) or null when nothing was said
 * @param visitValid {@code visit.valid}: identity confirmed and health answered
 * @param pbx the PBX that carried it ({@code call_attempt.pbx}; null if it never reached one)
 * @param planned whether its visit is the scheduler's: not a staff or demo call, nor a case's
 *     family notification
 */
public record AttemptEnded(
    long attemptId,
    long visitId,
    long elderId,
    AttemptResult result,
    Integer hangupCause,
    String conversationOutcome,
    boolean visitValid,
    String pbx,
    boolean planned) {}
