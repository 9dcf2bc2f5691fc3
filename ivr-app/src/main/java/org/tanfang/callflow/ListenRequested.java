package org.tanfang.callflow;

import java.time.Instant;

/**
 * A spoken reply the machine did not understand with confidence: a person should listen to its
 * recording (published by the call flow on the call's thread; the escalation feature opens the
 * case).
 *
 * @param urgent distress-like words below HELP: a person listens soon
 * @param transcript what the recogniser heard, or null
 */
public record ListenRequested(
    long visitId,
    long elderId,
    Long attemptId,
    String questionId,
    boolean urgent,
    String transcript,
    Instant at) {}
