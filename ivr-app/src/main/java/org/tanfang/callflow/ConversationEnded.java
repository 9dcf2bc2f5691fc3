package org.tanfang.callflow;

import java.time.Instant;

/**
 * Published (Spring application event) when a check-in conversation ends, however it ended, after
 * its answers and outcome are written. The escalation feature reads the answers for worrying ones.
 *
 * @param outcome COMPLETED, PARTIAL (hung up or broke off), TRANSFERRED or NOT_CONFIRMED
 */
public record ConversationEnded(
    long visitId, long elderId, Long attemptId, String outcome, Instant at) {}
