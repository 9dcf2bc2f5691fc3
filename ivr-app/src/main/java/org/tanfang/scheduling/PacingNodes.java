package org.tanfang.scheduling;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The nodes that pace now ({@code pacing_node}, V118): each pass stamps its own node's row and, in
 * the same statement, counts the other nodes whose stamp is recent. The count is what a node's
 * share of the channels is divided by; nothing else coordinates the nodes. Stamps are the
 * database's time (every node shares that clock; the application clock, which tests move, is not
 * it). A node is counted while its last stamp is younger than three of its own intervals plus
 * {@link #GRACE_MS} (a pass that ran long, a skipped fire); a graceful stop removes its row at once
 * ({@link #leave}).
 */
public class PacingNodes {
  /** Beyond three intervals: a pass may take seconds on a loaded machine (a large pass's sends). */
  static final long GRACE_MS = 5000;

  private static final String BEAT =
      """
      with beat as (
        insert into pacing_node (node, beat_at, every_ms) values (?, clock_timestamp(), ?)
        on conflict (node) do update set beat_at = excluded.beat_at, every_ms = excluded.every_ms
        returning node)
      select 1 + count(*) from pacing_node p
      where p.node <> (select node from beat)
        and p.beat_at + make_interval(secs => (3 * p.every_ms + ?) / 1000.0) >= clock_timestamp()
      """;

  private final JdbcTemplate jdbc;
  private final Duration every;
  private final String node;

  /** {@code node}: this node's name; {@code every}: its pacing interval. */
  public PacingNodes(JdbcTemplate jdbc, Duration every, String node) {
    this.jdbc = jdbc;
    this.every = every;
    this.node = node;
  }

  /** Stamps this node's row and returns the nodes pacing now, this one included (at least 1). */
  public int beat() {
    Integer n =
        jdbc.queryForObject(
            BEAT, Integer.class, node, (int) Math.max(1, every.toMillis()), GRACE_MS);
    return n == null ? 1 : Math.max(1, n);
  }

  /** This node stops pacing: the others take its share at their next pass. */
  public void leave() {
    jdbc.update("delete from pacing_node where node = ?", node);
  }
}
