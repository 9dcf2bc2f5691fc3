package org.tanfang.callflow;

import java.time.Instant;

/**
 * Published (Spring application event, synchronously on the call's thread) when an elder's
 * emergency contact pressed a valid key on a family notification call, after the answer is written.
 * The escalation feature records it on the case.
 *
 * @param phone the contact's number as dialled ({@code call_attempt.phone})
 * @param key {@code 1}: the elder is safe; {@code 2}: the family asks for a visit
 */
public record ContactAnswered(
    long visitId, long attemptId, long elderId, String phone, String key, Instant at) {

  public boolean confirmedSafe() {
    return FamilyScript.SAFE.equals(key);
  }
}
