package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.Browser;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

@TanfangTest
class CallsPageBrowserTest {
  @LocalServerPort int port;
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  WebDriver driver;

  @BeforeEach
  void setUp() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    driver = Browser.start();
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void givenStaffPressTheTestCallButton_thenTheCallsPageShowsItsOutcomeAsItArrives() {
    Elder elder =
        Telephony.elder(
            elders,
            sim,
            CalleeScript.answers()
                .afterMs(300)
                .press("1")
                .press("2")
                .thenAlways(new org.tanfang.asterisksim.CalleeReply.Digits("1", 0))
                .build());
    Browser.login(driver, "http://localhost:" + port, "admin", "admin-test-password");
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("nav-calls")));

    driver.get("http://localhost:" + port + "/elders/" + elder.id());
    driver.findElement(By.id("test-call-button")).click();

    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("calls-table")));
    assertThat(driver.findElement(By.id("placed")).getText()).contains("已拨出测试电话");
    // The table refreshes itself (htmx, every 5 s) until the conversation's outcome shows.
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.textToBe(By.cssSelector(".call-row .call-outcome"), "完成"));
    assertThat(driver.findElement(By.cssSelector(".call-row .call-elder")).getText())
        .isEqualTo(elder.name());
    assertThat(driver.findElement(By.cssSelector(".call-row .call-result")).getText())
        .isEqualTo("已接听");
    assertThat(driver.findElement(By.cssSelector(".call-row")).getText())
        .contains("健康 不太好")
        .doesNotContain(elder.primaryPhone());
  }
}
