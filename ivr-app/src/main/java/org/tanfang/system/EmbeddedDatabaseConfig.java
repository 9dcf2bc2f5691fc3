package org.tanfang.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

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
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(props.port())
            .setServerConfig("timezone", props.timezone())
            .setServerConfig("log_timezone", props.timezone())
            .setServerConfig("max_connections", "200");
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

  @Bean
  DataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties props) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(props.poolSize());
    config.setPoolName("tanfang-embedded");
    return new HikariDataSource(config);
  }
}
