package org.tanfang.reports;

import java.util.List;

/** Shares and percentiles as the reports show them. */
public final class Rates {
  private Rates() {}

  /** part / whole rounded to 0.1 % (0.934), 0 for an empty whole. */
  public static double share(int part, int whole) {
    return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
  }

  /**
   * The p-th percentile of sorted values with linear interpolation between the closest ranks (as
   * PostgreSQL's {@code percentile_cont}); null for no values.
   */
  public static Double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    double rank = p * (sorted.size() - 1);
    int low = (int) Math.floor(rank);
    int high = (int) Math.ceil(rank);
    return sorted.get(low) + (rank - low) * (sorted.get(high) - sorted.get(low));
  }
}
