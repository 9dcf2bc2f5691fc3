package org.tanfang.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium. Without Chromium installed the browser tests are
 * skipped with a message on a developer machine, and fail in CI (CI=true), which installs it.
 */
public final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  public static WebDriver start() {
    return start(false);
  }

  /**
   * A desktop browser whose microphone plays {@code wav} (looped) and needs no permission prompt:
   * Chromium's fake capture device.
   */
  public static WebDriver startWithMicrophone(Path wav) {
    return start(
        false,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--use-file-for-fake-audio-capture=" + wav.toAbsolutePath(),
        "--autoplay-policy=no-user-gesture-required");
  }

  /** A phone: a 360×740 viewport (device metrics emulated, touch on), as the visitors use. */
  public static WebDriver startPhone() {
    return start(true);
  }

  private static WebDriver start(boolean phone, String... extra) {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (!installed && ci) {
      throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
    }
    assumeTrue(
        installed, "Browser test skipped: install Debian's chromium and chromium-driver to run it");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=zh-CN");
    options.addArguments(extra);
    if (phone) {
      options.setExperimentalOption(
          "mobileEmulation",
          java.util.Map.of(
              "deviceMetrics",
              java.util.Map.of("width", 360, "height", 740, "pixelRatio", 2.0, "touch", true)));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  public static WebDriverWait waitFor(WebDriver driver) {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  public static void login(WebDriver driver, String baseUrl, String user, String password) {
    driver.get(baseUrl + "/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
  }
}
