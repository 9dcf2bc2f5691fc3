package org.tanfang.dialer;

import java.util.Set;

/**
 * Calls a feature outside the dialer keeps per node, which the start-up reconcile ({@link
 * StartupReconciler}) ends for nodes that are gone, after it ended their attempts: the calls into
 * the line ({@code inbound_call}), identified or not.
 */
public interface NodeCalls {
  /** The nodes with calls still open. */
  Set<String> nodesWithOpenCalls();

  /** Ends the open calls of {@code node}, which is gone; returns how many. */
  int endLeftBy(String node);
}
