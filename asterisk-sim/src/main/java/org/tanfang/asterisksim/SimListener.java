package org.tanfang.asterisksim;

/** Hooks for tests and dev tooling; called on sim threads, so keep them quick. */
public interface SimListener {

  default void callStarted(CallRecord call) {}

  default void callAnswered(CallRecord call) {}

  default void agiCommand(CallRecord call, CallRecord.AgiExchange exchange) {}

  default void callEnded(CallRecord call) {}

  /** The staff queue is about to ring {@code member} for this caller (before AgentCalled). */
  default void agentCalled(CallRecord call, String member) {}
}
