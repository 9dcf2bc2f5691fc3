package org.tanfang.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.registry.IdCardNumber;
import org.tanfang.registry.PersonNames;
import org.tanfang.registry.PhoneNumbers;

/**
 * The visit record form (《特殊困难老年人探访关爱服务记录表》) of one visit and the ledger (台账) of an elder or a
 * street: the elder's basic data masked unless {@code privileged}, the visit, and for each of the
 * six areas what was found (the answer) and what was done (the cases it raised).
 */
@Service
public class VisitRecords {
  public static final List<String> AREAS =
      List.of("HEALTH", "LIVING", "FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL");

  private final JdbcTemplate jdbc;
  private final ZoneId zone;
  private final Clock clock;

  VisitRecords(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = clock.getZone();
  }

  /** One area of the form: the intent heard or recorded, the words (note, transcript, needs). */
  public record Finding(String area, String intent, String detail) {}

  /** A case the visit raised: what was done about what it found. */
  public record FollowUp(long caseId, String type, String state, String outcome) {}

  public record Elder(
      long id,
      String name,
      String sex,
      Integer age,
      String idNumber,
      String phone,
      String address,
      String region,
      String visitor,
      boolean masked) {}

  public record Record(
      long visitId,
      Elder elder,
      Instant at,
      String kind,
      String purpose,
      String status,
      String outcome,
      boolean valid,
      String recordedBy,
      String notes,
      Map<String, Finding> areas,
      List<FollowUp> followUps) {}

  private static final String SELECT =
      "select v.id, v.kind, v.purpose, v.status, v.outcome, v.valid, v.recorded_by, v.notes, "
          + ActivityFigures.VISIT_AT
          + " as at, e.id as elder_id, e.name, e.sex, e.birth_date,"
          + " e.id_number, e.primary_phone, e.address, e.visitor_name, e.visitor_role,"
          + " concat_ws(' / ', e.district, e.street, e.community, e.grid) as region"
          + " from visit v join elder e on e.id = v.elder_id";

  public Optional<Record> record(long visitId, boolean privileged) {
    List<Record> found =
        jdbc.query(SELECT + " where v.id = ?", (rs, n) -> map(rs, privileged), visitId);
    return found.stream().findFirst().map(this::withDetails);
  }

  /** Every visit of an elder, oldest first (test calls aside). */
  public List<Record> ofElder(long elderId, boolean privileged) {
    return jdbc
        .query(
            SELECT + " where v.elder_id = ? and v.purpose <> 'TEST' order by at, v.id",
            (rs, n) -> map(rs, privileged),
            elderId)
        .stream()
        .map(this::withDetails)
        .toList();
  }

  /** The visits of a month in an area (a street's ledger), by time. */
  public List<Record> ofArea(YearMonth month, Area area, boolean privileged) {
    List<Object> args = new ArrayList<>();
    args.add(Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant()));
    args.add(Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
    String where = area.where("e", args);
    return jdbc
        .query(
            SELECT
                + " where v.purpose <> 'TEST' and "
                + ActivityFigures.VISIT_AT
                + " >= ? and "
                + ActivityFigures.VISIT_AT
                + " < ?"
                + where
                + " order by at, v.id",
            (rs, n) -> map(rs, privileged),
            args.toArray())
        .stream()
        .map(this::withDetails)
        .toList();
  }

  private Record withDetails(Record r) {
    Map<String, Finding> areas = new LinkedHashMap<>();
    jdbc.query(
        "select area, intent, coalesce(transcript, needs) from visit_answer where visit_id = ?"
            + " order by answered_at, id",
        rs -> {
          String area = rs.getString(1);
          if (AREAS.contains(area)) {
            areas.put(area, new Finding(area, rs.getString(2), rs.getString(3)));
          }
        },
        r.visitId());
    List<FollowUp> followUps =
        jdbc.query(
            "select id, type, state, outcome from escalation where visit_id = ?"
                + " or resolution_visit_id = ? order by id",
            (rs, n) ->
                new FollowUp(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
            r.visitId(),
            r.visitId());
    return new Record(
        r.visitId(),
        r.elder(),
        r.at(),
        r.kind(),
        r.purpose(),
        r.status(),
        r.outcome(),
        r.valid(),
        r.recordedBy(),
        r.notes(),
        areas,
        followUps);
  }

  private Record map(ResultSet rs, boolean privileged) throws SQLException {
    LocalDate born = rs.getObject("birth_date", LocalDate.class);
    Integer age =
        born == null
            ? null
            : Period.between(born, LocalDate.ofInstant(clock.instant(), zone)).getYears();
    String visitor = rs.getString("visitor_name");
    if (visitor != null && rs.getString("visitor_role") != null) {
      visitor = visitor + " (" + rs.getString("visitor_role") + ")";
    }
    Elder elder =
        new Elder(
            rs.getLong("elder_id"),
            privileged ? rs.getString("name") : PersonNames.mask(rs.getString("name")),
            rs.getString("sex"),
            age,
            IdCardNumber.mask(rs.getString("id_number")),
            privileged
                ? rs.getString("primary_phone")
                : PhoneNumbers.mask(rs.getString("primary_phone")),
            privileged ? rs.getString("address") : null,
            rs.getString("region"),
            visitor,
            !privileged);
    Timestamp at = rs.getTimestamp("at");
    return new Record(
        rs.getLong("id"),
        elder,
        at == null ? null : at.toInstant(),
        rs.getString("kind"),
        rs.getString("purpose"),
        rs.getString("status"),
        rs.getString("outcome"),
        rs.getBoolean("valid"),
        rs.getString("recorded_by"),
        rs.getString("notes"),
        Map.of(),
        List.of());
  }
}
