package org.tanfang.callflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.registry.PersonNames;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.security.Caller;
import org.tanfang.security.ElderAccess;
import org.tanfang.security.RegionScope;

/**
 * Read model of the calls into the line, for the calls page: the caller's number always masked, the
 * identified elder's name as {@link ElderAccess} says. Identified calls follow the account's region
 * scope; unidentified ones (no elder, so no region) are listed to city-wide accounts only.
 */
@Service
public class InboundCallRows {
  /** One call into the line; {@code elderId} and {@code elderName} null when nobody was named. */
  public record Row(
      long id,
      Instant startedAt,
      String callerMasked,
      Long elderId,
      String elderName,
      String identifiedBy,
      String result) {}

  private final JdbcTemplate jdbc;
  private final ElderAccess access;

  InboundCallRows(JdbcTemplate jdbc, ElderAccess access) {
    this.jdbc = jdbc;
    this.access = access;
  }

  public List<Row> latest(int limit, Caller caller) {
    RegionScope.Sql in = caller.scope().sqlOnElder("e");
    String unknown = caller.scope().isCity() ? "e.id is null or " : "";
    List<Object> args = new ArrayList<>(in.args());
    args.add(limit);
    List<Row> rows =
        jdbc.query(
            "select c.id, c.started_at, c.caller_number, c.elder_id, e.name, c.identified_by,"
                + " c.result from inbound_call c left join elder e on e.id = c.elder_id where ("
                + unknown
                + "(e.id is not null and "
                + in.clause()
                + ")) order by c.id desc limit ?",
            (rs, i) ->
                new Row(
                    rs.getLong("id"),
                    rs.getObject("started_at", Timestamp.class).toInstant(),
                    PhoneNumbers.mask(rs.getString("caller_number")),
                    (Long) rs.getObject("elder_id"),
                    rs.getString("name"),
                    rs.getString("identified_by"),
                    rs.getString("result")),
            args.toArray());
    if (caller.supervises() || rows.isEmpty()) {
      return rows;
    }
    Set<Long> held = access.heldElders(caller.username());
    return rows.stream()
        .map(
            r ->
                r.elderId() == null || access.namesInClear(caller, r.elderId(), held)
                    ? r
                    : new Row(
                        r.id(),
                        r.startedAt(),
                        r.callerMasked(),
                        r.elderId(),
                        PersonNames.mask(r.elderName()),
                        r.identifiedBy(),
                        r.result()))
        .toList();
  }
}
