package org.tanfang.dialer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Conversations running on this node, so an answered attempt is reported ended only after its
 * conversation wrote what it learned: the AMI Hangup event often arrives while the call flow is
 * still writing the outcome of a call the elder just hung up.
 */
@Component
public class LiveConversations {
  private final Map<Long, List<Runnable>> live = new HashMap<>();
  private volatile boolean wrappingUp;

  /** The call flow took over the answered call of this attempt. */
  public synchronized void started(long attemptId) {
    live.putIfAbsent(attemptId, new ArrayList<>());
  }

  /** The call flow is done with it (outcome written). */
  public void finished(long attemptId) {
    List<Runnable> then;
    synchronized (this) {
      then = live.remove(attemptId);
    }
    if (then != null) {
      then.forEach(Runnable::run);
    }
  }

  /** Whether the attempt's conversation runs here, or its writes are still being handed over. */
  synchronized boolean live(long attemptId) {
    return live.containsKey(attemptId);
  }

  /** How many conversations are running on this node now. */
  public synchronized int count() {
    return live.size();
  }

  /**
   * A graceful stop ran out of patience ({@code tanfang.telephony.drain-timeout}): conversations
   * say goodbye at their next question instead of asking it, and write their outcome.
   */
  void wrapUp() {
    wrappingUp = true;
  }

  /** Started again after a stop: conversations run their whole script. */
  void resume() {
    wrappingUp = false;
  }

  /** Whether conversations should end at their next question (the node is stopping). */
  public boolean wrappingUp() {
    return wrappingUp;
  }

  /** Runs {@code action} once the conversation finishes; false (not run) if none is live. */
  synchronized boolean runWhenFinished(long attemptId, Runnable action) {
    List<Runnable> waiting = live.get(attemptId);
    if (waiting == null) {
      return false;
    }
    waiting.add(action);
    return true;
  }
}
