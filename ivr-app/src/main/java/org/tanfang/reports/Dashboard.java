package org.tanfang.reports;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.tanfang.reports.Bucket.Subject;

/** The supervisors' figures for a month and an area (README "Dashboard"). */
@Service
public class Dashboard {

  private final CoverageFigures coverage;
  private final ActivityFigures activity;
  private final SupervisionChecks checks;

  Dashboard(CoverageFigures coverage, ActivityFigures activity, SupervisionChecks checks) {
    this.coverage = coverage;
    this.activity = activity;
    this.checks = checks;
  }

  public MonthFigures month(YearMonth month, Area area) {
    CoverageFigures.Result c = coverage.month(month, area);
    ActivityFigures.Result a = activity.month(month, area);
    Map<String, Bucket> buckets = new LinkedHashMap<>();
    buckets.put("elders.inScope", elders(c.inScope()));
    buckets.put("elders.covered", elders(c.covered()));
    buckets.put(
        "elders.uncovered",
        elders(c.uncovered().stream().map(CoverageFigures.Uncovered::elderId).toList()));
    buckets.put("half1.inScope", elders(c.halfFirstInScope()));
    buckets.put("half1.covered", elders(c.halfFirstCovered()));
    buckets.put("half2.inScope", elders(c.halfSecondInScope()));
    buckets.put("half2.covered", elders(c.halfSecondCovered()));
    buckets.putAll(a.buckets());
    checks.month(month, area).forEach((key, bucket) -> buckets.put("check." + key, bucket));
    return new MonthFigures(
        month,
        area,
        buckets,
        c.secondHalfStarted(),
        c.parts(),
        c.trend(),
        c.uncovered(),
        a.distress());
  }

  private static Bucket elders(List<Long> ids) {
    return new Bucket(Subject.ELDER, ids);
  }
}
