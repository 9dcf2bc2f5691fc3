package org.tanfang.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tanfang.reports.Area;
import org.tanfang.reports.Bucket;
import org.tanfang.reports.CoverageFigures;
import org.tanfang.reports.Dashboard;
import org.tanfang.reports.FigureLists;
import org.tanfang.reports.MonthFigures;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Callers;
import org.tanfang.shared.InvalidInputException;
import tools.jackson.databind.ObjectMapper;

/**
 * The supervisors' dashboard (their landing page): a month and an area in the URL, charts drawn by
 * ECharts from {@link DashboardCharts}, every number a link to its list ({@code /dashboard/list}).
 */
@Controller
class DashboardPage {
  private final Dashboard dashboard;
  private final FigureLists lists;
  private final DashboardCharts charts;
  private final MessageSource messages;
  private final AuditLog audit;
  private final Clock clock;
  private final Callers callers;
  private final ObjectMapper json;
  private final DashboardNumbers numbers;
  private final DashboardEvents events;
  private final CoverageFigures coverage;

  DashboardPage(
      Dashboard dashboard,
      FigureLists lists,
      DashboardCharts charts,
      MessageSource messages,
      AuditLog audit,
      Callers callers,
      ObjectMapper json,
      DashboardNumbers numbers,
      DashboardEvents events,
      CoverageFigures coverage,
      Clock clock) {
    this.coverage = coverage;
    this.json = json;
    this.numbers = numbers;
    this.events = events;
    this.callers = callers;
    this.dashboard = dashboard;
    this.lists = lists;
    this.charts = charts;
    this.messages = messages;
    this.audit = audit;
    this.clock = clock;
  }

  public record Crumb(String name, String url) {}

  @GetMapping("/dashboard")
  String page(
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String grid,
      Locale locale,
      Model model,
      HttpServletResponse response,
      Authentication auth) {
    YearMonth thisMonth = YearMonth.from(LocalDate.ofInstant(clock.instant(), clock.getZone()));
    try {
      YearMonth m = month(month, thisMonth);
      Area area = Scopes.area(callers.of(auth).scope(), district, street, community, grid);
      MonthFigures figures = dashboard.month(m, area);
      DashboardLinks links = new DashboardLinks(m, area);
      model.addAttribute("f", figures);
      model.addAttribute("uncovered", figures.uncovered());
      model.addAttribute("uncoveredCount", figures.count("elders.uncovered"));
      model.addAttribute("links", links);
      model.addAttribute("crumbs", crumbs(area, links, locale));
      model.addAttribute("live", m.equals(thisMonth));
      Map<String, Object> chartData = charts.of(figures, links, locale);
      model.addAttribute("charts", chartData);
      model.addAttribute("chartsJson", json.writeValueAsString(chartData));
      model.addAttribute("previousMonth", links.month(m.minusMonths(1)));
      if (m.isBefore(thisMonth)) {
        String report = "/dashboard/report.xlsx?month=" + m;
        model.addAttribute(
            "reportUrl",
            area.district() == null
                ? report
                : org.springframework.web.util.UriComponentsBuilder.fromUriString(report)
                    .queryParam("district", area.district())
                    .encode()
                    .toUriString());
        model.addAttribute("reportCityUrl", area.district() == null ? null : report);
      }
      model.addAttribute("nextMonth", m.isBefore(thisMonth) ? links.month(m.plusMonths(1)) : null);
    } catch (DateTimeParseException | InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("error", messages.getMessage("dashboard.badRequest", null, locale));
    }
    model.addAttribute("monthParam", month == null ? thisMonth.toString() : month);
    return "dashboard";
  }

  /**
   * The figures of the dashboard (same month, area and scope as {@code /dashboard}) as JSON, for
   * the open page to refresh itself: the chart data and the numbers by element id.
   */
  @GetMapping(path = "/dashboard/figures", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> figures(
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String grid,
      Locale locale,
      Authentication auth) {
    YearMonth thisMonth = YearMonth.from(LocalDate.ofInstant(clock.instant(), clock.getZone()));
    try {
      YearMonth m = month(month, thisMonth);
      Area area = Scopes.area(callers.of(auth).scope(), district, street, community, grid);
      MonthFigures figures = dashboard.month(m, area);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("month", m.toString());
      body.put("charts", charts.of(figures, new DashboardLinks(m, area), locale));
      body.put("numbers", numbers.of(figures, locale));
      return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
    } catch (DateTimeParseException | InvalidInputException e) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", messages.getMessage("dashboard.badRequest", null, locale)));
    }
  }

