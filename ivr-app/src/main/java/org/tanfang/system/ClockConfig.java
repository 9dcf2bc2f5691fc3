package org.tanfang.system;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for the whole application, in the local zone of the elders (tests replace it). Its zone
 * is the application's one zone ({@code tanfang.zone}, default Asia/Shanghai in {@code
 * application.properties}): local days, months and call windows are {@code clock.getZone()}'s, and
 * SQL that needs a local date is given that zone explicitly, never the database session's.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {
  @Bean
  @ConditionalOnMissingBean
  Clock clock(@Value("${tanfang.zone}") ZoneId zone) {
    return Clock.system(zone);
  }
}
