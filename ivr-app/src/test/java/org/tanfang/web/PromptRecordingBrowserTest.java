package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.DialResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.dialer.TestCalls;
import org.tanfang.prompts.PromptRecordings;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.security.Caller;
import org.tanfang.speech.audio.WavFile;
import org.tanfang.testsupport.Browser;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * Headless Chromium with a fake microphone playing a tone: the Hainanese greeting is recorded on
 * the prompt page, converted by the server (8 kHz mono, silence trimmed), approved by the admin,
 * and then played by the call flow: asterisk-sim sees the new file in STREAM FILE.
 */
@TanfangTest
class PromptRecordingBrowserTest {
  private static final String PROMPTS = "/var/lib/asterisk/sounds/tanfang/";
  private static final Path RECORDED = Path.of("../voice-prompts/recorded/hainan/greeting-v1.wav");

  @LocalServerPort int port;
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TestCalls calls;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired PromptRecordings recordings;
  WebDriver driver;
  Path microphone;

  @BeforeEach
  void setUp() throws IOException {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    Files.deleteIfExists(RECORDED);
    // what the fake microphone plays, looped: 0.5 s silence, 1.5 s of 440 Hz at −13.5 dBFS RMS
    int rate = 48_000;
    short[] samples = new short[rate * 2];
    for (int i = rate / 2; i < samples.length; i++) {
      samples[i] = (short) Math.round(0.3 * 32767 * Math.sin(2 * Math.PI * 440 * i / rate));
    }
    microphone = Files.createTempFile("fake-microphone", ".wav");
    new WavFile(rate, samples).write(microphone);
    driver = Browser.startWithMicrophone(microphone);
  }

  @AfterEach
  void tearDown() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    // the shared context's other calls play the placeholders again
    recordings.withdraw("greeting", "hainan", Caller.SYSTEM);
    Files.deleteIfExists(RECORDED);
    Files.deleteIfExists(microphone);
  }

  @Test
  void aPromptRecordedInTheBrowserAndApprovedIsPlayedByTheCallFlow() throws IOException {
    String base = "http://localhost:" + port;
    Browser.login(driver, base, "admin", "admin-test-password");
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("nav-prompts")));
    driver.findElement(By.id("nav-prompts")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("prompt-list")));
    assertThat(driver.findElement(By.id("prompt-greeting")).getText())
        .contains("海口市民政局关爱热线", "占位录音");
    driver.findElement(By.cssSelector("#prompt-greeting a")).click();

    Browser.waitFor(driver)
        .until(ExpectedConditions.elementToBeClickable(By.id("rec-start-hainan")));
    driver.findElement(By.id("rec-start-hainan")).click();
    new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30))
        .until(
            d ->
                Double.parseDouble(
                        d.findElement(By.id("rec-seconds-hainan")).getAttribute("data-seconds"))
                    >= 3.0);
    driver.findElement(By.id("rec-stop-hainan")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.elementToBeClickable(By.id("rec-play-hainan")));
    // how long the page captured: on a loaded machine the stop click lands well after 3 s
    double captured =
        Double.parseDouble(
            driver.findElement(By.id("rec-seconds-hainan")).getAttribute("data-seconds"));
    driver.findElement(By.id("rec-play-hainan")).click(); // hears it back (Web Audio)
    driver.findElement(By.id("submit-hainan")).click();

    Browser.waitFor(driver)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("prompt-submitted")));
    assertThat(driver.findElement(By.id("version-hainan-1")).getText()).contains("待批准");
    Map<String, Object> row =
        jdbc.queryForMap(
            "select source, source_format, duration_ms, file from voice_prompt_recording"
                + " where prompt_id = 'greeting' and dialect = 'hainan' and version = 1");
    assertThat(row)
        .containsEntry("source", "MICROPHONE")
        .containsEntry("file", "recorded/hainan/greeting-v1");
    assertThat((String) row.get("source_format")).contains("WAV", "16-bit", "1 ch");
    WavFile stored = WavFile.read(RECORDED);
    assertThat(stored.sampleRate()).isEqualTo(8000);
    // at least 3 s captured, the silence at the start (0.5 s of the looped file) trimmed off
    assertThat(stored.durationMillis()).isBetween(1000L, Math.round(captured * 1000) - 250);
    assertThat(((Number) row.get("duration_ms")).longValue()).isEqualTo(stored.durationMillis());

    // not played before it is approved
    assertThat(greetingPlayed()).isEqualTo(PROMPTS + "cmn/greeting");

    driver.findElement(By.id("approve-hainan-1")).click();
    Browser.waitFor(driver)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("in-use-hainan"), "v1"));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'PROMPT_APPROVED'"
                    + " and subject_id = 'greeting' and detail = 'hainan v1' and username = 'admin'",
                Integer.class))
        .isEqualTo(1);

    assertThat(greetingPlayed()).isEqualTo(PROMPTS + "recorded/hainan/greeting-v1");
  }

  /** The first prompt a call to a Hainanese-speaking elder plays (the greeting). */
  private String greetingPlayed() {
    await().atMost(Duration.ofSeconds(20)).until(() -> sim.liveChannels().isEmpty());
    Elder elder = Telephony.elder(elders, sim, CalleeScript.alwaysPress("1"));
    TestCalls.PlacedCall placed = calls.place(elder.id(), TestCalls.Origin.STAFF);
    assertThat(placed.result()).isEqualTo(DialResult.QUEUED);
    AttemptEnded ended = Telephony.awaitEnd(events, placed.attemptId());
    assertThat(ended.conversationOutcome()).isEqualTo("COMPLETED");
    var record = sim.callsTo(elder.primaryPhone()).get(0);
    assertThat(record.agiCommands())
        .anyMatch(c -> c.startsWith("STREAM FILE \"" + record.prompts().get(0) + "\""));
    return record.prompts().get(0);
  }
}
