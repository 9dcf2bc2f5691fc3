package org.tanfang.web;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.tanfang.reports.Bucket;
import org.tanfang.reports.MonthFigures;
import org.tanfang.reports.SupervisionChecks;

/**
 * The dashboard's numbers as the page shows them, by the id of the element showing each: what
 * {@code /dashboard/figures} sends and {@code dashboard.js} writes into the open page.
 */
@Component
class DashboardNumbers {
  private final MessageSource messages;

  DashboardNumbers(MessageSource messages) {
    this.messages = messages;
  }

  Map<String, String> of(MonthFigures f, Locale locale) {
    Map<String, String> n = new LinkedHashMap<>();
    n.put("rate", percent(f.rate(), locale));
    count(n, f, "n-inScope", "elders.inScope");
    count(n, f, "n-covered", "elders.covered");
    count(n, f, "n-uncovered", "elders.uncovered");
    count(n, f, "n-half1-covered", "half1.covered");
    count(n, f, "n-half1-inScope", "half1.inScope");
    n.put("half1-rate", percent(f.firstHalfRate(), locale));
    if (f.secondHalfStarted()) {
      count(n, f, "n-half2-covered", "half2.covered");
      count(n, f, "n-half2-inScope", "half2.inScope");
      n.put("half2-rate", percent(f.secondHalfRate(), locale));
    }
    count(n, f, "n-visits-PHONE", "visits.PHONE");
    count(n, f, "n-visits-HOME", "visits.HOME");
    count(n, f, "n-overdue", "cases.overdue");
    count(n, f, "n-escalated", "cases.escalated");
    count(n, f, "n-unclaimed", "distress.unclaimed");
    n.put("claim-median", minutes(f.distress().claimMedian(), locale));
    n.put("claim-p90", minutes(f.distress().claimP90(), locale));
    n.put("resolve-median", minutes(f.distress().resolveMedian(), locale));
    n.put("resolve-p90", minutes(f.distress().resolveP90(), locale));
    count(n, f, "n-calls", "calls.all");
    n.put("answered-share", percent(f.share("calls.ANSWERED", "calls.all"), locale));
    count(n, f, "n-unreachable", "elders.unreachable");
    count(n, f, "n-needs", "needs.all");
    count(n, f, "n-needs-followed", "needs.all.followed");
    List<String> checks = SupervisionChecks.CHECKS;
    for (String c : checks) {
      count(n, f, "n-check-" + c, "check." + c);
    }
    for (Map.Entry<String, Bucket> e : f.buckets().entrySet()) {
      for (String c : checks) {
        if (e.getKey().startsWith("check." + c + ".")) {
          n.put("n-" + e.getKey().replace('.', '-'), String.valueOf(e.getValue().count()));
        }
      }
    }
    return n;
  }

  private static void count(Map<String, String> n, MonthFigures f, String id, String key) {
    n.put(id, String.valueOf(f.count(key)));
  }

  /** As the page's {@code #numbers.formatDecimal(x * 100, 1, 1) + '%'}. */
  private static String percent(double share, Locale locale) {
    return decimal(share * 100, locale) + "%";
  }

  private String minutes(Double seconds, Locale locale) {
    return seconds == null
        ? "–"
        : messages.getMessage(
            "dashboard.minutes", new Object[] {decimal(seconds / 60, locale)}, locale);
  }

  private static String decimal(double value, Locale locale) {
    DecimalFormat format = new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(locale));
    format.setRoundingMode(RoundingMode.HALF_EVEN);
    return format.format(value);
  }
}
