package org.tanfang.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Every Spring test runs on the same movable clock, starting 2026-03-15 10:00 in Haikou. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfig {
  public static final String START = "2026-03-15T10:00:00";

  @Bean
  @Primary
  MutableClock clock() {
    return MutableClock.at(START);
  }
}
