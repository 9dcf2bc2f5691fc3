package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.registry.ElderService;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.Browser;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestElders;

/**
 * Headless Chromium: an admin creates a street-level staff account on the users page; the new user
 * signs in with the generated password, must change it first, and then sees only that street's
 * elders and cases.
 */
@TanfangTest
class UsersBrowserTest {
  @LocalServerPort int port;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired JdbcTemplate jdbc;
  WebDriver driver;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    jdbc.update("delete from app_user where username = 'br-street'");
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
  void anAdminCreatesAStreetUserWhoChangesThePasswordAndSeesOnlyTheirStreet() {
    var inside =
        elders.create(
            TestElders.form(
                "王建华", TestElders.idNumber(LocalDate.of(1944, 4, 4), 91, true), "13900000091"));
    var outside =
        elders.create(
            TestElders.livingIn(
                TestElders.form(
                    "李秀英", TestElders.idNumber(LocalDate.of(1940, 5, 5), 92, false), "13900000092"),
                "龙华区",
                "中山街道",
                "滨海社区"));
    for (var e : new org.tanfang.registry.Elder[] {inside, outside}) {
      escalations.open(
          NewEscalation.of(e.id(), EscalationType.NEEDS, null, null, Text.of("case.note", "需求")));
    }

    Browser.login(driver, base(), "admin", "admin-test-password");
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("nav-users")));
    driver.findElement(By.id("nav-users")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("user-create")));
    driver.findElement(By.id("new-username")).sendKeys("br-street");
    driver.findElement(By.id("new-displayName")).sendKeys("海甸坐席");
    new Select(driver.findElement(By.id("new-role"))).selectByValue("STAFF");
    driver.findElement(By.id("new-district")).sendKeys("美兰区");
    driver.findElement(By.id("new-street")).sendKeys("海甸街道");
    driver.findElement(By.id("new-submit")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("new-password")));
    String generated = driver.findElement(By.id("new-password")).getText();
    assertThat(generated).hasSize(16);
    assertThat(driver.findElement(By.id("users")).getText()).contains("br-street");

    driver.manage().deleteAllCookies();
    Browser.login(driver, base(), "br-street", generated);
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("password-expired")));
    assertThat(driver.findElement(By.id("pw-username")).getAttribute("value"))
        .isEqualTo("br-street");
    driver.findElement(By.id("pw-current")).sendKeys(generated);
    driver.findElement(By.id("pw-new")).sendKeys("Haidian-desk-2026");
    driver.findElement(By.id("pw-confirm")).sendKeys("Haidian-desk-2026");
    driver.findElement(By.id("pw-submit")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("login-changed")));

    Browser.login(driver, base(), "br-street", "Haidian-desk-2026");
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("nav-desk")));
    driver.get(base() + "/elders");
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("elder-table")));
    assertThat(driver.findElements(By.className("elder-row"))).hasSize(1);
    String registry = driver.findElement(By.id("elder-table")).getText();
    assertThat(registry).contains("王*华").doesNotContain("李").doesNotContain("龙华区");

    driver.get(base() + "/desk");
    Browser.waitFor(driver).until(d -> d.getPageSource().contains("王*华"));
    assertThat(driver.getPageSource()).doesNotContain("李*英").doesNotContain("李秀英");
    driver.get(
        base()
            + "/desk/"
            + jdbc.queryForObject(
                "select id from escalation where elder_id = ?", Long.class, outside.id()));
    assertThat(driver.getPageSource()).doesNotContain("李*英").doesNotContain("李秀英");
  }
}
