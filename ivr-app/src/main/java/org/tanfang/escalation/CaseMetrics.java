package org.tanfang.escalation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.shared.CachedFigures;

/**
 * Open cases on the metrics endpoint (README "Metrics and logs"): how many are open by type and
 * level, and how many of them are past their deadline, read from the database at most every {@code
 * tanfang.metrics.figures-max-age} however often Prometheus scrapes. Every type and level has its
 * series from the start (0 when none), so a graph does not begin with a gap.
 */
@Component
class CaseMetrics implements MeterBinder {
  /** Open and overdue cases per "TYPE/LEVEL". */
  record Figures(Map<String, Integer> open, Map<String, Integer> overdue) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final CachedFigures<Figures> figures;

  CaseMetrics(
      JdbcTemplate jdbc,
      Clock clock,
      @Value("${tanfang.metrics.figures-max-age:15s}") Duration maxAge) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.figures = new CachedFigures<>("open cases", this::read, clock, maxAge);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (EscalationType type : EscalationType.values()) {
      for (Level level : Level.values()) {
        String key = type.name() + "/" + level.name();
        Gauge.builder("tanfang.cases.open", this, m -> m.value(key, false))
            .description("Open cases (not resolved), by type and level")
            .tag("type", type.name())
            .tag("level", level.name())
            .register(registry);
        Gauge.builder("tanfang.cases.overdue", this, m -> m.value(key, true))
            .description("Open cases past their deadline, by type and level")
            .tag("type", type.name())
            .tag("level", level.name())
            .register(registry);
      }
    }
  }

  private double value(String key, boolean overdue) {
    Figures f = figures.get();
    if (f == null) {
      return Double.NaN;
    }
    return (overdue ? f.overdue() : f.open()).getOrDefault(key, 0);
  }

  private Figures read() {
    Map<String, Integer> open = new HashMap<>();
    Map<String, Integer> overdue = new HashMap<>();
    jdbc.query(
        "select type, level, count(*) as open, count(*) filter (where deadline < ?) as overdue"
            + " from escalation where state <> 'RESOLVED' group by type, level",
        rs -> {
          String key = rs.getString("type") + "/" + rs.getString("level");
          open.put(key, rs.getInt("open"));
          overdue.put(key, rs.getInt("overdue"));
        },
        Timestamp.from(clock.instant()));
    return new Figures(Map.copyOf(open), Map.copyOf(overdue));
  }
}
