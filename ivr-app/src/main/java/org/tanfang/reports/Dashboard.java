package org.tanfang.reports;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

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
    buckets.put("elders.inScope", c.inScope());
    buckets.put("elders.covered", c.covered());
    buckets.put("elders.uncovered", c.uncoveredAll());
    buckets.put("half1.inScope", c.halfFirstInScope());
    buckets.put("half1.covered", c.halfFirstCovered());
    buckets.put("half2.inScope", c.halfSecondInScope());
    buckets.put("half2.covered", c.halfSecondCovered());
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
}
