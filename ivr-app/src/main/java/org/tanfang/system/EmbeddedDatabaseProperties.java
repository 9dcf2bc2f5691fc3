package org.tanfang.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Embedded PostgreSQL used when {@code TANFANG_DB_URL} is not set.
 *
 * @param dataDir folder that keeps the data between runs; empty means a throw-away directory
 * @param port TCP port; 0 picks a free one
 * @param timezone the server's time zone ({@code timezone}, {@code log_timezone}): what psql and
 *     the server log show; {@code tanfang.zone} by default. JDBC sessions take the JVM's zone from
 *     the driver instead, so the application never relies on it; blank leaves PostgreSQL's default
 * @param poolSize connection pool size
 */
@ConfigurationProperties("tanfang.embedded-db")
record EmbeddedDatabaseProperties(
    @DefaultValue("./data/pg") String dataDir,
    @DefaultValue("54329") int port,
    String timezone,
    @DefaultValue("20") int poolSize) {

  boolean keepsData() {
    return StringUtils.hasText(dataDir);
  }
}
