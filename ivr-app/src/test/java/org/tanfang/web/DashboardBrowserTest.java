package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.demo.DemoPopulation;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.reports.Area;
import org.tanfang.reports.Dashboard;
import org.tanfang.reports.MonthFigures;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.Browser;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/**
 * The dashboard in headless Chromium on a demo population: the charts carry the figures the reports
 * compute, clicking bars drills from the city down to a grid, and numbers open their lists.
 */
@TanfangTest
class DashboardBrowserTest {
  static final YearMonth MARCH = YearMonth.of(2026, 3);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired ElderService elders;
  @Autowired Dashboard dashboard;
  @Autowired MutableClock clock;
  WebDriver driver;

  @BeforeEach
  void setUp() {
    clock.setLocal("2026-03-20T10:00:00");
    Rows.clean(jdbc);
    Rows rows = new Rows(jdbc);
    if (!accounts.exists("dash-supervisor")) {
      accounts.create("dash-supervisor", "dash-supervisor-pw", Role.SUPERVISOR, "看板督导");
    }
    List<Elder> demo = new ArrayList<>();
    DemoPopulation.generate(60, LocalDate.of(2026, 3, 20)).forEach(f -> demo.add(elders.create(f)));
    for (int i = 0; i < demo.size(); i++) {
      if (i % 4 != 3) {
        rows.visit(demo.get(i).id())
            .kind(i % 5 == 0 ? "HOME" : "PHONE")
            .valid(true)
            .status("DONE")
            .endedAt(local("2026-03-20T09:00:00"))
            .save();
      }
    }
    for (int i = 0; i < 3; i++) {
      rows.caseWithoutHistory(demo.get(i).id(), "DISTRESS")
          .openedAt(local("2026-03-18T10:00:00"), Duration.ofMinutes(15))
          .claimedAt(local("2026-03-18T10:02:00"))
          .save();
    }
    driver = Browser.start();
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  static java.time.Instant local(String at) {
    return LocalDateTime.parse(at).atZone(MutableClock.SHANGHAI).toInstant();
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  @SuppressWarnings("unchecked")
  private List<Object> seriesData(String chart, int series) {
    return (List<Object>)
        js(
            "return window.TANFANG_CHARTS[arguments[0]].getOption().series[arguments[1]].data"
                + ".map(d => (d !== null && typeof d === 'object') ? d.value : d);",
            chart,
            series);
  }

  @SuppressWarnings("unchecked")
  private List<Object> categories(String chart) {
    return (List<Object>)
        js("return window.TANFANG_CHARTS[arguments[0]].getOption().xAxis[0].data;", chart);
  }

  private void awaitCharts() {
    Browser.waitFor(driver)
        .until(
            d ->
                js("return !!(window.TANFANG_CHARTS && window.TANFANG_CHARTS['chart-parts'])")
                    .equals(Boolean.TRUE));
  }

  private static List<Double> percents(List<Double> shares) {
    return shares.stream().map(s -> Math.round(s * 1000) / 10.0).toList();
  }

  private static List<Double> numbers(List<Object> values) {
    return values.stream().map(v -> v == null ? null : ((Number) v).doubleValue()).toList();
  }

  @Test
  void theChartsCarryTheFiguresAndDrillDownFromTheCityToAGrid() {
    Browser.login(driver, base(), "dash-supervisor", "dash-supervisor-pw");
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
    awaitCharts();

    MonthFigures city = dashboard.month(MARCH, Area.CITY);
    assertThat(city.count("elders.inScope")).isGreaterThan(40);
    assertThat(driver.findElement(By.id("n-inScope")).getText())
        .isEqualTo(String.valueOf(city.count("elders.inScope")));
    assertThat(categories("chart-parts"))
        .containsExactlyElementsOf(city.parts().stream().map(p -> (Object) p.name()).toList());
    assertThat(numbers(seriesData("chart-parts", 0)))
        .containsExactlyElementsOf(percents(city.parts().stream().map(p -> p.rate()).toList()));
    List<Double> trend = numbers(seriesData("chart-trend", 0));
    assertThat(trend).hasSize(12);
    assertThat(trend.get(11)).isEqualTo(Math.round(city.rate() * 1000) / 10.0);
    assertThat(numbers(seriesData("chart-kinds", 0)))
        .containsExactly((double) city.count("visits.PHONE"), (double) city.count("visits.HOME"));
    assertThat(numbers(seriesData("chart-cases", 0)).get(0)).isEqualTo(3.0);

    // drill: click the best-covered bar at each level until a grid is shown
    List<String> path = new ArrayList<>();
    for (String level : List.of("district", "street", "community", "grid")) {
      String clicked = clickBestBar();
      path.add(clicked);
      Browser.waitFor(driver).until(ExpectedConditions.urlContains(level + "="));
      awaitCharts();
    }
    assertThat(driver.findElements(By.className("crumb"))).hasSize(5);
    Area grid = Area.of(path.get(0), path.get(1), path.get(2), path.get(3));
    MonthFigures atGrid = dashboard.month(MARCH, grid);
    assertThat(driver.findElement(By.id("n-inScope")).getText())
        .isEqualTo(String.valueOf(atGrid.count("elders.inScope")));
    assertThat(categories("chart-parts")).containsExactly(path.get(3));

    // back to the city by its breadcrumb, in English
    driver.findElements(By.className("crumb")).get(0).click();
    awaitCharts();
    driver.findElement(By.id("lang-switch")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.textToBe(By.tagName("h1"), "Supervision dashboard"));
  }

  @Test
  void everyNumberOpensTheListBehindIt() {
    Browser.login(driver, base(), "dash-supervisor", "dash-supervisor-pw");
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
    MonthFigures city = dashboard.month(MARCH, Area.CITY);

    for (Map.Entry<String, String> link :
        Map.of("n-uncovered", "elders.uncovered", "n-visits-HOME", "visits.HOME").entrySet()) {
      driver.findElement(By.id(link.getKey())).click();
      Browser.waitFor(driver)
          .until(ExpectedConditions.presenceOfElementLocated(By.id("figure-list")));
      org.tanfang.reports.Bucket expected = city.buckets().get(link.getValue());
      assertThat(expected.count()).isPositive();
      assertThat(driver.findElement(By.id("list-count")).getText())
          .isEqualTo("共 " + expected.count() + " 条");
      List<String> names = names(expected);
      assertThat(driver.findElements(By.className("list-name")))
          .extracting(WebElement::getText)
          .containsExactlyInAnyOrderElementsOf(names);
      driver.findElement(By.id("back")).click();
      Browser.waitFor(driver)
          .until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
    }

    // a bar of the cases chart opens its cases
    awaitCharts();
    clickBar("chart-cases", 0);
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("figure-list")));
    assertThat(driver.findElement(By.id("list-title")).getText()).isEqualTo("工单：紧急求助");
    assertThat(driver.findElements(By.className("list-row"))).hasSize(3);
  }

