package org.tanfang.dialer;

/**
 * Places call attempts through Asterisk. The scheduler's pacing job asks how many channels are free
 * and hands over that many {@code SCHEDULED} attempts; the outcome of each comes back later as an
 * {@link AttemptEnded} application event.
 */
public interface Dialer {

  /** Channels free now over all connected PBXs (0 while no PBX is connected). */
  int freeChannels();

  /**
   * This node's share of the free channels when {@code pacingNodes} nodes pace: on each connected
   * PBX, at most its channel limit ÷ the pacing nodes (rounded up) less this node's own calls
   * there, and never more than the PBX's free channels. 1 node: {@link #freeChannels()}.
   */
  int freeChannels(int pacingNodes);

  /**
   * Dials one {@code call_attempt} row in status {@code SCHEDULED}: marks it {@code DIALING}
   * (committed before anything is sent, so a restart never dials it twice) and sends an async
   * Originate. Never blocks on the call itself.
   */
  DialResult dial(long attemptId);

  /**
   * Dials a pacing pass's attempts (already claimed by the pacer, DIALING without a channel): one
   * count of busy channels and one claim for the whole pass, the Originates sent off the calling
   * thread, in parallel over PBXs. Returns at once; QUEUED attempts report their outcome later as
   * {@link AttemptEnded} (a send that fails too, as FAILED).
   */
  java.util.Map<Long, DialResult> dialAll(java.util.List<Long> attemptIds);

  /**
   * {@link #dialAll(java.util.List)} within this node's share ({@link #freeChannels(int)}), PBX by
   * PBX; attempts beyond it are NO_FREE_CHANNEL.
   */
  java.util.Map<Long, DialResult> dialAll(java.util.List<Long> attemptIds, int pacingNodes);
}
