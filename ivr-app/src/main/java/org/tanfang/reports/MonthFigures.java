package org.tanfang.reports;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.tanfang.reports.ActivityFigures.ResponseTimes;
import org.tanfang.reports.CoverageFigures.MonthRate;
import org.tanfang.reports.CoverageFigures.Part;
import org.tanfang.reports.CoverageFigures.Uncovered;

/**
 * Everything the dashboard shows for one month and area. Each count is a {@link Bucket} under a key
 * (README "Dashboard" defines each one), so every number can open the list behind it.
 */
public record MonthFigures(
    YearMonth month,
    Area area,
    Map<String, Bucket> buckets,
    boolean secondHalfStarted,
    List<Part> parts,
    List<MonthRate> trend,
    List<Uncovered> uncovered,
    ResponseTimes distress) {

  public int count(String key) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      throw new IllegalArgumentException("no figure " + key);
    }
    return bucket.count();
  }

  /** part / whole of two figures, rounded to 0.1 %. */
  public double share(String part, String whole) {
    return Rates.share(count(part), count(whole));
  }

  /** The monthly visit rate: covered / in scope. */
  public double rate() {
    return share("elders.covered", "elders.inScope");
  }

  public double firstHalfRate() {
    return share("half1.covered", "half1.inScope");
  }

  public double secondHalfRate() {
    return share("half2.covered", "half2.inScope");
  }
}
