package org.tanfang.dialer;

/**
 * A click-to-call is over.
 *
 * @param result ANSWERED (the elder answered), NO_ANSWER, BUSY, CONGESTION, INVALID_NUMBER (the
 *     elder's side), STAFF_NO_ANSWER (the staff phone was not picked up), CANCELLED (the staff
 *     member hung up before the elder answered) or FAILED
 * @param talkSeconds how long staff and elder were connected; null when they were not
 */
public record StaffCallEnded(
    long staffCallId,
    long escalationId,
    String username,
    String phone,
    String result,
    Long talkSeconds) {}
