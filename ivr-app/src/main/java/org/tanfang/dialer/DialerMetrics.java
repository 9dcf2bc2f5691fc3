package org.tanfang.dialer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.shared.CachedFigures;

/**
 * The PBXs on the metrics endpoint (README "Metrics and logs"): per PBX the channels in use and the
 * live calls over all nodes (from the database, read at most every {@code
 * tanfang.metrics.figures-max-age}), its channel limit, whether this node's AMI is connected, and
 * whether a storm is open (from {@code pbx_storm}); and the conversations running on this node.
 */
@Component
class DialerMetrics implements MeterBinder {
  /** Figures of every PBX at one moment. */
  record Figures(Map<String, Integer> inUse, Map<String, Integer> live, Set<String> storms) {}

  private final AmiDialer dialer;
  private final LiveConversations conversations;
  private final JdbcTemplate jdbc;
  private final CachedFigures<Figures> figures;

  DialerMetrics(
      AmiDialer dialer,
      LiveConversations conversations,
      JdbcTemplate jdbc,
      Clock clock,
      @Value("${tanfang.metrics.figures-max-age:15s}") Duration maxAge) {
    this.dialer = dialer;
    this.conversations = conversations;
    this.jdbc = jdbc;
    this.figures = new CachedFigures<>("PBX channels", this::read, clock, maxAge);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (PbxLine line : dialer.lines()) {
      String pbx = line.name();
      gauge(
          registry,
          "tanfang.pbx.channels.in.use",
          pbx,
          "Channels in use (all nodes)",
          f -> f.inUse().getOrDefault(pbx, 0));
      gauge(
          registry,
          "tanfang.pbx.calls.live",
          pbx,
          "Answered calls in progress (all nodes)",
          f -> f.live().getOrDefault(pbx, 0));
      gauge(
          registry,
          "tanfang.pbx.storm",
          pbx,
          "1 while a storm is open on the PBX",
          f -> f.storms().contains(pbx) ? 1 : 0);
      Gauge.builder("tanfang.pbx.channels.limit", line, l -> l.pbx().channelLimit())
          .description("Calls at once this PBX may carry (channel-limit)")
          .tag("pbx", pbx)
          .register(registry);
      Gauge.builder("tanfang.pbx.connected", line, l -> l.connected() ? 1 : 0)
          .description("1 while this node's AMI connection to the PBX is up")
          .tag("pbx", pbx)
          .register(registry);
    }
    Gauge.builder("tanfang.conversations.live", conversations, LiveConversations::count)
        .description("Conversations (FastAGI scripts) running on this node")
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String pbx,
      String description,
      ToDoubleFunction<Figures> value) {
    Gauge.builder(
            name,
            this,
            m -> {
              Figures f = m.figures.get();
              return f == null ? Double.NaN : value.applyAsDouble(f);
            })
        .description(description)
        .tag("pbx", pbx)
        .register(registry);
  }

  /** The figures now: the same channels {@link CallAttempts#busy} counts, in one pass. */
  private Figures read() {
    Map<String, Integer> inUse = new HashMap<>();
    Map<String, Integer> live = new HashMap<>();
    jdbc.query(
        "select pbx, count(*) as busy, count(*) filter (where status = 'IN_CALL') as up"
            + " from call_attempt where status in ('DIALING', 'IN_CALL') and hung_up_at is null"
            + " and pbx is not null group by pbx"
            + " union all"
            + " select pbx, coalesce(sum(channels), 0), count(*) filter (where status = 'IN_CALL')"
            + " from staff_call where status in ('DIALING', 'IN_CALL') and pbx is not null"
            + " group by pbx",
        rs -> {
          inUse.merge(rs.getString("pbx"), rs.getInt("busy"), Integer::sum);
          live.merge(rs.getString("pbx"), rs.getInt("up"), Integer::sum);
        });
    Set<String> storms =
        new HashSet<>(
            jdbc.queryForList("select pbx from pbx_storm where ended_at is null", String.class));
    return new Figures(Map.copyOf(inUse), Map.copyOf(live), Set.copyOf(storms));
  }
}
