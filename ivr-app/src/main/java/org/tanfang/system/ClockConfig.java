package org.tanfang.system;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the whole application, in the local zone of the elders (tests replace it). */
@Configuration(proxyBeanMethods = false)
class ClockConfig {
  @Bean
  @ConditionalOnMissingBean
  Clock clock(@Value("${tanfang.zone:Asia/Shanghai}") String zone) {
    return Clock.system(ZoneId.of(zone));
  }
}
