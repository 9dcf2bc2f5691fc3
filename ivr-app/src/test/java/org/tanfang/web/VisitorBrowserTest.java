package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.scheduling.CyclePlanning;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.Browser;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;
import org.tanfang.visitors.VisitorAccounts;

/**
 * A visitor on a phone (360×740, headless Chromium): signs in for the working day, sees the home
 * visit of one of their elders, records it with the six areas (a dropped connection keeps the
 * half-filled form), and the elder's cycle shows covered; the staff desk does not list the task.
 */
@TanfangTest
class VisitorBrowserTest {
  static final String VISITOR = "visitor-chen";
  static final String PASSWORD = "visitor-test-password";
  static final String PHONE = "13612340001";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired CyclePlanning planning;
  @Autowired VisitorAccounts visitors;
  @Autowired UserAccounts accounts;
  @Autowired MockMvc mvc;
  WebDriver driver;
  long elder;
  long task;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    if (!accounts.exists(VISITOR)) {
      visitors.create(new VisitorAccounts.NewVisitor(VISITOR, "陈网格", PHONE, PASSWORD));
    }
    Rows rows = new Rows(jdbc);
    elder =
        rows.elder()
            .named("林亚妹")
            .categories("DISABLED_CARE")
            .disability("SEVERE")
            .selfCare(false)
            .save();
    long other =
        rows.elder()
            .named("符德福")
            .categories("DISABLED_CARE")
            .disability("SEVERE")
            .selfCare(false)
            .save();
    jdbc.update(
        "update elder set visitor_name = '陈网格', visitor_phone = ? where id = ?", PHONE, elder);
    jdbc.update(
        "update elder set visitor_name = '李社工', visitor_phone = '13799990000' where id = ?", other);
    long february =
        rows.visit(elder)
            .purpose("ROUTINE")
            .status("DONE")
            .valid(true)
            .outcome("COMPLETED")
            .cycle(LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 28))
            .endedAt(Instant.parse("2026-02-20T02:00:00Z"))
            .save();
    rows.answer(february).to("health", "HEALTH").keyed("UNWELL").save();
    planning.planCurrentCycles(); // the half-month's home visits and their HOME_VISIT cases
    task =
        jdbc.queryForObject(
            "select id from escalation where elder_id = ? and type = 'HOME_VISIT'",
            Long.class,
            elder);
    driver = Browser.startPhone();
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

  private void tap(String id) {
    WebElement e = driver.findElement(By.id(id));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'})", e);
    e.click();
  }

  private long pageWidth() {
    return (Long)
        ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
  }

  @Test
  void shouldLetAVisitorRecordAHomeVisitOnAPhone() throws Exception {
    driver.get(base() + "/login");
    driver.findElement(By.id("username")).sendKeys(VISITOR);
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("remember-me")).click();
    driver.findElement(By.id("login-submit")).click();

    // My tasks: only my elder's home visit, big enough to tap, nothing wider than the phone.
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.className("task")));
    assertThat(driver.getCurrentUrl()).endsWith("/visit");
    assertThat(driver.findElements(By.className("task"))).hasSize(1);
    assertThat(driver.findElement(By.className("task-elder")).getText()).isEqualTo("林亚妹");
    assertThat(driver.findElement(By.className("task")).getAttribute("data-type"))
        .isEqualTo("HOME_VISIT");
    assertThat(driver.findElement(By.className("record-link")).getSize().getHeight())
        .isGreaterThanOrEqualTo(44);
    assertThat(pageWidth()).isLessThanOrEqualTo(360);
    Cookie rememberMe = driver.manage().getCookieNamed("remember-me");
    assertThat(rememberMe).isNotNull();
    assertThat(rememberMe.getExpiry().toInstant())
        .isAfter(Instant.now().plus(Duration.ofHours(11)));
    // The session is lost (timed out, server restarted): the remember-me cookie signs in again.
    driver.manage().deleteCookieNamed("JSESSIONID");
    driver.navigate().refresh();
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.className("task")));
    assertThat(driver.getCurrentUrl()).endsWith("/visit");

    // The elder's card: what the robocall found in February; the address is open for the task.
    driver.findElement(By.className("secondary")).click();
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("elder-past")));
    assertThat(driver.findElement(By.id("elder-past")).getText()).contains("健康状况：不太好");
    assertThat(driver.findElement(By.id("elder-address")).getText()).isEqualTo("测试地址");
    assertThat(driver.findElement(By.id("cycle-covered")).getAttribute("data-covered"))
        .isEqualTo("false");
    assertThat(pageWidth()).isLessThanOrEqualTo(360);

    // Half the form, then the connection drops (the page is reloaded): the draft comes back.
    driver.findElement(By.className("record-link")).click();
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("visit-form")));
    assertThat(pageWidth()).isLessThanOrEqualTo(360);
    tap("area-HEALTH-CONCERN");
    driver.findElement(By.id("note-HEALTH")).sendKeys("膝盖痛，行动不便");
    tap("area-LIVING-FINE");
    driver.navigate().refresh();
    Browser.waitFor(driver)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("draft-restored")));
    assertThat(driver.findElement(By.id("area-HEALTH-CONCERN")).isSelected()).isTrue();
    assertThat(driver.findElement(By.id("note-HEALTH")).getAttribute("value"))
        .isEqualTo("膝盖痛，行动不便");

    for (String area : new String[] {"FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL"}) {
      tap("area-" + area + "-FINE");
    }
    driver.findElement(By.id("services")).sendKeys("联系家庭医生上门");
    driver.findElement(By.id("hazards")).sendKeys("燃气软管老化");
    tap("hazards-REMOVED");
    tap("wish-SAME");
    tap("record-submit");

    // Back on the card: recorded, and the cycle is covered.
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(driver.findElement(By.id("cycle-covered")).getAttribute("data-covered"))
        .isEqualTo("true");
    assertThat(
            (String)
                ((JavascriptExecutor) driver)
                    .executeScript(
                        "return localStorage.getItem('tanfang-visit-draft-"
                            + VISITOR
                            + "-"
                            + task
                            + "')"))
        .isNull();
    driver.findElement(By.id("tab-tasks")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("tasks-empty")));

    Map<String, Object> visit =
        jdbc.queryForMap(
            "select v.status, v.valid, v.recorded_by, r.hazards, r.hazards_removed, r.wish, r.services"
                + " from visit v join home_visit_report r on r.visit_id = v.id"
                + " where v.elder_id = ? and v.kind = 'HOME' and v.purpose = 'ROUTINE'",
            elder);
    assertThat(visit)
        .containsEntry("status", "DONE")
        .containsEntry("valid", true)
        .containsEntry("recorded_by", VISITOR)
        .containsEntry("hazards", "燃气软管老化")
        .containsEntry("hazards_removed", "REMOVED")
        .containsEntry("wish", "SAME")
        .containsEntry("services", "联系家庭医生上门");

    // The other visitor's elder's task is not on the staff desk's queue either, by default
    // (as a city-wide account: region scope comes from the account in the database).
    String desk =
        mvc.perform(get("/desk").with(user("admin").roles("STAFF")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    long others =
        jdbc.queryForObject(
            "select id from escalation where elder_id <> ? and type = 'HOME_VISIT'",
            Long.class,
            elder);
    assertThat(desk).doesNotContain("data-id=\"" + others + "\"");
    assertThat(
            mvc.perform(get("/desk").param("view", "VISITORS").with(user("admin").roles("STAFF")))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("data-id=\"" + others + "\"");
  }
}
