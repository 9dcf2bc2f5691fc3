package org.tanfang.scheduler.dispatch;

/**
 * What the pacing job hands due call attempts to: the AMI dialer in production.
 *
 * <p>The pacing job first claims attempts in the database ({@code call_attempt.status} SCHEDULED →
 * DIALING, {@code claimed_by} set, committed), never more than {@link #freeChannels()}, and only
 * then hands the pass to {@link #dialAll(java.util.List)} (by default {@link #dial(long)} for
 * each). So an attempt is handed to exactly one dialer once, even with several application
 * instances, and a restart never dials it again.
 */
public interface CallDispatcher {

  /**
   * How many calls may be started now: free trunk channels summed over the PBXs this node dials
   * through (the dialer spreads calls over PBXs and keeps per-PBX limits). 0 or less: claim
   * nothing.
   */
  int freeChannels();

  /**
   * How many calls this node may start now when {@code pacingNodes} nodes pace (this one included):
   * its share of the free channels, so that every node dials its part at once and none takes the
   * others' because its pass came first. By default (a dialer alone, or one that does not divide):
   * {@link #freeChannels()}.
   */
  default int freeChannels(int pacingNodes) {
    return freeChannels();
  }

  /**
   * Places the call of one attempt whose row is already DIALING and claimed by this node. Must not
   * block for the call's duration; the dialer fills {@code result}, {@code ended_at} (and the call
   * flow the visit's outcome) and then reports through {@link AttemptOutcomes#attemptEnded(long)}.
   */
  void dial(long attemptId);

  /**
   * Places a pacing pass's calls (each row DIALING and claimed by this node). Must return without
   * waiting for the Originates to be sent; an attempt it cannot place goes back to SCHEDULED or is
   * ended, as {@link #dial(long)} does. By default, {@link #dial(long)} for each in turn.
   */
  default void dialAll(java.util.List<Long> attemptIds) {
    attemptIds.forEach(this::dial);
  }

  /**
   * {@link #dialAll(java.util.List)} within this node's share when {@code pacingNodes} nodes pace
   * (see {@link #freeChannels(int)}): an attempt beyond it goes back to SCHEDULED. By default the
   * share is not kept.
   */
  default void dialAll(java.util.List<Long> attemptIds, int pacingNodes) {
    dialAll(attemptIds);
  }
}
