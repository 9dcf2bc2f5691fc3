package org.tanfang.dialer;

/**
 * Published synchronously just before the Originate of an attempt is sent (its row is already
 * DIALING). Dev mode's simulator uses it to give the number a scripted callee.
 */
public record AttemptDialing(long attemptId, long visitId, String phone, String pbx) {}
