package org.tanfang.outcomes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.registry.IdCardNumber;
import org.tanfang.scheduler.elder.Category;

/**
 * Reads the outcome log: every visit (robocall or home visit) with its dials and answers, one row
 * per visit, newest first. Pages for the screen; a forward-only cursor for exports, so an export of
 * any size holds only a few hundred rows in memory.
 */
@Component
public class OutcomeLog {
  public static final int MAX_PAGE_SIZE = 200;
  private static final int FETCH_SIZE = 500;

  /** One row per visit with everything the filters and the columns need. */
  private static final String LOG =
      "select v.id as visit_id, v.kind, v.purpose, v.status, v.outcome as conversation, v.valid,"
          + " v.recorded_by, e.id as elder_id, e.name, e.id_number, e.district, e.street,"
          + " e.community, e.grid,"
          + " (select string_agg(c.category, ',' order by c.category) from elder_category c"
          + " where c.elder_id = e.id) as categories,"
          + " a.attempts, a.last_result, w.worst_intent, w.needs,"
          + " coalesce(v.ended_at, v.started_at, a.last_dialed_at, v.planned_at, v.created_at)"
          + " as at, "
          + LogOutcome.SQL
          + " as log_outcome"
          + " from visit v join elder e on e.id = v.elder_id"
          + " left join lateral (select count(*) as attempts,"
          + " (array_agg(x.result order by x.attempt_no desc))[1] as last_result,"
          + " max(x.dialed_at) as last_dialed_at"
          + " from call_attempt x where x.visit_id = v.id and x.dialed_at is not null) a on true"
          + " left join lateral (select (array_agg(y.intent order by case y.intent"
          + " when 'HELP' then 0 when 'UNWELL' then 1 when 'NEEDS' then 2 when 'UNCLEAR' then 3"
          + " when 'SILENT' then 4 when 'NO' then 5 when 'YES' then 6 else 7 end))[1]"
          + " as worst_intent, string_agg(distinct y.needs, ',') as needs"
          + " from visit_answer y where y.visit_id = v.id"
          // follow-ups (BETTER / NOT_BETTER / ACKNOWLEDGED) are about the last visit, not this one
          + " and y.area not in ('IDENTITY', 'FOLLOW_UP')) w on true";

  /** Newest first; the visit id breaks ties so pages never overlap. */
  private static final String ORDER = " order by log.at desc, log.visit_id desc";

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate readOnly;
  private final Clock clock;

  OutcomeLog(DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setFetchSize(FETCH_SIZE);
    this.jdbc = new NamedParameterJdbcTemplate(template);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.clock = clock;
  }

  public record Page(List<OutcomeRow> items, int page, int size, long total) {
    public int totalPages() {
      return (int) ((total + size - 1) / size);
    }
  }

  public Page page(OutcomeFilter filter, int page, int size) {
    int safeSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
    int safePage = Math.max(0, page);
    MapSqlParameterSource params = new MapSqlParameterSource();
    String where = where(filter, params);
    Long total =
        jdbc.queryForObject("select count(*) from (" + LOG + ") log" + where, params, Long.class);
    params.addValue("limit", safeSize).addValue("offset", (long) safePage * safeSize);
    List<OutcomeRow> items =
        jdbc.query(
            "select * from (" + LOG + ") log" + where + ORDER + " limit :limit offset :offset",
            params,
            (rs, i) -> row(rs));
    return new Page(items, safePage, safeSize, total == null ? 0 : total);
  }

  /**
   * Hands every row the filter selects to {@code sink}, in the page order, streaming from a
   * database cursor (a read-only transaction keeps it open).
   */
  public void forEach(OutcomeFilter filter, Consumer<OutcomeRow> sink) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    String sql = "select * from (" + LOG + ") log" + where(filter, params) + ORDER;
    RowCallbackHandler handler = rs -> sink.accept(row(rs));
    readOnly.executeWithoutResult(tx -> jdbc.query(sql, params, handler));
  }

  private String where(OutcomeFilter f, MapSqlParameterSource params) {
    List<String> conditions = new ArrayList<>();
    conditions.add("log.at >= :start and log.at < :end");
    params.addValue("start", Timestamp.from(f.start(clock)));
    params.addValue("end", Timestamp.from(f.end(clock)));
    if (f.scope() != null && !f.scope().isCity()) {
      java.util.Map<String, Object> scopeParams = new java.util.HashMap<>();
      conditions.add(f.scope().namedSql("log", scopeParams));
      params.addValues(scopeParams);
    }
    equal(conditions, params, "district", f.district());
    equal(conditions, params, "street", f.street());
    equal(conditions, params, "community", f.community());
    equal(conditions, params, "kind", f.kind());
    equal(conditions, params, "purpose", f.purpose());
    if (f.outcome() != null) {
      conditions.add("log.log_outcome = :outcome");
      params.addValue("outcome", f.outcome().name());
    }
    if (f.intent() != null) {
      conditions.add(
          "exists (select 1 from visit_answer i where i.visit_id = log.visit_id"
              + " and i.intent = :intent)");
      params.addValue("intent", f.intent().name());
    }
    if (f.category() != null) {
      conditions.add(
          "exists (select 1 from elder_category c where c.elder_id = log.elder_id"
              + " and c.category = :category)");
      params.addValue("category", f.category().name());
    }
    return " where " + String.join(" and ", conditions);
  }

  private static void equal(
      List<String> conditions, MapSqlParameterSource params, String column, Object value) {
    if (value != null) {
      conditions.add("log." + column + " = :" + column);
      params.addValue(column, value instanceof Enum<?> e ? e.name() : value);
    }
  }

  private static OutcomeRow row(ResultSet rs) throws SQLException {
    String categories = rs.getString("categories");
    return new OutcomeRow(
        rs.getLong("visit_id"),
        rs.getTimestamp("at").toInstant(),
        rs.getLong("elder_id"),
        rs.getString("name"),
        IdCardNumber.mask(rs.getString("id_number")),
        rs.getString("district"),
        rs.getString("street"),
        rs.getString("community"),
        rs.getString("grid"),
        categories == null
            ? List.of()
            : Arrays.stream(categories.split(",")).map(Category::valueOf).toList(),
        VisitKind.valueOf(rs.getString("kind")),
        VisitPurpose.valueOf(rs.getString("purpose")),
        rs.getString("status"),
        LogOutcome.valueOf(rs.getString("log_outcome")),
        rs.getString("conversation"),
        rs.getBoolean("valid"),
        rs.getInt("attempts"),
        rs.getString("last_result"),
        rs.getString("worst_intent"),
        rs.getString("needs"),
        rs.getString("recorded_by"));
  }
}