  private List<String> names(org.tanfang.reports.Bucket bucket) {
    String sql =
        bucket.subject() == org.tanfang.reports.Bucket.Subject.ELDER
            ? "select e.name from elder e where e.id = any (?)"
            : "select e.name from visit v join elder e on e.id = v.elder_id where v.id = any (?)";
    return jdbc.queryForList(sql, String.class, (Object) bucket.ids().toArray(Long[]::new));
  }

  /** Clicks the highest bar of the area chart and returns its category. */
  private String clickBestBar() {
    List<Double> rates = numbers(seriesData("chart-parts", 0));
    int best = 0;
    for (int i = 1; i < rates.size(); i++) {
      if (rates.get(i) > rates.get(best)) {
        best = i;
      }
    }
    String name = (String) categories("chart-parts").get(best);
    clickBar("chart-parts", best);
    return name;
  }

  /** Clicks inside bar {@code index} of a bar chart's first series, where ECharts drew it. */
  @SuppressWarnings("unchecked")
  private void clickBar(String chart, int index) {
    List<Number> point =
        (List<Number>)
            js(
                "const c = window.TANFANG_CHARTS[arguments[0]];"
                    + " const v = c.getOption().series[0].data[arguments[1]];"
                    + " const p = c.convertToPixel({seriesIndex: 0}, [arguments[1], v / 2]);"
                    + " const el = document.getElementById(arguments[0]);"
                    + " return [p[0], p[1], el.clientWidth, el.clientHeight];",
                chart,
                index);
    WebElement el = driver.findElement(By.id(chart));
    int dx = (int) Math.round(point.get(0).doubleValue() - point.get(2).doubleValue() / 2);
    int dy = (int) Math.round(point.get(1).doubleValue() - point.get(3).doubleValue() / 2);
    new Actions(driver).scrollToElement(el).moveToElement(el, dx, dy).click().perform();
  }
}
