package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.Browser;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestElders;

@TanfangTest
class RegistryPagesBrowserTest {
  @LocalServerPort int port;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @TempDir Path tmp;
  WebDriver driver;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
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
  void shouldLogInFilterTheListAndOpenARecordInChineseOrEnglish() {
    elders.create(
        TestElders.form("林亚妹", TestElders.idNumber(java.time.LocalDate.of(1944, 8, 8), 2, false)));
    elders.create(
        TestElders.form("符德福", TestElders.idNumber(java.time.LocalDate.of(1950, 1, 9), 3, true)));

    Browser.login(driver, base(), "admin", "admin-test-password");
    // an administrator lands on the dashboard; the registry is one click away
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
    driver.findElement(By.linkText("老人名册")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("elder-table")));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("老人名册");
    assertThat(driver.findElements(By.className("elder-row"))).hasSize(2);

    driver.findElement(By.id("q")).sendKeys("德福");
    Browser.waitFor(driver).until(d -> d.findElements(By.className("elder-row")).size() == 1);
    assertThat(driver.findElement(By.className("elder-name")).getText()).isEqualTo("符德福");

    driver.findElement(By.className("elder-name")).click();
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("elder-name")));
    assertThat(driver.findElement(By.id("visit-mode")).getText()).isEqualTo("电话探访（自动外呼）");

    driver.findElement(By.id("lang-switch")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.textToBe(By.id("visit-mode"), "Phone visits (automated calls)"));
  }

  @Test
  void shouldImportAFileAndShowEachBadRow() throws Exception {
    Path file = tmp.resolve("名单.csv");
    String good =
        String.join(
            ",",
            "张三",
            "男",
            TestElders.idNumber(java.time.LocalDate.of(1945, 1, 1), 1, true),
            "13812345678",
            "地址",
            "美兰区",
            "海甸街道",
            "海达社区",
            "",
            "独居");
    String bad =
        String.join(
            ",", "李四", "女", "110105194912310021", "12345", "地址", "美兰区", "海甸街道", "海达社区", "", "独居");
    Files.writeString(
        file,
        "姓名,性别,身份证号,联系电话,家庭住址,所属区,镇街,村居,网格,类别\n" + good + "\n" + bad + "\n",
        StandardCharsets.UTF_8);

    Browser.login(driver, base(), "admin", "admin-test-password");
    driver.get(base() + "/elders/import");
    driver.findElement(By.id("file")).sendKeys(file.toString());
    driver.findElement(By.id("import-submit")).click();

    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("report")));
    assertThat(driver.findElement(By.id("report-outcome")).getText()).isEqualTo("未导入任何数据");
    assertThat(driver.findElements(By.className("import-error"))).hasSize(2);
    assertThat(driver.findElement(By.id("import-errors")).getText())
        .contains("C 身份证号")
        .contains("D 联系电话");
    assertThat(elders.count()).isZero();

    driver.findElement(By.id("file")).sendKeys(file.toString());
    driver.findElement(By.id("importValidRows")).click();
    driver.findElement(By.id("import-submit")).click();
    Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.id("report-outcome"), "已导入"));
    assertThat(elders.count()).isEqualTo(1);
  }
}
