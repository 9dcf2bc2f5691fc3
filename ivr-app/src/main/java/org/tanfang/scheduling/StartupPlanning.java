package org.tanfang.scheduling;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Plans the current cycles when the application starts (after the demo population is seeded), so a
 * new deployment or a node that was down at 00:05 does not wait a day. Idempotent: several nodes
 * starting together plan each elder once.
 */
@Component
@Order(20)
@ConditionalOnProperty(
    name = "tanfang.scheduler.plan-on-startup",
    havingValue = "true",
    matchIfMissing = true)
class StartupPlanning implements ApplicationRunner {
  private final CyclePlanning planning;
  private final SchedulerProperties props;

  StartupPlanning(CyclePlanning planning, SchedulerProperties props) {
    this.planning = planning;
    this.props = props;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (props.enabled()) {
      planning.planCurrentCycles();
    }
  }
}
