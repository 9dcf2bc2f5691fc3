package org.tanfang.dialer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code storm} health: which PBX is degraded (storm mode), since when, calls held back. UP
 * with the details: a storm is the network's trouble, handled by Tanfang, not this node being down.
 */
@Component("storm")
class StormHealthIndicator extends AbstractHealthIndicator {
  private final Storms storms;

  StormHealthIndicator(Storms storms) {
    this.storms = storms;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    var open = storms.open();
    builder.up().withDetail("degraded", !open.isEmpty());
    for (Storms.Storm s : open) {
      builder.withDetail(
          s.pbx(),
          java.util.Map.of(
              "stormId", s.id(),
              "since", s.startedAt().toString(),
              "reason", s.reason(),
              "cause", s.cause().name(),
              "heldBack", s.heldBack()));
    }
  }
}
