package org.tanfang.testsupport;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One row for one table: only the columns a test sets are written, the others take the schema's
 * defaults, so a fixture row says no more than the test means.
 */
final class Insert {
  /** A column value written as SQL, e.g. the database's {@code now()}. */
  record Sql(String expression) {}

  static final Sql NOW = new Sql("now()");

  private final String table;
  private final Map<String, Object> columns = new LinkedHashMap<>();

  Insert(String table) {
    this.table = table;
  }

  Insert set(String column, Object value) {
    columns.put(column, value instanceof Instant i ? Timestamp.from(i) : value);
    return this;
  }

  Object get(String column) {
    return columns.get(column);
  }

  Insert setIfAbsent(String column, Object value) {
    return columns.containsKey(column) ? this : set(column, value);
  }

  /** Writes the row and returns its id. */
  long save(JdbcTemplate jdbc) {
    List<Object> args = new ArrayList<>();
    String values =
        columns.values().stream()
            .map(
                v -> {
                  if (v instanceof Sql sql) {
                    return sql.expression();
                  }
                  args.add(v);
                  return "?";
                })
            .collect(Collectors.joining(", "));
    String sql =
        "insert into "
            + table
            + " ("
            + String.join(", ", columns.keySet())
            + ") values ("
            + values
            + ") returning id";
    return jdbc.queryForObject(sql, Long.class, args.toArray());
  }
}
