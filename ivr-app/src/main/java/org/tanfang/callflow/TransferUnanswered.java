package org.tanfang.callflow;

/**
 * Nobody in the staff queue answered a transferred call in time: the elder has just been told that
 * staff will call back. Published synchronously by the {@code transfer-unanswered} script.
 *
 * @param attemptId the call's attempt (null for an elder who called in)
 * @param visitId the call's visit (null for an elder who called in)
 * @param elderId the elder (null for a call in)
 * @param queueStatus Asterisk's QUEUESTATUS: TIMEOUT, JOINEMPTY, LEAVEEMPTY, FULL ...
 */
public record TransferUnanswered(Long attemptId, Long visitId, Long elderId, String queueStatus) {}
