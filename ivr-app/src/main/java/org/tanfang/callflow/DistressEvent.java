package org.tanfang.callflow;

import java.time.Instant;

/**
 * Published (Spring application event) when an elder asks for help during a call (key 9 or 0, or
 * distress understood in speech), after the answer row is written and before the transfer. The
 * escalation feature turns it into an urgent case.
 *
 * @param attemptId the call attempt, null for an inbound call
 * @param key the key pressed, null for speech
 */
public record DistressEvent(
    long visitId, long elderId, Long attemptId, String questionId, String key, Instant at) {}
