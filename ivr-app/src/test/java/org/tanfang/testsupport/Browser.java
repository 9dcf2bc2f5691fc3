package org.tanfang.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium. Without Chromium installed the browser tests are
 * skipped with a message on a developer machine, and fail in CI (CI=true), which installs it.
 *
 * <p>One Chromium per kind (desktop, phone) for the whole test JVM: starting one costs seconds on a
 * loaded machine, and nearly every browser test class has one or two tests. The driver a test gets
 * behaves as a fresh browser: its {@code quit()} does not end Chromium but empties it for the next
 * test — back to {@code about:blank} (a page's event streams and timers end with it), extra windows
 * closed, every cookie, the HTTP cache and each visited origin's storage (local and session
 * storage, IndexedDB, service workers, cache storage) cleared. A browser that broke is not reused,
 * a browser still held by a test that did not quit it is not handed out twice, and a microphone
 * browser (its own audio file) is started and ended per test as before.
 */
public final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** The idle browser of each kind, reused by the next test of that kind. */
  private static final Map<String, ChromeDriver> IDLE = new ConcurrentHashMap<>();

  private static final Set<ChromeDriver> ALL = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (ChromeDriver d : ALL) {
                    try {
                      d.quit();
                    } catch (RuntimeException e) {
                      // already gone
                    }
                  }
                },
                "browser-quit"));
  }

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
    if (extra.length > 0) {
      return launch(phone, extra);
    }
    String kind = phone ? "phone" : "desktop";
    ChromeDriver idle = IDLE.remove(kind);
    if (idle == null || !alive(idle)) {
      if (idle != null) {
        end(idle);
      }
      idle = launch(phone);
      ALL.add(idle);
    }
    return lend(kind, idle);
  }

  private static boolean alive(ChromeDriver driver) {
    try {
      driver.getWindowHandles();
      return true;
    } catch (WebDriverException e) {
      return false;
    }
  }

  private static void end(ChromeDriver driver) {
    ALL.remove(driver);
    try {
      driver.quit();
    } catch (WebDriverException e) {
      // already gone
    }
  }

  /**
   * The pooled browser as the test's own: every call goes to Chromium, but {@code quit()} empties
   * it and gives it back (once); {@code get} notes the origin, whose storage is cleared then.
   */
  private static WebDriver lend(String kind, ChromeDriver driver) {
    Set<String> origins = new LinkedHashSet<>();
    boolean[] returned = {false};
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("quit") && method.getParameterCount() == 0) {
            if (!returned[0]) {
              returned[0] = true;
              giveBack(kind, driver, origins);
            }
            return null;
          }
          if (name.equals("get")
              && args != null
              && args.length == 1
              && args[0] instanceof String u) {
            origins.add(origin(u));
          }
          if (name.equals("equals") && args != null && args.length == 1) {
            return proxy == args[0];
          }
          if (name.equals("hashCode") && method.getParameterCount() == 0) {
            return System.identityHashCode(proxy);
          }
          try {
            return method.invoke(driver, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    List<Class<?>> interfaces = new ArrayList<>();
    for (Class<?> c = driver.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (!interfaces.contains(i)) {
          interfaces.add(i);
        }
      }
    }
    return (WebDriver)
        Proxy.newProxyInstance(
            Browser.class.getClassLoader(), interfaces.toArray(Class<?>[]::new), handler);
  }

  private static String origin(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Empties the browser for the next test and puts it back; a browser that fails is ended. */
  private static void giveBack(String kind, ChromeDriver driver, Set<String> origins) {
    try {
      String here = origin(driver.getCurrentUrl());
      if (here != null) {
        origins.add(here);
      }
      List<String> windows = new ArrayList<>(driver.getWindowHandles());
      for (int i = 1; i < windows.size(); i++) {
        driver.switchTo().window(windows.get(i)).close();
      }
      driver.switchTo().window(windows.get(0));
      driver.get("about:blank");
      driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
      driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
      for (String origin : origins) {
        if (origin != null) {
          driver.executeCdpCommand(
              "Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
      }
      if (IDLE.putIfAbsent(kind, driver) == null) {
        return;
      }
    } catch (WebDriverException e) {
      // broken: ended below
    }
    end(driver);
  }

  private static ChromeDriver launch(boolean phone, String... extra) {
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
