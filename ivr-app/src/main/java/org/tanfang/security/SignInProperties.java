package org.tanfang.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in protection, for the login form and HTTP Basic alike (README "Privacy and access").
 *
 * @param maxFailures wrong passwords in a row for one account before it is locked
 * @param addressMaxFailures wrong passwords from one address (any accounts) before it is locked
 * @param lockDuration how long a lock lasts; the right password fails until it ends
 * @param firstDelay the wait after the first failure before the next try is accepted; doubled after
 *     each further failure
 * @param maxDelay the longest such wait
 */
@ConfigurationProperties("tanfang.security.sign-in")
public record SignInProperties(
    @DefaultValue("5") int maxFailures,
    @DefaultValue("20") int addressMaxFailures,
    @DefaultValue("15m") Duration lockDuration,
    @DefaultValue("1s") Duration firstDelay,
    @DefaultValue("30s") Duration maxDelay) {

  /** The wait after the n-th failure in a row: firstDelay, doubling, at most maxDelay. */
  Duration delayAfter(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    Duration d = firstDelay;
    for (int i = 1; i < failures && d.compareTo(maxDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }
}
