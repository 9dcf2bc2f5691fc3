package org.tanfang.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the audit log for supervisors and administrators, inside their scope: a city-level caller
 * sees every entry; a scoped one sees the entries about elders inside their scope and their own.
 */
@Component
public class AuditQueries {
  public static final int MAX_PAGE_SIZE = 200;

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;

  AuditQueries(NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One entry: who did what to which subject, when and why. */
  public record Entry(
      long id,
      Instant at,
      String username,
      String action,
      String subjectType,
      String subjectId,
      String detail,
      String purpose) {}

  /** What to show; null means any. {@code from} / {@code to} are local days in the clock's zone. */
  public record Filter(String username, String action, Long elderId, LocalDate from, LocalDate to) {
    public String describe() {
      return "who=" + username + " what=" + action + " elder=" + elderId + " from=" + from + " to="
          + to;
    }
  }

  public record Page(List<Entry> items, int page, int size, long total) {
    public int totalPages() {
      return (int) ((total + size - 1) / size);
    }
  }

  public Page page(Filter f, int page, int size, Caller caller) {
    int safeSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
    int safePage = Math.max(0, page);
    Map<String, Object> params = new HashMap<>();
    String where = where(f, caller, params);
    Long total =
        jdbc.queryForObject("select count(*) from audit_event a" + where, params, Long.class);
    params.put("limit", safeSize);
    params.put("offset", (long) safePage * safeSize);
    List<Entry> items =
        jdbc.query(
            "select * from audit_event a"
                + where
                + " order by a.id desc limit :limit offset :offset",
            params,
            AuditQueries::entry);
    return new Page(items, safePage, safeSize, total == null ? 0 : total);
  }

  /** Every entry the filter selects, newest first (for exports). */
  public void forEach(Filter f, Caller caller, Consumer<Entry> sink) {
    Map<String, Object> params = new HashMap<>();
    jdbc.query(
        "select * from audit_event a" + where(f, caller, params) + " order by a.id desc",
        params,
        rs -> {
          sink.accept(entry(rs, 0));
        });
  }

  private String where(Filter f, Caller caller, Map<String, Object> params) {
    List<String> c = new ArrayList<>();
    if (!caller.scope().isCity()) {
      c.add(
          "(a.username = :me or (a.subject_type = 'elder' and exists (select 1 from elder e"
              + " where cast(e.id as varchar) = a.subject_id and "
              + caller.scope().namedSql("e", params)
              + ")))");
      params.put("me", caller.username());
    }
    if (f.username() != null && !f.username().isBlank()) {
      c.add("a.username = :who");
      params.put("who", f.username().strip());
    }
    if (f.action() != null && !f.action().isBlank()) {
      c.add("a.action = :what");
      params.put("what", f.action().strip().toUpperCase());
    }
    if (f.elderId() != null) {
      c.add("a.subject_type = 'elder' and a.subject_id = :elder");
      params.put("elder", f.elderId().toString());
    }
    if (f.from() != null) {
      c.add("a.at >= :from");
      params.put("from", Timestamp.from(f.from().atStartOfDay(clock.getZone()).toInstant()));
    }
    if (f.to() != null) {
      c.add("a.at < :to");
      params.put(
          "to", Timestamp.from(f.to().plusDays(1).atStartOfDay(clock.getZone()).toInstant()));
    }
    return c.isEmpty() ? "" : " where " + String.join(" and ", c);
  }

  private static Entry entry(ResultSet rs, int i) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getTimestamp("at").toInstant(),
        rs.getString("username"),
        rs.getString("action"),
        rs.getString("subject_type"),
        rs.getString("subject_id"),
        rs.getString("detail"),
        rs.getString("purpose"));
  }
}
