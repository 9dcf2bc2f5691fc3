package org.tanfang.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class RunModeConfig {
  private static final Logger log = LoggerFactory.getLogger(RunModeConfig.class);

  @Bean
  RunMode runMode(Environment env) {
    RunMode mode = RunMode.of(env);
    log.info(
        "Run mode {}: {}",
        mode,
        mode == RunMode.DEV
            ? "embedded PostgreSQL (no " + RunMode.DATABASE_URL + ")"
            : "external PostgreSQL");
    return mode;
  }
}
