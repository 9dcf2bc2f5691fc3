package org.tanfang.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.tanfang.reports.ActivityFigures;
import org.tanfang.reports.Area;
import org.tanfang.reports.CoverageFigures.MonthRate;
import org.tanfang.reports.CoverageFigures.Part;
import org.tanfang.reports.MonthFigures;

/**
 * The dashboard's chart data, labelled in the reader's language: what {@code dashboard.js} turns
 * into ECharts options. Each series point carries the link its click opens.
 */
@Component
class DashboardCharts {
  static final List<String> CASE_TYPES = ActivityFigures.CASE_TYPES;
  static final List<String> CALL_RESULTS = ActivityFigures.CALL_RESULTS;
  static final List<String> NEED_KINDS = ActivityFigures.NEED_KINDS;

  private final MessageSource messages;

  DashboardCharts(MessageSource messages) {
    this.messages = messages;
  }

  Map<String, Object> of(MonthFigures f, DashboardLinks links, Locale locale) {
    Map<String, Object> charts = new LinkedHashMap<>();
    charts.put("labels", labels(locale));
    charts.put("parts", parts(f, links, locale));
    charts.put("half", half(f, links, locale));
    charts.put(
        "kinds", pie(f, links, locale, List.of("PHONE", "HOME"), "visits.", "dashboard.kind."));
    charts.put("trend", trend(f));
    charts.put("cases", bars(f, links, locale, CASE_TYPES, "cases.", "escalation.type."));
    charts.put("calls", pie(f, links, locale, CALL_RESULTS, "calls.", "dashboard.call."));
    charts.put("needs", needs(f, links, locale));
    return charts;
  }

  private Map<String, Object> labels(Locale locale) {
    Map<String, Object> labels = new LinkedHashMap<>();
    for (String key : List.of("rate", "target", "heard", "followed", "cases")) {
      labels.put(key, msg("dashboard.chart." + key, locale));
    }
    return labels;
  }

  private Map<String, Object> parts(MonthFigures f, DashboardLinks links, Locale locale) {
    List<String> names = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    List<Integer> inScope = new ArrayList<>();
    List<String> drill = new ArrayList<>();
    boolean canDrill = f.area().level() != Area.Level.GRID;
    for (Part p : f.parts()) {
      names.add(p.name().isEmpty() ? msg("coverage.noGrid", locale) : p.name());
      rates.add(percent(p.rate()));
      inScope.add(p.inScope());
      drill.add(canDrill ? links.drill(p.name()) : null);
    }
    return Map.of(
        "names",
        names,
        "rates",
        rates,
        "inScope",
        inScope,
        "links",
        drill,
        "level",
        msg("dashboard.level." + f.area().childLevel().name(), locale));
  }

  private Map<String, Object> half(MonthFigures f, DashboardLinks links, Locale locale) {
    return Map.of(
        "names", List.of(msg("dashboard.half1", locale), msg("dashboard.half2", locale)),
        "rates", List.of(percent(f.firstHalfRate()), percent(f.secondHalfRate())),
        "links", List.of(links.list("half1.covered"), links.list("half2.covered")));
  }

  private Map<String, Object> trend(MonthFigures f) {
    List<String> months = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    for (MonthRate m : f.trend()) {
      months.add(m.month());
      rates.add(m.inScope() == 0 ? null : percent(m.rate()));
    }
    Map<String, Object> trend = new LinkedHashMap<>();
    trend.put("months", months);
    trend.put("rates", rates);
    return trend;
  }

  private List<Map<String, Object>> pie(
      MonthFigures f,
      DashboardLinks links,
      Locale locale,
      List<String> codes,
      String prefix,
      String labelPrefix) {
    List<Map<String, Object>> data = new ArrayList<>();
    for (String code : codes) {
      data.add(
          Map.of(
              "name", msg(labelPrefix + code, locale),
              "value", f.count(prefix + code),
              "link", links.list(prefix + code)));
    }
    return data;
  }

  private Map<String, Object> bars(
      MonthFigures f,
      DashboardLinks links,
      Locale locale,
      List<String> codes,
      String prefix,
      String labelPrefix) {
    List<String> names = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (String code : codes) {
      names.add(msg(labelPrefix + code, locale));
      counts.add(f.count(prefix + code));
      urls.add(links.list(prefix + code));
    }
    return Map.of("names", names, "counts", counts, "links", urls);
  }

  private Map<String, Object> needs(MonthFigures f, DashboardLinks links, Locale locale) {
    List<String> names = new ArrayList<>();
    List<Integer> heard = new ArrayList<>();
    List<Integer> followed = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (String kind : NEED_KINDS) {
      names.add(msg("need." + kind, locale));
      heard.add(f.count("needs." + kind));
      followed.add(f.count("needs." + kind + ".followed"));
      urls.add(links.list("needs." + kind));
    }
    return Map.of("names", names, "heard", heard, "followed", followed, "links", urls);
  }

  private static double percent(double share) {
    return Math.round(share * 1000) / 10.0;
  }

  private String msg(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }
}
