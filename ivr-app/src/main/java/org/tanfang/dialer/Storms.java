package org.tanfang.dialer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The storm log ({@code pbx_storm}, owned by the dialer): start, end, the calls held back. */
@Repository
public class Storms {

  /** One storm; {@code endedAt} null while it lasts. */
  public record Storm(
      long id,
      String pbx,
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
    return jdbc.queryForObject(
        "insert into pbx_storm (pbx, started_at, reason) values (?, ?, ?)"
            + " on conflict (pbx) where ended_at is null do update set reason = pbx_storm.reason"
            + " returning id",
        Long.class,
        pbx,
        Timestamp.from(at),
        reason);
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
        rs.getTimestamp("started_at").toInstant(),
        rs.getString("reason"),
        ended == null ? null : ended.toInstant(),
        rs.getString("ended_by"),
        rs.getInt("held_back"));
  }
}
