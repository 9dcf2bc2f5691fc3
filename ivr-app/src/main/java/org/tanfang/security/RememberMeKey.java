package org.tanfang.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The secret that signs remember-me cookies: {@code tanfang.security.remember-me-key}, else a
 * random one made at the first start and kept in {@code app_setting} (the same on every node, and
 * across restarts, so a visitor stays signed in through a deployment).
 */
@Component
class RememberMeKey {
  private static final String SETTING = "security.remember-me-key";

  private final JdbcTemplate jdbc;
  private final SecurityProperties props;
  private final Clock clock;
  private volatile String key;

  RememberMeKey(JdbcTemplate jdbc, SecurityProperties props, Clock clock) {
    this.jdbc = jdbc;
    this.props = props;
    this.clock = clock;
  }

  String key() {
    if (!props.rememberMeKey().isBlank()) {
      return props.rememberMeKey();
    }
    if (key == null) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      jdbc.update(
          "insert into app_setting (key, value, updated_at) values (?, ?, ?)"
              + " on conflict (key) do nothing",
          SETTING,
          HexFormat.of().formatHex(random),
          Timestamp.from(clock.instant()));
      key =
          jdbc.queryForObject("select value from app_setting where key = ?", String.class, SETTING);
    }
    return key;
  }
}
