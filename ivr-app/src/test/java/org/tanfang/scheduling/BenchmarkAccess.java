package org.tanfang.scheduling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.plan.PlannedCall;

/** Lets the benchmark use planning's own bulk insert (package-private) without Spring. */
public final class BenchmarkAccess {
  private BenchmarkAccess() {}

  public static int insert(
      JdbcTemplate jdbc,
      VisitCycle cycle,
      List<PlannedCall> calls,
      Map<Long, Integer> priority,
      Instant now) {
    List<NewPhoneVisit> visits = new ArrayList<>(calls.size());
    for (PlannedCall call : calls) {
      visits.add(
          new NewPhoneVisit(
              call.elderId(),
              call.at(),
              priority.get(call.elderId()),
              "13908980000",
              0,
              "haikou-2023-354",
              "月度：空巢"));
    }
    return new VisitRows(jdbc)
        .insertPhoneVisits(
            new VisitRows.Batch("ROUTINE", cycle.firstDay(), cycle.lastDay(), null, null, now),
            visits);
  }
}
