package org.tanfang.scheduler.plan;

import java.util.List;
import org.tanfang.scheduler.cycle.VisitCycle;

/**
 * The planned first calls of a cycle, earliest first, and the elders that could not be placed
 * because none of their call-window time is left in the cycle (they need a person instead).
 */
public record VisitPlan(VisitCycle cycle, List<PlannedCall> calls, List<Long> unplanned) {

  public VisitPlan {
    calls = List.copyOf(calls);
    unplanned = List.copyOf(unplanned);
  }
}
