package org.tanfang.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Dev mode's database: a real PostgreSQL started in-process when no external database URL is
 * configured. Production sets {@code TANFANG_DB_URL} and this configuration steps aside, leaving
 * Spring Boot's ordinary DataSource auto-configuration in charge.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfig {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties props) throws IOException {
    // No shutdown hook of its own: it would stop PostgreSQL while the application still drains its
    // calls (README "Stopping and restarting"); Spring closes it last (destroyMethod).
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(props.port())
            .setServerConfig("max_connections", "200")
            .setRegisterShutdownHook(false);
    if (StringUtils.hasText(props.timezone())) {
      builder
          .setServerConfig("timezone", props.timezone())
          .setServerConfig("log_timezone", props.timezone());
    }
    if (props.keepsData()) {
      Path dir = Path.of(props.dataDir()).toAbsolutePath().normalize();
      Files.createDirectories(dir);
      StalePostmasterLock.removeIfDead(dir);
      builder.setDataDirectory(dir).setCleanDataDirectory(false);
      log.info("Starting embedded PostgreSQL, data kept in {}", dir);
    } else {
      log.info("Starting embedded PostgreSQL on a temporary data directory");
    }
    EmbeddedPostgres postgres = builder.start();
    log.info("Embedded PostgreSQL listening on port {}", postgres.getPort());
    return postgres;
  }

  /** Also takes Spring Boot's {@code spring.datasource.hikari.*}, as an external database would. */
  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties props) {
    // Configured before its first connection: the pool starts then, after the binding.
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setMaximumPoolSize(props.poolSize());
    dataSource.setPoolName("tanfang-embedded");
    return dataSource;
  }
}
