package org.tanfang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneId;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.TanfangTest;

/**
 * Data tests run with three zones apart from UTC in the right places: the JVM in Asia/Shanghai, the
 * application in {@code tanfang.zone} (Asia/Shanghai), the database session in UTC — so a query
 * that takes a local day from the session zone gets a different day between 00:00 and 08:00.
 */
@TanfangTest
class DatabaseZoneTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @Test
  void theDatabaseSessionRunsInAnotherZoneThanTheJvmAndTheApplication() {
    assertThat(TimeZone.getDefault().getID()).isEqualTo("Asia/Shanghai");
    assertThat(clock.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(jdbc.queryForObject("show timezone", String.class)).isEqualTo("UTC");
  }
}
