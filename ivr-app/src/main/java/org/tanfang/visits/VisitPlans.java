package org.tanfang.visits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Plans visits in bulk (the owner of {@code visit}/{@code call_attempt} for planning, beside {@link
 * Visits}): one statement per chunk inserts the visits and their first attempts together ({@code
 * unnest} of arrays, {@code on conflict do nothing} on the unique indexes of V21), so planning is
 * idempotent and a million rows need a few hundred round trips.
 */
@Component
public class VisitPlans {
  static final int CHUNK = 5_000;

  private static final String PHONE_VISITS =
      """
      with rows as (
        select * from unnest(?::bigint[], ?::bigint[], ?::int[], ?::varchar[], ?::int[],
                             ?::varchar[], ?::varchar[])
          as r(elder_id, due_ms, priority, phone, phone_index, policy_version, reason)),
      ins as (
        insert into visit (elder_id, kind, purpose, cycle_start, cycle_end, status, planned_at,
                           policy_version, reason, special_round_id, script_id, created_at, updated_at)
        select elder_id, 'PHONE', ?::varchar, ?::date, ?::date, 'PLANNED',
               to_timestamp(due_ms / 1000.0), policy_version, reason, ?::bigint, ?::varchar,
               ?::timestamptz, ?::timestamptz
        from rows
        on conflict do nothing
        returning id, elder_id)
      insert into call_attempt (visit_id, attempt_no, phone, phone_index, priority, due_at, status,
                                created_at)
      select ins.id, 1, rows.phone, rows.phone_index, rows.priority,
             to_timestamp(rows.due_ms / 1000.0), 'SCHEDULED', ?::timestamptz
      from ins join rows on rows.elder_id = ins.elder_id
      """;

  private static final String HOME_VISITS =
      """
      insert into visit (elder_id, kind, purpose, cycle_start, cycle_end, status, planned_at,
                         policy_version, reason, special_round_id, script_id, created_at, updated_at)
      select elder_id, 'HOME', ?::varchar, ?::date, ?::date, 'PLANNED', null::timestamptz,
             policy_version, reason, ?::bigint, ?::varchar, ?::timestamptz, ?::timestamptz
      from unnest(?::bigint[], ?::varchar[], ?::varchar[]) as r(elder_id, policy_version, reason)
      on conflict do nothing
      """;

  private final JdbcTemplate jdbc;

  public VisitPlans(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The visits' common columns: purpose, cycle (null for special rounds), round and script. */
  public record Batch(
      String purpose,
      LocalDate cycleStart,
      LocalDate cycleLastDay,
      Long roundId,
      String scriptId,
      Instant now) {}

  /** Inserts visits and first attempts; returns how many visits were new. */
  public int insertPhoneVisits(Batch batch, List<NewVisit> visits) {
    int inserted = 0;
    for (int from = 0; from < visits.size(); from += CHUNK) {
      List<NewVisit> chunk = visits.subList(from, Math.min(visits.size(), from + CHUNK));
      inserted +=
          jdbc.execute((ConnectionCallback<Integer>) c -> insertPhoneChunk(c, batch, chunk));
    }
    return inserted;
  }

  private static int insertPhoneChunk(Connection c, Batch batch, List<NewVisit> chunk)
      throws SQLException {
    int n = chunk.size();
    Long[] elders = new Long[n];
    Long[] due = new Long[n];
    Integer[] priorities = new Integer[n];
    String[] phones = new String[n];
    Integer[] indexes = new Integer[n];
    String[] versions = new String[n];
    String[] reasons = new String[n];
    for (int i = 0; i < n; i++) {
      NewVisit v = chunk.get(i);
      elders[i] = v.elderId();
      due[i] = v.dueAt().toEpochMilli();
      priorities[i] = v.priority();
      phones[i] = v.phone();
      indexes[i] = v.phoneIndex();
      versions[i] = v.policyVersion();
      reasons[i] = v.reason();
    }
    try (PreparedStatement ps = c.prepareStatement(PHONE_VISITS)) {
      ps.setArray(1, c.createArrayOf("bigint", elders));
      ps.setArray(2, c.createArrayOf("bigint", due));
      ps.setArray(3, c.createArrayOf("int4", priorities));
      ps.setArray(4, c.createArrayOf("varchar", phones));
      ps.setArray(5, c.createArrayOf("int4", indexes));
      ps.setArray(6, c.createArrayOf("varchar", versions));
      ps.setArray(7, c.createArrayOf("varchar", reasons));
      int p = setCommon(ps, 8, batch);
      ps.setTimestamp(p, Timestamp.from(batch.now()));
      return ps.executeUpdate();
    }
  }

  /** Home-visit tasks (no attempts); returns how many were new. */
  public int insertHomeVisits(Batch batch, List<NewVisit> visits) {
    int inserted = 0;
    for (int from = 0; from < visits.size(); from += CHUNK) {
      List<NewVisit> chunk = visits.subList(from, Math.min(visits.size(), from + CHUNK));
      inserted +=
          jdbc.execute(
              (ConnectionCallback<Integer>)
                  c -> {
                    try (PreparedStatement ps = c.prepareStatement(HOME_VISITS)) {
                      int p = setCommon(ps, 1, batch);
                      ps.setArray(
                          p,
                          c.createArrayOf(
                              "bigint", chunk.stream().map(NewVisit::elderId).toArray()));
                      ps.setArray(
                          p + 1,
                          c.createArrayOf(
                              "varchar", chunk.stream().map(NewVisit::policyVersion).toArray()));
                      ps.setArray(
                          p + 2,
                          c.createArrayOf(
                              "varchar", chunk.stream().map(NewVisit::reason).toArray()));
                      return ps.executeUpdate();
                    }
                  });
    }
    return inserted;
  }

  /** purpose, cycle start, cycle last day, round, script, created, updated. */
  private static int setCommon(PreparedStatement ps, int p, Batch batch) throws SQLException {
    ps.setString(p++, batch.purpose());
    ps.setObject(p++, batch.cycleStart(), java.sql.Types.DATE);
    ps.setObject(p++, batch.cycleLastDay(), java.sql.Types.DATE);
    ps.setObject(p++, batch.roundId(), java.sql.Types.BIGINT);
    ps.setString(p++, batch.scriptId());
    ps.setTimestamp(p++, Timestamp.from(batch.now()));
    ps.setTimestamp(p++, Timestamp.from(batch.now()));
    return p;
  }
}
