package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.asterisksim.StaffPhone;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.escalation.CaseAction;
import org.tanfang.escalation.Escalations;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.PersonNames;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.Browser;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;
import org.tanfang.testsupport.TestClockConfig;

/**
 * The desk in headless Chromium: a simulated elder presses 9 during a call and the open desk page
 * shows the new DISTRESS case without a reload; staff claim it, see the profile, note and resolve.
 */
@TanfangTest
class DeskBrowserTest {
  private static final String STAFF_PHONE = "staff7";
  @LocalServerPort int port;
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired TestCalls testCalls;
  @Autowired UserAccounts accounts;
  @Autowired MutableClock clock;
  @Autowired Escalations escalations;
  @Autowired org.tanfang.escalation.CaseSignals signals;
  WebDriver driver;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    if (!accounts.exists("desk-ann")) {
      accounts.create("desk-ann", "desk-test-password", Role.STAFF, "desk-ann");
    }
    accounts.setPhone("desk-ann", STAFF_PHONE);
    sim.staffPhones().add(StaffPhone.answering(STAFF_PHONE, 100, 1500));
    driver = Browser.start();
  }

  @AfterEach
  void quit() {
    sim.staffPhones().remove(STAFF_PHONE);
    if (driver != null) {
      driver.quit();
    }
  }

  private JavascriptExecutor js() {
    return (JavascriptExecutor) driver;
  }

  @Test
  void givenTheDeskOpen_whenAnElderPressesNine_thenTheCaseAppearsLiveAndIsClaimedAndResolved() {
    String base = "http://localhost:" + port;
    Elder elder =
        Telephony.elder(
            elders, sim, CalleeScript.answers().afterMs(200).press("1").press("9").build());
    Browser.login(driver, base, "desk-ann", "desk-test-password");
    Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("nav-desk")));
    driver.findElement(By.id("nav-desk")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "open"));
    assertThat(driver.findElements(By.cssSelector(".case-row"))).isEmpty();
    // A marker that only survives if the page is never reloaded.
    js().executeScript("window.__deskMarker = 'no-reload';");

    var placed = testCalls.place(elder.id(), TestCalls.Origin.STAFF);

    By distressRow = By.cssSelector(".case-row[data-type='DISTRESS']");
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(distressRow));
    assertThat(js().executeScript("return window.__deskMarker")).isEqualTo("no-reload");
    assertThat(driver.getCurrentUrl()).isEqualTo(base + "/desk");
    // The staff queue answers the transfer a moment later: the row shows who answered (the queue
    // is fetched again on that event, so rows are read only once it has settled).
    Browser.waitFor(driver)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".case-row[data-type='DISTRESS'] .badge-answered")));
    long id =
        Long.parseLong(
            Browser.waitFor(driver)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(distressRow).getAttribute("data-id")));
    // The latency hook: the event the page received names the case and when it was published.
    assertThat(js().executeScript("return window.deskLastEvent.escalationId")).isEqualTo(id);
    assertThat((String) js().executeScript("return window.deskLastEvent.publishedAt"))
        .matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    Browser.waitFor(driver)
        .until(
            ExpectedConditions.textToBe(
                By.cssSelector(".case-row .case-elder"), PersonNames.mask(elder.name())));
    Browser.waitFor(driver)
        .until(
            ExpectedConditions.textMatches(
                By.cssSelector(".case-row .countdown"),
                java.util.regex.Pattern.compile("剩余 00:1\\d:\\d\\d")));

    // Twenty minutes later (server clock) the countdown turns into a red overdue time; the
    // change to the case reaches the page as an event, again without a reload.
    clock.advance(Duration.ofMinutes(20));
    signals.record(id, "system", CaseAction.NOTE, Text.of("case.note", "测试：时间前进"));
    Browser.waitFor(driver)
        .until(
            ExpectedConditions.textMatches(
                By.cssSelector(".case-row .countdown"),
                java.util.regex.Pattern.compile("已超时 00:0[45]:\\d\\d")));
    assertThat(driver.findElement(By.cssSelector(".case-row .countdown")).getAttribute("class"))
        .contains("overdue");
    assertThat(js().executeScript("return window.__deskMarker")).isEqualTo("no-reload");

    driver.findElement(By.cssSelector(".case-row[data-type='DISTRESS'] a.case-link")).click();
    Browser.waitFor(driver).until(ExpectedConditions.urlToBe(base + "/desk/" + id));
    assertThat(driver.findElement(By.id("profile")).getAttribute("data-masked")).isEqualTo("true");
    assertThat(driver.findElement(By.id("profile-phone")).getText())
        .contains("****")
        .isNotEqualTo(elder.primaryPhone());
    assertThat(driver.findElements(By.cssSelector(".answer-row[data-intent='HELP']")))
        .singleElement()
        .satisfies(row -> assertThat(row.getText()).contains("求助").contains("9"));

    driver.findElement(By.id("claim-button")).click();
    Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.id("notice"), "已认领。"));
    assertThat(driver.findElement(By.id("profile")).getAttribute("data-masked")).isEqualTo("false");
    assertThat(driver.findElement(By.id("profile-phone")).getText())
        .isEqualTo(elder.primaryPhone());
    assertThat(driver.findElement(By.id("case-elder")).getText()).isEqualTo(elder.name());

    // Call back: asterisk-sim rings the staff member's own phone first, then dials the elder.
    driver.findElement(By.id("call-back-button")).click();
    Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.id("notice"), "正在回拨，请接听您的电话。"));
    var toStaff =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    sim.callsTo(STAFF_PHONE).stream()
                        .filter(c -> "tanfang-callback".equals(c.originate().context()))
                        .toList(),
                calls -> !calls.isEmpty());
    assertThat(toStaff.get(0).originate().exten()).isEqualTo(elder.primaryPhone());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                sim.callsTo(elder.primaryPhone()).stream()
                    .anyMatch(c -> toStaff.get(0).channel().equals(c.dialedBy())));
    driver.navigate().refresh();
    assertThat(driver.findElements(By.cssSelector(".history-row[data-action='CALL_BACK']")))
        .hasSize(1);

    driver.findElement(By.id("note-text")).sendKeys("已回电，老人摔倒后已起身");
    driver.findElement(By.id("note-button")).click();
    Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.id("notice"), "备注已添加。"));
    assertThat(driver.findElement(By.id("history-table")).getText()).contains("已回电，老人摔倒后已起身");

    // First an incomplete visit record: errors beside the fields, the typed text kept.
    new Select(driver.findElement(By.id("resolve-outcome"))).selectByValue("REACHED_BY_PHONE");
    driver.findElement(By.id("area-HEALTH-CONCERN")).click();
    driver.findElement(By.id("note-HEALTH")).sendKeys("膝盖擦伤");
    driver.findElement(By.id("resolve-notes")).sendKeys("电话联系上本人");
    driver.findElement(By.id("resolve-button")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("resolve-errors")));
    assertThat(driver.findElement(By.id("resolve-notes")).getAttribute("value"))
        .isEqualTo("电话联系上本人");
    assertThat(driver.findElement(By.id("note-HEALTH")).getAttribute("value")).isEqualTo("膝盖擦伤");
    assertThat(driver.findElement(By.id("area-HEALTH-CONCERN")).isSelected()).isTrue();
    assertThat(
            new Select(driver.findElement(By.id("resolve-outcome")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("REACHED_BY_PHONE");

    for (String area : new String[] {"LIVING", "FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL"}) {
      driver.findElement(By.id("area-" + area + "-FINE")).click();
    }
    driver.findElement(By.id("resolve-button")).click();
    Browser.waitFor(driver).until(ExpectedConditions.urlToBe(base + "/desk"));
    assertThat(driver.findElement(By.id("notice")).getText()).isEqualTo("工单已办结。");
    assertThat(driver.findElements(By.cssSelector(".case-row[data-id='" + id + "']"))).isEmpty();

    assertThat(jdbc.queryForObject("select state from escalation where id = ?", String.class, id))
        .isEqualTo("RESOLVED");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit_answer va join escalation e on"
                    + " e.resolution_visit_id = va.visit_id where e.id = ? and va.method = 'PERSON'",
                Integer.class,
                id))
        .isEqualTo(6);
    Telephony.awaitEnd(events, placed.attemptId());
  }
}
