package org.tanfang.callflow;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.dialer.DialerProperties;
import org.tanfang.dialer.NodeCalls;

/**
 * The {@code inbound_call} rows (owned here): every call into the line, the node that answered it,
 * and how it went. A call a stopped node left open is ended LOST at the next start-up ({@link
 * NodeCalls}).
 */
@Component
class InboundCalls implements NodeCalls {
  enum IdentifiedBy {
    CALLER_ID,
    ID_DIGITS,
    PIN
  }

  enum Result {
    VISIT,
    STAFF,
    HUNG_UP,
    /** The node serving it stopped mid-call; ended by the next start-up's reconcile. */
    LOST
  }

  private final JdbcTemplate jdbc;
  private final String node;
  private final Clock clock;

  InboundCalls(JdbcTemplate jdbc, DialerProperties props, Clock clock) {
    this.jdbc = jdbc;
    this.node = props.node();
    this.clock = clock;
  }

  long started(String callerNumber, String dialled, String channel, Instant at) {
    return jdbc.queryForObject(
        "insert into inbound_call (caller_number, dialled, channel, node, started_at)"
            + " values (?, ?, ?, ?, ?) returning id",
        Long.class,
        cut(callerNumber, 32),
        cut(dialled, 32),
        cut(channel, 80),
        cut(node, 80),
        Timestamp.from(at));
  }

  @Override
  public Set<String> nodesWithOpenCalls() {
    return new HashSet<>(
        jdbc.queryForList(
            "select distinct node from inbound_call where ended_at is null and node is not null",
            String.class));
  }

  @Override
  public int endLeftBy(String gone) {
    return jdbc.update(
        "update inbound_call set result = 'LOST', ended_at = ? where node = ? and ended_at is null",
        Timestamp.from(clock.instant()),
        gone);
  }

  void identified(long id, long elderId, IdentifiedBy how, long attemptId) {
    jdbc.update(
        "update inbound_call set elder_id = ?, identified_by = ?, attempt_id = ? where id = ?",
        elderId,
        how.name(),
        attemptId,
        id);
  }

  void ended(long id, Result result, Instant at) {
    jdbc.update(
        "update inbound_call set result = ?, ended_at = ? where id = ?",
        result.name(),
        Timestamp.from(at),
        id);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
