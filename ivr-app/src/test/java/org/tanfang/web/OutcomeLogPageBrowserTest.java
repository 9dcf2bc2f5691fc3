package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.outcomes.LogFixtures;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.Browser;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;

/** The outcome log filters and exports, in headless Chromium, as a supervisor. */
@TanfangTest
class OutcomeLogPageBrowserTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired MutableClock clock;
  WebDriver driver;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    LogFixtures data = new LogFixtures(jdbc);
    data.clean();
    if (!accounts.exists("page-supervisor")) {
      accounts.create("page-supervisor", "supervisor-pw-3", Role.SUPERVISOR, "测试督导");
    }
    long meilan = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    long longhua = data.elder("陈阿公", "龙华区", "金宇街道", "金宇社区", "LIVING_ALONE");
    for (int i = 0; i < 55; i++) {
      String at = String.format("2026-03-%02dT09:%02d", 9 + i % 7, i);
      long v = data.visit(meilan, "PHONE", "ROUTINE", "PLANNED", null, false, at);
      data.dial(v, 1, "NO_ANSWER", at);
    }
    data.phoneVisit(meilan, "ROUTINE", "DONE", "COMPLETED", "2026-03-14T10:00");
    long other =
        data.visit(longhua, "PHONE", "ROUTINE", "PLANNED", null, false, "2026-03-14T10:00");
    data.dial(other, 1, "NO_ANSWER", "2026-03-14T10:00");
    driver = Browser.start();
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  private String base() {
    return "http://localhost:" + port;
  }

  @Test
  void theOutcomeLogFiltersAndExports() throws Exception {
    Browser.login(driver, base(), "page-supervisor", "supervisor-pw-3");
    Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("nav-outcomes")));
    driver.findElement(By.id("nav-outcomes")).click();
    Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.id("outcome-count"), "共 57 次探访"));

    new Select(driver.findElement(By.id("district"))).selectByVisibleText("美兰区");
    new Select(driver.findElement(By.id("outcome"))).selectByVisibleText("无人接听");
    driver.findElement(By.id("filter-submit")).click();

    Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.id("outcome-count"), "共 55 次探访"));
    assertThat(driver.getCurrentUrl()).contains("outcome=NO_ANSWER");
    List<WebElement> rows = driver.findElements(By.className("outcome-row"));
    assertThat(rows).hasSize(50);
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.findElement(By.className("outcome-region")).getText()).startsWith("美兰区");
              assertThat(r.findElement(By.className("outcome")).getText()).isEqualTo("无人接听");
            });

    // a visit's dials open from its row
    WebElement first = rows.get(0);
    first.findElement(By.tagName("summary")).click();
    Browser.waitFor(driver).until(d -> !first.findElements(By.className("visit-call")).isEmpty());
    assertThat(first.findElement(By.className("visit-call")).getText())
        .contains("无人接听")
        .contains("139****0001");

    driver.findElement(By.id("next-page")).click();
    Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.id("page-of"), "第 2 / 2 页"));
    assertThat(driver.findElements(By.className("outcome-row"))).hasSize(5);
    assertThat(new Select(driver.findElement(By.id("outcome"))).getFirstSelectedOption().getText())
        .isEqualTo("无人接听");

    String csvUrl = driver.findElement(By.id("export-csv")).getAttribute("href");
    assertThat(csvUrl).doesNotContain("page=");
    List<CSVRecord> exported = fetchCsv(csvUrl);
    assertThat(exported).hasSize(56);
    assertThat(exported.get(0).get(3)).isEqualTo("姓名");
    assertThat(exported.subList(1, 56))
        .allSatisfy(
            r -> {
              assertThat(r.get(5)).isEqualTo("美兰区");
              assertThat(r.get(12)).isEqualTo("无人接听");
            });
  }

  /** Fetches a link the way the browser would, with its session cookie. */
  private List<CSVRecord> fetchCsv(String url) throws Exception {
    String cookie = driver.manage().getCookieNamed("JSESSIONID").getValue();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Cookie", "JSESSIONID=" + cookie)
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("\uFEFF");
    return CSVFormat.EXCEL
        .builder()
        .get()
        .parse(new StringReader(response.body().substring(1)))
        .getRecords();
  }
}
