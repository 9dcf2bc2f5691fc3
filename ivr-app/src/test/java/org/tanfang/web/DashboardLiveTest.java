package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.security.RegionScope;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.Browser;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The dashboard stays live: a visit recorded or a case opened reaches the open page over {@code
 * /dashboard/events}, which then redraws from {@code /dashboard/figures} without a reload; both
 * endpoints keep to the caller's region scope.
 */
@TanfangTest
class DashboardLiveTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired MutableClock clock;
  @Autowired Escalations escalations;
  @Autowired DashboardEvents events;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  WebDriver driver;
  long meilanA;
  long meilanB;
  long longhua;

  @BeforeEach
  void setUp() {
    clock.setLocal("2026-03-20T10:00:00");
    Rows.clean(jdbc);
    account("live-city", RegionScope.CITY);
    account("live-lh", RegionScope.district("龙华区"));
    Rows rows = new Rows(jdbc);
    Instant enrolled = local("2026-03-01T09:00:00");
    meilanA =
        rows.elder()
            .named("甲")
            .in("美兰区", "海甸街道", "沿江社区")
            .categories("EMPTY_NEST")
            .registeredAt(enrolled)
            .save();
    meilanB =
        rows.elder()
            .named("乙")
            .in("美兰区", "海甸街道", "沿江社区")
            .categories("EMPTY_NEST")
            .registeredAt(enrolled)
            .save();
    longhua =
        rows.elder()
            .named("己")
            .in("龙华区", "金宇街道", "金宇社区")
            .categories("LIVING_ALONE")
            .registeredAt(enrolled)
            .save();
    valid(meilanA, "2026-03-05T10:00:00");
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  private void account(String name, RegionScope scope) {
    if (!accounts.exists(name)) {
      accounts.create(name, "live-dashboard-pw", Role.SUPERVISOR, name, scope);
    } else {
      accounts.setScope(name, scope);
    }
  }

  static Instant local(String at) {
    return LocalDateTime.parse(at).atZone(MutableClock.SHANGHAI).toInstant();
  }

  private long valid(long elder, String at) {
    return new Rows(jdbc)
        .visit(elder)
        .valid(true)
        .status("DONE")
        .outcome("COMPLETED")
        .endedAt(local(at))
        .save();
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /** The names in the uncovered table, read in one script (the table is replaced whole). */
  @SuppressWarnings("unchecked")
  private java.util.List<String> uncoveredNames() {
    return (java.util.List<String>)
        js(
            "return Array.from(document.querySelectorAll('#uncovered-list .uncovered-name'))"
                + ".map(function (a) { return a.textContent.trim(); })");
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  @Test
  void aVisitRecordedAndACaseOpenedShowOnTheOpenDashboardWithoutAReload() {
    driver = Browser.start();
    Browser.login(driver, "http://localhost:" + port, "live-city", "live-dashboard-pw");
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Boolean.TRUE.equals(js("return window.TANFANG_STREAM_READY === true")));
    assertThat(text("n-inScope")).isEqualTo("3");
    assertThat(text("n-covered")).isEqualTo("1");
    assertThat(text("rate")).isEqualTo("33.3%");
    // the uncovered table: 己 (living alone) before 乙
    assertThat(uncoveredNames()).containsExactly("己", "乙");
    js("window.NOT_RELOADED = true;");

    valid(meilanB, "2026-03-20T09:30:00");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(text("n-covered")).isEqualTo("2"));
    // the table follows the figures: 乙's row is gone from the page, 己's is still there
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(uncoveredNames()).containsExactly("己"));
    assertThat(text("n-uncovered")).isEqualTo("1");
    assertThat(text("rate")).isEqualTo("66.7%");
    assertThat(text("n-visits-PHONE")).isEqualTo("2");
    assertThat(
            js("return window.TANFANG_CHARTS['chart-kinds'].getOption().series[0].data[0].value"))
        .isEqualTo(2L);
    assertThat(js("return window.TANFANG_CHARTS['chart-trend'].getOption().series[0].data[11]"))
        .isEqualTo(66.7);

    // a case opened through the case service: the cases chart and its count follow (the second
    // change within the debounce span comes at its end)
    escalations.open(
        NewEscalation.of(
            longhua, EscalationType.DISTRESS, null, null, Text.of("case.note", "测试：按键求助")));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        js(
                            "return window.TANFANG_CHARTS['chart-cases'].getOption()"
                                + ".series[0].data[0]"))
                    .isEqualTo(1L));
    assertThat(text("n-unclaimed")).isEqualTo("1");
    assertThat(js("return window.NOT_RELOADED === true")).isEqualTo(Boolean.TRUE);
    assertThat((Long) js("return window.TANFANG_REFRESHES")).isGreaterThanOrEqualTo(2L);
  }

  @Test
  void theFiguresEndpointKeepsToTheCallersScope() throws Exception {
    JsonNode city = figures("live-city", "");
    assertThat(city.get("numbers").get("n-inScope").asString()).isEqualTo("3");
    assertThat(city.get("charts").get("parts").get("names").toString())
        .contains("美兰区")
        .contains("龙华区");

    // a district supervisor asking for the city, or for another district, gets only their own
    JsonNode own = figures("live-lh", "");
    assertThat(own.get("numbers").get("n-inScope").asString()).isEqualTo("1");
    assertThat(own.get("numbers").get("n-covered").asString()).isEqualTo("0");
    assertThat(own.get("charts").get("parts").get("names").toString()).doesNotContain("美兰区");
    JsonNode other = figures("live-lh", "?district=美兰区");
    assertThat(other.get("numbers").get("n-inScope").asString()).isEqualTo("0");
    assertThat(other.toString()).doesNotContain("海甸街道");

    // bad input: a clear error in the reader's language, nothing else
    MockHttpServletResponse bad =
        mvc.perform(
                get("/dashboard/figures?month=March")
                    .param("lang", "en")
                    .with(user("live-city").roles("SUPERVISOR")))
            .andReturn()
            .getResponse();
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(bad.getContentAsString(StandardCharsets.UTF_8))
        .contains("the month is written 2026-03")
        .doesNotContain("numbers");
  }

  @Test
  void theEventStreamHearsOnlyChangesInsideTheScopeAndArea() throws Exception {
    int before = events.subscribers();
    MvcResult lh = stream("live-lh", "");
    MvcResult street = stream("live-city", "?district=美兰区&street=海甸街道");
    await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == before + 2);
    assertThat(body(lh)).contains("event:ready");

    valid(meilanB, "2026-03-20T09:30:00");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(body(street)).contains("event:changed"));
    assertThat(body(lh)).doesNotContain("event:changed");

    valid(longhua, "2026-03-20T09:40:00");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(body(lh)).contains("event:changed"));
    // nothing of the elder on the stream
    assertThat(body(lh)).doesNotContain("己").doesNotContain(String.valueOf(longhua) + ",");
  }

  private JsonNode figures(String who, String query) throws Exception {
    MockHttpServletResponse r =
        mvc.perform(get("/dashboard/figures" + query).with(user(who).roles("SUPERVISOR")))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(200);
    return json.readTree(r.getContentAsString(StandardCharsets.UTF_8));
  }

  private MvcResult stream(String who, String query) throws Exception {
    return mvc.perform(
            get("/dashboard/events" + query)
                .accept("text/event-stream")
                .with(user(who).roles("SUPERVISOR")))
        .andReturn();
  }

  private static String body(MvcResult r) throws Exception {
    return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }
}
