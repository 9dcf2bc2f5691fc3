package org.tanfang.scheduling;

/**
 * The carrier said the elder's line is suspended (停机): besides the number's correction, a person
 * follows up, because a line cut off for an unpaid bill can mean money trouble (the policy's 生活保障,
 * living support). The escalation feature opens a FOLLOW_UP case tagged LIVING.
 *
 * @param phoneIndex which of the elder's numbers (0 the primary)
 */
public record PhoneSuspended(long elderId, long visitId, long attemptId, int phoneIndex) {}
