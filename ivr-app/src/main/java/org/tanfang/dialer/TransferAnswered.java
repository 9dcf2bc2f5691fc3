package org.tanfang.dialer;

/**
 * A call transferred to the staff queue was answered by a member (AMI AgentConnect for the call's
 * channel). Published on the AMI thread.
 *
 * @param memberName the queue member's name (queues.conf), e.g. {@code staff1}
 * @param memberInterface the member's Interface, e.g. {@code PJSIP/staff1}
 * @param holdSeconds how long the elder waited in the queue
 */
public record TransferAnswered(
    long attemptId,
    long visitId,
    long elderId,
    String queue,
    String memberName,
    String memberInterface,
    Long holdSeconds) {}
