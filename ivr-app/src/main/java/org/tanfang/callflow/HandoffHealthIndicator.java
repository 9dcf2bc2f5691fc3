package org.tanfang.callflow;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code handoff} health: whether the conversations' writes reach the database, how many wait
 * in the queue and in the journal. DOWN while the database is unreachable (calls go on, answers are
 * journalled, nothing new is dialled: the pacer's claim needs the database).
 */
@Component("handoff")
class HandoffHealthIndicator extends AbstractHealthIndicator {
  private final Handoff handoff;

  HandoffHealthIndicator(Handoff handoff) {
    this.handoff = handoff;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean reachable = handoff.databaseReachable();
    (reachable ? builder.up() : builder.down())
        .withDetail("databaseReachable", reachable)
        .withDetail("backlog", handoff.queued())
        .withDetail("journal", handoff.journalled())
        .withDetail("journalFile", handoff.journalFile().toString());
    if (!reachable) {
      builder.withDetail(
          "reason",
          "database unreachable: answers are journalled and replayed when it returns; no calls"
              + " are dialled meanwhile ("
              + handoff.lastFailure()
              + ")");
    }
  }
}
