package org.tanfang.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The rows behind a figure, for its drill-down list: elders, visits, cases or call attempts by id,
 * at most {@link #LIMIT} of them. Names and regions only: no phone or ID-card numbers.
 */
@Service
public class FigureLists {
  public static final int LIMIT = 500;

  private final JdbcTemplate jdbc;

  FigureLists(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One row of a list; {@code what}/{@code state} are codes the page labels, {@code at} a time. */
  public record Row(
      long id,
      long elderId,
      String elderName,
      String region,
      String what,
      String state,
      Instant at) {}

  public List<Row> rows(Bucket bucket) {
    List<Long> ids = bucket.ids().subList(0, Math.min(LIMIT, bucket.count()));
    Long[] array = ids.toArray(Long[]::new);
    String sql =
        switch (bucket.subject()) {
          case ELDER ->
              "select e.id, e.id as elder_id, e.name, "
                  + REGION
                  + ", e.status as what,"
                  + " e.status as state, e.updated_at as at, array_position(?, e.id) as pos"
                  + " from elder e where e.id = any (?)";
          case VISIT ->
              "select v.id, e.id as elder_id, e.name, "
                  + REGION
                  + ", v.kind as what,"
                  + " v.status as state, "
                  + ActivityFigures.VISIT_AT
                  + " as at,"
                  + " array_position(?, v.id) as pos"
                  + " from visit v join elder e on e.id = v.elder_id where v.id = any (?)";
          case CASE ->
              "select x.id, e.id as elder_id, e.name, "
                  + REGION
                  + ", x.type as what,"
                  + " x.state, x.created_at as at, array_position(?, x.id) as pos"
                  + " from escalation x join elder e on e.id = x.elder_id where x.id = any (?)";
          case ATTEMPT ->
              "select a.id, e.id as elder_id, e.name, "
                  + REGION
                  + ", a.result as what,"
                  + " a.status as state, coalesce(a.ended_at, a.dialed_at) as at,"
                  + " array_position(?, a.id) as pos"
                  + " from call_attempt a join visit v on v.id = a.visit_id"
                  + " join elder e on e.id = v.elder_id where a.id = any (?)";
        };
    return jdbc.query(sql + " order by pos", (rs, n) -> row(rs), array, array);
  }

  private static final String REGION =
      "concat_ws(' / ', e.district, e.street, e.community, e.grid) as region";

  private static Row row(ResultSet rs) throws SQLException {
    java.sql.Timestamp at = rs.getTimestamp("at");
    return new Row(
        rs.getLong("id"),
        rs.getLong("elder_id"),
        rs.getString("name"),
        rs.getString("region"),
        rs.getString("what"),
        rs.getString("state"),
        at == null ? null : at.toInstant());
  }
}
