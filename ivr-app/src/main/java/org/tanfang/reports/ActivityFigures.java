package org.tanfang.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.reports.Bucket.Subject;

/**
 * What happened in an area in a month, beside coverage: valid visits by kind, cases and their
 * response times, how calls ended, elders handed to a person, and the needs heard. Each figure is a
 * {@link Bucket} keyed as the dashboard and its lists name it (README "Dashboard").
 */
@Service
public class ActivityFigures {

  public static final List<String> CASE_TYPES =
      List.of(
          "DISTRESS",
          "LISTEN_NOW",
          "PARTIAL",
          "UNREACHABLE",
          "FOLLOW_UP",
          "NEEDS",
          "LISTEN",
          "HOME_VISIT");
  public static final List<String> CALL_RESULTS =
      List.of("ANSWERED", "NO_ANSWER", "BUSY", "INVALID_NUMBER", "OTHER");
  public static final List<String> NEED_KINDS =
      List.of("FOOD", "MEDICINE", "MONEY", "REPAIRS", "COMPANY", "CARE", "OTHER");

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ActivityFigures.class);

  /** A visit's date, as coverage dates it. */
  static final String VISIT_AT = "coalesce(v.ended_at, v.started_at, v.planned_at, v.updated_at)";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ZoneId zone;

  ActivityFigures(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = clock.getZone();
  }

  /** Distress response times in seconds (median and 90th percentile; null with no cases). */
  public record ResponseTimes(
      Double claimMedian, Double claimP90, Double resolveMedian, Double resolveP90) {}

  public record Result(Map<String, Bucket> buckets, ResponseTimes distress) {}

  public Result month(YearMonth month, Area area) {
    Map<String, Bucket> buckets = new LinkedHashMap<>();
    Timestamp from = Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant());
    Timestamp to = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    visits(area, from, to, buckets);
    ResponseTimes times = cases(area, from, to, buckets);
    calls(area, from, to, buckets);
    unreachable(area, from, to, buckets);
    needs(area, from, to, buckets);
    return new Result(buckets, times);
  }

  /** Valid visits by kind: counted in SQL, the ids read when a list is opened. */
  private void visits(Area area, Timestamp from, Timestamp to, Map<String, Bucket> out) {
    String sql =
        " from visit v join elder e on e.id = v.elder_id"
            + " where v.valid and v.purpose <> 'TEST' and "
            + VISIT_AT
            + " >= ? and "
            + VISIT_AT
            + " < ?";
    Map<String, Integer> counts = new LinkedHashMap<>(Map.of("PHONE", 0, "HOME", 0));
    query(
        "select v.kind, count(*)" + sql,
        " group by v.kind",
        area,
        from,
        to,
        rs -> counts.put(rs.getString(1), rs.getInt(2)));
    for (String kind : List.of("PHONE", "HOME")) {
      out.put(
          "visits." + kind,
          lazy(
              Subject.VISIT,
              counts.get(kind),
              "select v.id" + sql + " and v.kind = '" + kind + "'",
              " order by v.id",
              area,
              from,
              to));
    }
  }

  private ResponseTimes cases(Area area, Timestamp from, Timestamp to, Map<String, Bucket> out) {
    Map<String, List<Long>> byType = ids(CASE_TYPES.toArray(String[]::new));
    List<Long> overdue = new ArrayList<>();
    List<Long> escalated = new ArrayList<>();
    List<Long> unclaimed = new ArrayList<>();
    List<Long> claimSeconds = new ArrayList<>();
    List<Long> resolveSeconds = new ArrayList<>();
    Instant now = clock.instant();
    query(
        "select x.id, x.type, x.state, x.level, x.deadline, x.created_at, x.claimed_at,"
            + " x.resolved_at from escalation x join elder e on e.id = x.elder_id"
            + " where x.created_at >= ? and x.created_at < ?",
        area,
        from,
        to,
        rs -> {
          long id = rs.getLong("id");
          String type = rs.getString("type");
          byType.computeIfAbsent(type, k -> new ArrayList<>()).add(id);
          Instant deadline = rs.getTimestamp("deadline").toInstant();
          Instant created = rs.getTimestamp("created_at").toInstant();
          Instant claimed = instant(rs.getTimestamp("claimed_at"));
          Instant resolved = instant(rs.getTimestamp("resolved_at"));
          if (resolved == null ? deadline.isBefore(now) : resolved.isAfter(deadline)) {
            overdue.add(id);
          }
          if (!"DESK".equals(rs.getString("level"))) {
            escalated.add(id);
          }
          if ("DISTRESS".equals(type)) {
            Instant firstTouch = claimed != null ? claimed : resolved;
            if (firstTouch == null) {
              unclaimed.add(id);
            } else {
              claimSeconds.add(firstTouch.getEpochSecond() - created.getEpochSecond());
            }
            if (resolved != null) {
              resolveSeconds.add(resolved.getEpochSecond() - created.getEpochSecond());
            }
          }
        });
    byType.forEach((type, ids) -> out.put("cases." + type, new Bucket(Subject.CASE, ids)));
    out.put("cases.overdue", new Bucket(Subject.CASE, overdue));
    out.put("cases.escalated", new Bucket(Subject.CASE, escalated));
    out.put("distress.unclaimed", new Bucket(Subject.CASE, unclaimed));
    claimSeconds.sort(null);
    resolveSeconds.sort(null);
    return new ResponseTimes(
        Rates.percentile(claimSeconds, 0.5),
        Rates.percentile(claimSeconds, 0.9),
        Rates.percentile(resolveSeconds, 0.5),
        Rates.percentile(resolveSeconds, 0.9));
  }

  /** Dials by result: counted in SQL, the ids read when a list is opened. */
  private void calls(Area area, Timestamp from, Timestamp to, Map<String, Bucket> out) {
    String sql =
        " from call_attempt a join visit v on v.id = a.visit_id"
            + " join elder e on e.id = v.elder_id"
            + " where a.status = 'ENDED' and v.purpose not in ('TEST', 'FAMILY_NOTICE')"
            + " and coalesce(a.ended_at, a.dialed_at) >= ? and coalesce(a.ended_at, a.dialed_at) < ?";
    List<String> named = CALL_RESULTS.subList(0, CALL_RESULTS.size() - 1);
    String result =
        "case when a.result in ('"
            + String.join("', '", named)
            + "') then a.result else 'OTHER' end";
    Map<String, Integer> counts = new LinkedHashMap<>();
    CALL_RESULTS.forEach(r -> counts.put(r, 0));
    query(
        "select " + result + ", count(*)" + sql,
        " group by 1",
        area,
        from,
        to,
        rs -> counts.put(rs.getString(1), rs.getInt(2)));
    int all = counts.values().stream().mapToInt(Integer::intValue).sum();
    out.put(
        "calls.all",
        lazy(Subject.ATTEMPT, all, "select a.id" + sql, " order by a.id", area, from, to));
    for (String r : CALL_RESULTS) {
      out.put(
          "calls." + r,
          lazy(
              Subject.ATTEMPT,
              counts.get(r),
              "select a.id" + sql + " and " + result + " = '" + r + "'",
              " order by a.id",
              area,
              from,
              to));
    }
  }

  /**
   * A figure of {@code count} rows whose ids {@code sql} (then the area, then {@code tail}) reads.
   */
  private Bucket lazy(
      Subject subject,
      int count,
      String sql,
      String tail,
      Area area,
      Timestamp from,
      Timestamp to) {
    return Bucket.lazy(
        subject,
        count,
        () -> {
          List<Long> ids = new ArrayList<>();
          query(sql, tail, area, from, to, rs -> ids.add(rs.getLong(1)));
          return ids;
        });
  }

  private void unreachable(Area area, Timestamp from, Timestamp to, Map<String, Bucket> out) {
    Set<Long> elders = new LinkedHashSet<>();
    query(
        "select distinct v.elder_id from visit v join elder e on e.id = v.elder_id"
            + " where v.status = 'UNREACHABLE' and v.purpose not in ('TEST', 'FAMILY_NOTICE')"
            + " and coalesce(v.escalated_at, v.updated_at) >= ?"
            + " and coalesce(v.escalated_at, v.updated_at) < ?",
        area,
        from,
        to,
        rs -> elders.add(rs.getLong(1)));
    out.put("elders.unreachable", new Bucket(Subject.ELDER, new ArrayList<>(elders)));
  }

  private void needs(Area area, Timestamp from, Timestamp to, Map<String, Bucket> out) {
    Map<String, Set<Long>> heard = new LinkedHashMap<>();
    Map<String, Set<Long>> followed = new LinkedHashMap<>();
    Set<Long> all = new LinkedHashSet<>();
    Set<Long> allFollowed = new LinkedHashSet<>();
    for (String kind : NEED_KINDS) {
      heard.put(kind, new LinkedHashSet<>());
      followed.put(kind, new LinkedHashSet<>());
    }
    query(
        "select a.visit_id, a.needs, exists (select 1 from escalation x"
            + " where x.elder_id = v.elder_id and x.type = 'NEEDS' and x.state = 'RESOLVED'"
            + " and x.resolved_at >= a.answered_at) as followed"
            + " from visit_answer a join visit v on v.id = a.visit_id"
            + " join elder e on e.id = v.elder_id"
            + " where a.intent = 'NEEDS' and v.purpose <> 'TEST'"
            + " and a.answered_at >= ? and a.answered_at < ?",
        area,
        from,
        to,
        rs -> {
          long visit = rs.getLong(1);
          boolean done = rs.getBoolean(3);
          all.add(visit);
          if (done) {
            allFollowed.add(visit);
          }
          for (String kind : kinds(rs.getString(2))) {
            heard.get(kind).add(visit);
            if (done) {
              followed.get(kind).add(visit);
            }
          }
        });
    out.put("needs.all", new Bucket(Subject.VISIT, new ArrayList<>(all)));
    out.put("needs.all.followed", new Bucket(Subject.VISIT, new ArrayList<>(allFollowed)));
    for (String kind : NEED_KINDS) {
      out.put("needs." + kind, new Bucket(Subject.VISIT, new ArrayList<>(heard.get(kind))));
      out.put(
          "needs." + kind + ".followed",
          new Bucket(Subject.VISIT, new ArrayList<>(followed.get(kind))));
    }
  }

  /** The need kinds of an answer's {@code needs} column (codes, comma-separated); OTHER if none. */
  static List<String> kinds(String needs) {
    List<String> kinds = new ArrayList<>();
    if (needs != null) {
      for (String part : needs.split(",")) {
        String code = part.strip();
        String kind = NEED_KINDS.contains(code) ? code : "OTHER";
        if (!code.isEmpty() && !kinds.contains(kind)) {
          kinds.add(kind);
        }
      }
    }
    return kinds.isEmpty() ? List.of("OTHER") : kinds;
  }

  private void query(
      String sql,
      Area area,
      Timestamp from,
      Timestamp to,
      org.springframework.jdbc.core.RowCallbackHandler handler) {
    query(sql, "", area, from, to, handler);
  }

  /** {@code sql}, the area's condition, then {@code tail} (a group by or order by). */
  private void query(
      String sql,
      String tail,
      Area area,
      Timestamp from,
      Timestamp to,
      org.springframework.jdbc.core.RowCallbackHandler handler) {
    List<Object> args = new ArrayList<>(List.of(from, to));
    String where = area.where("e", args);
    long started = System.nanoTime();
    jdbc.query(Area.withoutElderJoin(sql, area) + where + tail, handler, args.toArray());
    if (log.isDebugEnabled()) {
      log.debug(
          "{} ms: {}",
          (System.nanoTime() - started) / 1_000_000,
          sql.substring(0, Math.min(120, sql.length())));
    }
  }

  private static Map<String, List<Long>> ids(String... keys) {
    Map<String, List<Long>> map = new LinkedHashMap<>();
    for (String key : keys) {
      map.put(key, new ArrayList<>());
    }
    return map;
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
