package org.tanfang.testsupport;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.pollinterval.IterativePollInterval;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Awaitility's defaults for every test class of this module (registered through JUnit's extension
 * auto-detection, {@code junit-platform.properties}): a condition is first checked after 10 ms,
 * then every 20, 40, 80 and from then on every 100 ms, instead of Awaitility's fixed 100 ms before
 * the first check and between checks. A condition that already holds, or soon does, no longer costs
 * a tenth of a second per wait; a long wait still polls every 100 ms, as before, so a loaded
 * machine is not polled harder. Only how often a condition is looked at changes: every wait keeps
 * its condition and its {@code atMost}; a test that sets its own poll interval or delay keeps
 * those.
 */
public class AwaitilityDefaults implements BeforeAllCallback {
  static final Duration FIRST = Duration.ofMillis(10);
  static final Duration LONGEST = Duration.ofMillis(100);

  @Override
  public void beforeAll(ExtensionContext context) {
    Awaitility.setDefaultPollDelay(FIRST);
    Awaitility.setDefaultPollInterval(
        new IterativePollInterval(
            previous -> {
              Duration next = previous.multipliedBy(2);
              return next.compareTo(LONGEST) > 0 ? LONGEST : next;
            },
            FIRST));
  }
}
