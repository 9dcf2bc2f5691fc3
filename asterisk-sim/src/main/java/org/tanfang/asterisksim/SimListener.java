package org.tanfang.asterisksim;

/** Hooks for tests and dev tooling; called on sim threads, so keep them quick. */
public interface SimListener {

  default void callStarted(CallRecord call) {}

  default void callAnswered(CallRecord call) {}

  default void agiCommand(CallRecord call, CallRecord.AgiExchange exchange) {}

  default void callEnded(CallRecord call) {}

  /**
   * The script's next command arrived {@code nanos} after the last line Asterisk sent it (the AGI
   * environment, or the reply to its previous command): the silence the script adds to the call, as
   * the PBX sees it (load benchmark). Called on the session's thread before the command runs.
   */
  default void agiGap(CallRecord call, String command, long nanos) {}

  /** The staff queue is about to ring {@code member} for this caller (before AgentCalled). */
  default void agentCalled(CallRecord call, String member) {}
}
