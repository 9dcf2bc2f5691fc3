package org.tanfang.callflow;

import java.time.Instant;

/**
 * A check-in conversation ended, however it ended, and its answers and outcome are written. The
 * hand-off publishes these together per batch of its writes ({@link ConversationsEnded}); a
 * listener takes both, one alone too. The escalation feature reads the answers for worrying ones.
 *
 * @param outcome COMPLETED, PARTIAL (hung up or broke off), TRANSFERRED or NOT_CONFIRMED
 */
public record ConversationEnded(
    long visitId, long elderId, Long attemptId, String outcome, Instant at) {}
