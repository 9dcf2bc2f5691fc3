package org.tanfang.dialer;

/**
 * Published (Spring application event) when the PBX hung up the main channel of one of this node's
 * call attempts and {@code call_attempt.hung_up_at} is written: the channel is free for pacing now,
 * whatever the call's writes still to come. The node's pacing runs a pass at once instead of at its
 * next {@code pacing-interval}, so a trunk's channels are re-dialled at the speed they free up.
 */
public record ChannelFreed(long attemptId) {}
