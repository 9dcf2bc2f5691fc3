package org.tanfang.shared;

import org.springframework.stereotype.Component;

/**
 * Whether this node's last writes reached the database, as the conversations' hand-off found out
 * (README, issue 13 "Conversations never wait on the database"). The pacer dials nothing while it
 * is down: no call without its attempt row, and no pacing pass waiting for a pool connection.
 */
@Component
public class DatabaseState {
  private volatile boolean reachable = true;

  public boolean reachable() {
    return reachable;
  }

  /** Set by the hand-off's writer on each write (or failure). */
  public void reachable(boolean now) {
    reachable = now;
  }
}
