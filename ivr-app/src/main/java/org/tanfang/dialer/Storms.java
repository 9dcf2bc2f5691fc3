package org.tanfang.dialer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The storm log ({@code pbx_storm}, owned by the dialer): start, cause, end, the calls held back.
 * The open row is the storm itself: every node reads it, none keeps its own copy.
 */
@Repository
public class Storms {

  /** Why a storm opened ({@code pbx_storm.cause}, V15). */
  public enum Cause {
    /** The share of network failures over the sliding window. */
    FAILURES,
    /** A node lost its AMI connection to the PBX. */
    AMI_LOST,
    /** The trunk's outbound registration is not Registered. */
    REGISTRATION_LOST
  }

  /** One storm; {@code endedAt} null while it lasts; {@code trunk} null: the whole PBX. */
  public record Storm(
      long id,
      String pbx,
      String trunk,
      Cause cause,
      Instant startedAt,
      String reason,
      Instant endedAt,
      String endedBy,
      int heldBack) {
    public boolean open() {
      return endedAt == null;
    }
  }

  private final JdbcTemplate jdbc;

  Storms(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long start(String pbx, String reason, Instant at) {
    return start(pbx, null, Cause.FAILURES, reason, at);
  }

  /**
   * Opens a storm on {@code pbx}, or returns the one already open (one open storm per PBX, the
   * unique index {@code pbx_storm_open_once}: two nodes opening at once get the same row).
   */
  long start(String pbx, String trunk, Cause cause, String reason, Instant at) {
    return jdbc.queryForObject(
        "insert into pbx_storm (pbx, trunk, cause, started_at, reason) values (?, ?, ?, ?, ?)"
            + " on conflict (pbx) where ended_at is null do update set reason = pbx_storm.reason"
            + " returning id",
        Long.class,
        pbx,
        trunk,
        cause.name(),
        Timestamp.from(at),
        reason);
  }

  /** The storm open on {@code pbx} now, whichever node opened it. */
  public Optional<Storm> openOn(String pbx) {
    return jdbc
        .query("select * from pbx_storm where pbx = ? and ended_at is null", this::map, pbx)
        .stream()
        .findFirst();
  }

  void heldBack(long id, int calls) {
    jdbc.update("update pbx_storm set held_back = held_back + ? where id = ?", calls, id);
  }

  /** Ends the storm; false when it was already over. */
  boolean end(long id, String by, Instant at) {
    return jdbc.update(
            "update pbx_storm set ended_at = ?, ended_by = ? where id = ? and ended_at is null",
            Timestamp.from(at),
            by,
            id)
        == 1;
  }

  public List<Storm> open() {
    return jdbc.query(
        "select * from pbx_storm where ended_at is null order by started_at", this::map);
  }

  public List<Storm> latest(int limit) {
    return jdbc.query(
        "select * from pbx_storm order by started_at desc, id desc limit ?", this::map, limit);
  }

  public Optional<Storm> byId(long id) {
    return jdbc.query("select * from pbx_storm where id = ?", this::map, id).stream().findFirst();
  }

  private Storm map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Timestamp ended = rs.getTimestamp("ended_at");
    return new Storm(
        rs.getLong("id"),
        rs.getString("pbx"),
        rs.getString("trunk"),
        Cause.valueOf(rs.getString("cause")),
        rs.getTimestamp("started_at").toInstant(),
        rs.getString("reason"),
        ended == null ? null : ended.toInstant(),
        rs.getString("ended_by"),
        rs.getInt("held_back"));
  }
}
