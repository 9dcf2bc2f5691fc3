package org.tanfang.dialer;

/**
 * The elder hung up while waiting in the staff queue (AMI QueueCallerAbandon for the call's
 * channel). Published on the AMI thread.
 */
public record TransferAbandoned(
    long attemptId, long visitId, long elderId, String queue, Integer holdSeconds) {}