  /**
   * The table of uncovered elders (same month, area and scope as {@code /dashboard}), the page's
   * fragment, for the open page to redraw it on a change; a bad month or area → 400, empty.
   */
  @GetMapping("/dashboard/uncovered")
  String uncovered(
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String grid,
      Model model,
      HttpServletResponse response,
      Authentication auth) {
    YearMonth thisMonth = YearMonth.from(LocalDate.ofInstant(clock.instant(), clock.getZone()));
    model.addAttribute("uncovered", List.of());
    model.addAttribute("uncoveredCount", 0);
    try {
      YearMonth m = month(month, thisMonth);
      Area area = Scopes.area(callers.of(auth).scope(), district, street, community, grid);
      CoverageFigures.Result c = coverage.month(m, area);
      model.addAttribute("uncovered", c.uncovered());
      model.addAttribute("uncoveredCount", c.uncoveredAll().count());
      model.addAttribute("links", new DashboardLinks(m, area));
    } catch (DateTimeParseException | InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("links", new DashboardLinks(thisMonth, Area.CITY));
    }
    response.setHeader("Cache-Control", "no-store");
    return "dashboard :: uncovered";
  }

  /**
   * A {@code changed} event whenever a visit or case inside the caller's scope and the area changes
   * (at most one per {@code tanfang.reports.live-debounce}); no figures in it.
   */
  @GetMapping(path = "/dashboard/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  ResponseEntity<SseEmitter> events(
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String grid,
      Authentication auth) {
    try {
      var scope = callers.of(auth).scope();
      Area area = Scopes.area(scope, district, street, community, grid);
      return ResponseEntity.ok(events.subscribe(scope, area));
    } catch (InvalidInputException e) {
      return ResponseEntity.badRequest().build();
    }
  }

  @GetMapping("/dashboard/list")
  String list(
      @RequestParam String key,
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String grid,
      Locale locale,
      Model model,
      HttpServletResponse response,
      Authentication auth) {
    YearMonth thisMonth = YearMonth.from(LocalDate.ofInstant(clock.instant(), clock.getZone()));
    try {
      YearMonth m = month(month, thisMonth);
      Area area = Scopes.area(callers.of(auth).scope(), district, street, community, grid);
      MonthFigures figures = dashboard.month(m, area);
      Bucket bucket = figures.buckets().get(key);
      if (bucket == null) {
        throw new InvalidInputException("key", List.of());
      }
      audit.record(
          "LIST",
          bucket.subject().name().toLowerCase(Locale.ROOT),
          null,
          "dashboard " + key + " " + m + " " + area);
      DashboardLinks links = new DashboardLinks(m, area);
      model.addAttribute("key", key);
      model.addAttribute("bucket", bucket);
      model.addAttribute("rows", lists.rows(bucket));
      model.addAttribute("limit", FigureLists.LIMIT);
      model.addAttribute("month", m);
      model.addAttribute("back", links.dashboard(area));
      model.addAttribute("crumbs", crumbs(area, links, locale));
      model.addAttribute("zone", clock.getZone());
    } catch (DateTimeParseException | InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("error", messages.getMessage("dashboard.badRequest", null, locale));
    }
    return "dashboard-list";
  }

  private static YearMonth month(String month, YearMonth thisMonth) {
    return month == null || month.isBlank() ? thisMonth : YearMonth.parse(month.strip());
  }

  private List<Crumb> crumbs(Area area, DashboardLinks links, Locale locale) {
    List<Crumb> crumbs = new ArrayList<>();
    crumbs.add(
        new Crumb(messages.getMessage("coverage.city", null, locale), links.dashboard(Area.CITY)));
    String[] names = {area.district(), area.street(), area.community(), area.grid()};
    Area at = Area.CITY;
    for (String name : names) {
      if (name == null) {
        break;
      }
      at = at.child(name);
      String shown = name.isEmpty() ? messages.getMessage("coverage.noGrid", null, locale) : name;
      crumbs.add(new Crumb(shown, links.dashboard(at)));
    }
    return crumbs;
  }
}
