package org.tanfang.dialer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code staff_call}: click-to-calls; every change conditional, so late events do nothing. */
@Repository
class StaffCallRows {
  /**
   * A call-back; {@code node} is the node that placed it ({@code dialer_channel_node}), null for
   * one placed before V10 or read by id.
   */
  record Row(
      long id,
      long escalationId,
      String username,
      String phone,
      String status,
      String result,
      Instant elderAnsweredAt,
      String node) {

    /**
     * Whether {@code self} follows this call-back's AMI events: every node connected to the PBX
     * hears them, only the node that placed it acts on them (as {@code
     * CallAttempts.Tracked#followedBy} for attempts). One placed by no known node is followed by
     * all; a gone node's call-backs are ended by the reconcile or the sweep.
     */
    boolean followedBy(String self) {
      return node == null || node.equals(self);
    }
  }

  private final JdbcTemplate jdbc;

  /** This node's name, kept for every call-back it places ({@code dialer_channel_node}). */
  private final String node;

  StaffCallRows(JdbcTemplate jdbc, DialerProperties props) {
    this.node = props.node();
    this.jdbc = jdbc;
  }

  long insert(
      long escalationId,
      String username,
      String staffPhone,
      String phone,
      String pbx,
      String channelId,
      Instant now) {
    return jdbc.queryForObject(
        "with node as (insert into dialer_channel_node (channel_id, node) values (?, ?))"
            + " insert into staff_call (escalation_id, username, staff_phone, phone, pbx,"
            + " channel_id, channels, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id",
        Long.class,
        channelId,
        node,
        escalationId,
        username,
        staffPhone,
        phone,
        pbx,
        channelId,
        StaffPhoneNumbers.isExtension(staffPhone) ? 1 : 2,
        ts(now));
  }

  /** Call-backs still DIALING or IN_CALL, with the node that placed them (none: before V10). */
  java.util.Map<Long, String> liveByNode() {
    java.util.Map<Long, String> live = new java.util.LinkedHashMap<>();
    jdbc.query(
        "select s.id, n.node from staff_call s join dialer_channel_node n using (channel_id)"
            + " where s.status in ('DIALING', 'IN_CALL')",
        rs -> {
          live.put(rs.getLong("id"), rs.getString("node"));
        });
    return live;
  }

  Optional<Row> byChannel(String channelId) {
    return jdbc
        .query(
            "select s.id, s.escalation_id, s.username, s.phone, s.status, s.result,"
                + " s.elder_answered_at, n.node from staff_call s"
                + " left join dialer_channel_node n using (channel_id) where s.channel_id = ?",
            (rs, i) ->
                new Row(
                    rs.getLong("id"),
                    rs.getLong("escalation_id"),
                    rs.getString("username"),
                    rs.getString("phone"),
                    rs.getString("status"),
                    rs.getString("result"),
                    rs.getTimestamp("elder_answered_at") == null
                        ? null
                        : rs.getTimestamp("elder_answered_at").toInstant(),
                    rs.getString("node")),
            channelId)
        .stream()
        .findFirst();
  }

  boolean staffAnswered(long id, Instant now) {
    return jdbc.update(
            "update staff_call set status = 'IN_CALL', answered_at = ? where id = ?"
                + " and status = 'DIALING'",
            ts(now),
            id)
        == 1;
  }

  void dialEnded(long id, String dialStatus, String result, Instant now) {
    jdbc.update(
        "update staff_call set dial_status = ?, result = ?, elder_answered_at = case when ? ="
            + " 'ANSWERED' then ? else elder_answered_at end where id = ? and status <> 'ENDED'",
        dialStatus,
        result,
        result,
        ts(now),
        id);
  }

  /** → ENDED with {@code result} unless one is known; false if it had ended already. */
  boolean end(long id, String result, Instant now) {
    return jdbc.update(
            "update staff_call set status = 'ENDED', result = coalesce(result, ?), ended_at = ?"
                + " where id = ? and status <> 'ENDED'",
            result,
            ts(now),
            id)
        == 1;
  }

  Row byId(long id) {
    return jdbc.queryForObject(
        "select id, escalation_id, username, phone, status, result, elder_answered_at"
            + " from staff_call where id = ?",
        (rs, i) ->
            new Row(
                rs.getLong("id"),
                rs.getLong("escalation_id"),
                rs.getString("username"),
                rs.getString("phone"),
                rs.getString("status"),
                rs.getString("result"),
                rs.getTimestamp("elder_answered_at") == null
                    ? null
                    : rs.getTimestamp("elder_answered_at").toInstant(),
                null),
        id);
  }

  /**
   * DIALING/IN_CALL call-backs of {@code pbx} placed at or before {@code before}: id → channel id.
   */
  java.util.Map<Long, String> liveOn(String pbx, Instant before) {
    java.util.Map<Long, String> live = new java.util.LinkedHashMap<>();
    jdbc.query(
        "select id, channel_id from staff_call where pbx = ? and status in ('DIALING', 'IN_CALL')"
            + " and created_at <= ?",
        rs -> {
          live.put(rs.getLong("id"), rs.getString("channel_id"));
        },
        pbx,
        ts(before));
    return live;
  }

  List<Long> stale(Instant dialingBefore, Instant inCallBefore) {
    return jdbc.queryForList(
        "select id from staff_call where (status = 'DIALING' and created_at < ?)"
            + " or (status = 'IN_CALL' and answered_at < ?)",
        Long.class,
        ts(dialingBefore),
        ts(inCallBefore));
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
