package org.tanfang.scheduling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.plan.PlannedCall;
import org.tanfang.visits.NewVisit;
import org.tanfang.visits.VisitPlans;

/** Lets the benchmark use planning's own bulk insert (package-private) without Spring. */
public final class BenchmarkAccess {
  private BenchmarkAccess() {}

  public static int insert(
      JdbcTemplate jdbc,
      VisitCycle cycle,
      List<PlannedCall> calls,
      Map<Long, Integer> priority,
      Instant now) {
    List<NewVisit> visits = new ArrayList<>(calls.size());
    for (PlannedCall call : calls) {
      visits.add(
          new NewVisit(
              call.elderId(),
              call.at(),
              priority.get(call.elderId()),
              "13908980000",
              0,
              "haikou-2023-354",
              "月度：空巢"));
    }
    return new VisitPlans(jdbc)
        .insertPhoneVisits(
            new VisitPlans.Batch("ROUTINE", cycle.firstDay(), cycle.lastDay(), null, null, now),
            visits);
  }
}
