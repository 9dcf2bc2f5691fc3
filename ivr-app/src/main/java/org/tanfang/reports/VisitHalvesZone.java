package org.tanfang.reports;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code local_zone} (the zone the {@code visit} trigger files visits into half months by,
 * V51) equal to the application's zone; when it changes, recounts {@code elder_visit_halves}.
 */
@Component
class VisitHalvesZone implements InitializingBean {
  private static final Logger log = LoggerFactory.getLogger(VisitHalvesZone.class);

  private final JdbcTemplate jdbc;
  private final String zone;

  private final ClosedMonths closed;

  VisitHalvesZone(JdbcTemplate jdbc, Clock clock, ClosedMonths closed) {
    this.jdbc = jdbc;
    this.closed = closed;
    this.zone = clock.getZone().getId();
  }

  @Override
  public void afterPropertiesSet() {
    String stored = jdbc.queryForObject("select zone from local_zone", String.class);
    if (!zone.equals(stored)) {
      log.info("Zone changed from {} to {}: recounting the visited half months", stored, zone);
      jdbc.update("update local_zone set zone = ?", zone);
      jdbc.execute("select elder_visit_halves_rebuild()");
      // the stored months were cut into months by the old zone's midnights
      closed.forgetAll();
    }
  }
}
