package org.tanfang.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.escalation.EscalationProperties;
import org.tanfang.escalation.EscalationType;
import org.tanfang.reports.Bucket.Subject;

/**
 * The supervision checks as they were before V55 (the phone-visit rules probing every call and
 * answer of the month), for {@code DashboardBenchmark} to compare the new ones with and time both.
 * Otherwise a copy of {@link SupervisionChecks}: the four failings the policy tells district
 * bureaus to correct (POLICY.md 常态监督), each a set of rules whose hits are listed (README
 * "Supervision checks"): 底数不清 {@code registry.*} (the registry as it stands), 隐患排查不扎实 {@code
 * hazards.*}, 突发事件处置不及时 {@code late.*} and 流于形式 {@code formality.*} (for the month).
 */
public class OldSupervisionChecks {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(OldSupervisionChecks.class);

  public static final List<String> CHECKS = List.of("registry", "hazards", "late", "formality");

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ZoneId zone;
  private final ReportsProperties props;
  private final EscalationProperties escalation;

  public OldSupervisionChecks(
      JdbcTemplate jdbc, Clock clock, ReportsProperties props, EscalationProperties escalation) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = clock.getZone();
    this.props = props;
    this.escalation = escalation;
  }

  /** Every rule's hits, keyed {@code check.rule}, and each check's union under {@code check}. */
  public Map<String, Bucket> month(YearMonth month, Area area) {
    Timestamp from = Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant());
    Timestamp to = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    Map<String, Bucket> out = new LinkedHashMap<>();
    registry(area, out);
    hazards(area, from, to, out);
    late(area, from, to, out);
    formality(area, from, to, out);
    for (String check : CHECKS) {
      if (out.containsKey(check)) {
        continue;
      }
      Set<Long> union = new LinkedHashSet<>();
      Subject subject = null;
      for (Map.Entry<String, Bucket> e : out.entrySet()) {
        if (e.getKey().startsWith(check + ".")) {
          union.addAll(e.getValue().ids());
          subject = e.getValue().subject();
        }
      }
      out.put(check, new Bucket(subject, new ArrayList<>(union)));
    }
    return out;
  }

  /** The registry rules, each a column of one pass over the area's active elders. */
  private static final List<String[]> REGISTRY =
      List.of(
          // correlated EXISTS, probed by index per elder: a NOT IN over a sub-select larger
          // than work_mem is not hashed and compares every elder with every row
          new String[] {
            "registry.noWorkingPhone",
            "(exists (select 1 from phone_correction c where c.elder_id = e.id"
                + " and c.phone = e.primary_phone and c.resolved_at is null)"
                + " and not exists (select 1 from elder_phone p where p.elder_id = e.id"
                + " and not exists (select 1 from phone_correction c where c.elder_id = e.id"
                + " and c.phone = p.number and c.resolved_at is null)))"
          },
          new String[] {
            "registry.phoneFlagged",
            "exists (select 1 from phone_correction c"
                + " where c.elder_id = e.id and c.resolved_at is null)"
          },
          new String[] {
            "registry.noEmergencyContact",
            "not exists (select 1 from emergency_contact c where c.elder_id = e.id)"
          },
          new String[] {"registry.noVisitor", "(e.visitor_name is null or e.visitor_name = '')"},
          // the two categories that must agree with the disability data, from one join
          new String[] {
            "registry.categoryMismatch",
            "((coalesce(k.care, false) and e.disability_level = 'NONE')"
                + " or (e.disability_level in ('MODERATE', 'SEVERE', 'TOTAL')"
                + " and not coalesce(k.care, false))"
                + " or (coalesce(k.severe, false)"
                + " and (e.disability_grade is null or e.disability_grade > 2))"
                + " or (e.disability_grade in (1, 2) and not coalesce(k.severe, false)))"
          },
          new String[] {"registry.stale", "e.updated_at < ?"});

  /**
   * The registry rules and their union counted in one pass ({@code r0 … r5}, one column a rule);
   * the ids of each read when its list is opened.
   */
  private void registry(Area area, Map<String, Bucket> out) {
    Timestamp stale = Timestamp.from(clock.instant().minus(props.staleAfter()));
    CoverageMonth.Sql rules = new CoverageMonth.Sql().add("select e.id");
    for (int i = 0; i < REGISTRY.size(); i++) {
      rules.add(", " + REGISTRY.get(i)[1] + " as r" + i);
    }
    rules.args.add(stale);
    rules.add(
        " from elder e left join (select c.elder_id,"
            + " bool_or(c.category = 'DISABLED_CARE') as care,"
            + " bool_or(c.category = 'SEVERE_DISABILITY') as severe from elder_category c"
            + " where c.category in ('DISABLED_CARE', 'SEVERE_DISABILITY') group by c.elder_id) k"
            + " on k.elder_id = e.id where e.status = 'ACTIVE'");
    rules.add(area.where("e", rules.args));
    StringBuilder count =
        new StringBuilder("select count(*) filter (where r0 or r1 or r2 or r3 or r4 or r5)");
    for (int i = 0; i < REGISTRY.size(); i++) {
      count.append(", count(*) filter (where r").append(i).append(")");
    }
    long started = System.nanoTime();
    int[] n = new int[REGISTRY.size() + 1];
    jdbc.query(
        count + " from (" + rules + ") r",
        rs -> {
          for (int i = 0; i < n.length; i++) {
            n[i] = rs.getInt(i + 1);
          }
        },
        rules.args());
    log.debug("{} ms: registry rules", (System.nanoTime() - started) / 1_000_000);
    for (int i = 0; i < REGISTRY.size(); i++) {
      out.put(REGISTRY.get(i)[0], registryIds(rules, n[i + 1], "r" + i));
    }
    out.put("registry", registryIds(rules, n[0], "r0 or r1 or r2 or r3 or r4 or r5"));
  }

  private Bucket registryIds(CoverageMonth.Sql rules, int count, String where) {
    return Bucket.lazy(
        Subject.ELDER,
        count,
        () ->
            jdbc.queryForList(
                "select id from (" + rules + ") r where " + where + " order by id",
                Long.class,
                rules.args()));
  }

  private void hazards(Area area, Timestamp from, Timestamp to, Map<String, Bucket> out) {
    long followUp = props.hazardFollowUp().toSeconds();
    for (String kind : List.of("SAFETY", "CARE_NEEDS")) {
      String key = "hazards." + (kind.equals("SAFETY") ? "safety" : "careNeeds");
      ids(
          out,
          key,
          Subject.VISIT,
          area,
          "select distinct v.id from visit_answer a join visit v on v.id = a.visit_id"
              + " join elder e on e.id = v.elder_id"
              + " where a.area = ? and a.intent in ('UNWELL', 'HELP', 'NEEDS')"
              + " and v.purpose <> 'TEST' and a.answered_at >= ? and a.answered_at < ?"
              + " and a.answered_at + make_interval(secs => ?) < ?"
              + " and not exists (select 1 from escalation x where x.elder_id = v.elder_id"
              + " and x.state = 'RESOLVED' and x.resolved_at >= a.answered_at"
              + " and x.resolved_at <= a.answered_at + make_interval(secs => ?))",
          kind,
          from,
          to,
          followUp,
          Timestamp.from(clock.instant()),
          followUp);
    }
  }

  private void late(Area area, Timestamp from, Timestamp to, Map<String, Bucket> out) {
    long distress = escalation.deadlineOf(EscalationType.DISTRESS).toSeconds();
    Timestamp now = Timestamp.from(clock.instant());
    ids(
        out,
        "late.distress",
        Subject.CASE,
        area,
        "select x.id from escalation x join elder e on e.id = x.elder_id"
            + " where x.type = 'DISTRESS' and x.created_at >= ? and x.created_at < ?"
            + " and coalesce(x.claimed_at, x.resolved_at, ?) > x.created_at"
            + " + make_interval(secs => ?)",
        from,
        to,
        now,
        distress);
    ids(
        out,
        "late.unreachable",
        Subject.CASE,
        area,
        "select x.id from escalation x join elder e on e.id = x.elder_id"
            + " where x.type = 'UNREACHABLE' and x.created_at >= ? and x.created_at < ?"
            + " and (x.level <> 'DESK' or coalesce(x.resolved_at, ?) > x.deadline)",
        from,
        to,
        now);
  }

  private void formality(Area area, Timestamp from, Timestamp to, Map<String, Bucket> out) {
    String validPhone =
        " from visit v join elder e on e.id = v.elder_id where v.valid and v.kind = 'PHONE'"
            + " and v.purpose not in ('TEST', 'FAMILY_NOTICE', 'CALLBACK')"
            + " and "
            + ActivityFigures.VISIT_AT
            + " >= ? and "
            + ActivityFigures.VISIT_AT
            + " < ?";
    ids(
        out,
        "formality.shortCall",
        Subject.VISIT,
        area,
        "select v.id"
            + validPhone
            + " and exists (select 1 from call_attempt a"
            + " where a.visit_id = v.id and a.result = 'ANSWERED' and a.answered_at is not null"
            + " and a.ended_at - a.answered_at < make_interval(secs => ?))",
        from,
        to,
        props.minCallSeconds());
    ids(
        out,
        "formality.sameKeyFast",
        Subject.VISIT,
        area,
        // the month's keypad answers grouped once (answers are given during the call, so within
        // a day of the visit's date), not a sub-select per visit
        "select v.id"
            + validPhone
            + " and v.id in (select a.visit_id from visit_answer a where a.method = 'KEYPAD'"
            + " and a.area <> 'IDENTITY'"
            + " and a.answered_at >= cast(? as timestamptz) - interval '1 day'"
            + " and a.answered_at < cast(? as timestamptz) + interval '1 day'"
            + " group by a.visit_id"
            + " having count(*) >= 3 and count(distinct a.raw_key) = 1"
            + " and max(a.answered_at) - min(a.answered_at) <= make_interval(secs => ?))",
        from,
        to,
        from,
        to,
        props.sameKeyWithin().toSeconds());
    ids(
        out,
        "formality.identityNotConfirmed",
        Subject.VISIT,
        area,
        "select v.id"
            + validPhone
            + " and not exists (select 1 from visit_answer a"
            + " where a.visit_id = v.id and a.area = 'IDENTITY' and a.intent = 'YES')",
        from,
        to);
    String home =
        " from visit v join elder e on e.id = v.elder_id where v.valid"
            + " and (v.kind = 'HOME' or v.purpose = 'CALLBACK') and v.purpose <> 'TEST'"
            + " and "
            + ActivityFigures.VISIT_AT
            + " >= ? and "
            + ActivityFigures.VISIT_AT
            + " < ?";
    ids(
        out,
        "formality.homeNotChecked",
        Subject.VISIT,
        area,
        "select v.id"
            + home
            + " and exists (select 1 from visit_answer a where a.visit_id = v.id"
            + " and a.method = 'PERSON') and not exists (select 1 from visit_answer a"
            + " where a.visit_id = v.id and a.method = 'PERSON' and a.intent <> 'UNCLEAR')",
        from,
        to);
    List<Long> odd = new ArrayList<>();
    Map<String, List<long[]>> byVisitor = new HashMap<>();
    query(
        "select v.id, " + ActivityFigures.VISIT_AT + " as at, v.recorded_by" + home,
        area,
        rs -> {
          Instant at = rs.getTimestamp("at").toInstant();
          LocalTime local = LocalTime.ofInstant(at, zone);
          if (local.isBefore(props.homeDayStart()) || !local.isBefore(props.homeDayEnd())) {
            odd.add(rs.getLong("id"));
          }
          String by = rs.getString("recorded_by");
          if (by != null) {
            byVisitor
                .computeIfAbsent(by, k -> new ArrayList<>())
                .add(new long[] {at.toEpochMilli(), rs.getLong("id")});
          }
        },
        from,
        to);
    out.put("formality.homeOddHours", new Bucket(Subject.VISIT, odd));
    out.put("formality.homeBurst", new Bucket(Subject.VISIT, bursts(byVisitor)));
  }

  /** Visits in any window of {@code burstWindow} holding {@code burstVisits} by one person. */
  private List<Long> bursts(Map<String, List<long[]>> byVisitor) {
    Set<Long> hits = new LinkedHashSet<>();
    long window = props.burstWindow().toMillis();
    for (List<long[]> visits : byVisitor.values()) {
      visits.sort((x, y) -> Long.compare(x[0], y[0]));
      int start = 0;
      for (int end = 0; end < visits.size(); end++) {
        while (visits.get(end)[0] - visits.get(start)[0] > window) {
          start++;
        }
        if (end - start + 1 >= props.burstVisits()) {
          for (int i = start; i <= end; i++) {
            hits.add(visits.get(i)[1]);
          }
        }
      }
    }
    return new ArrayList<>(hits);
  }

  private void ids(
      Map<String, Bucket> out, String key, Subject subject, Area area, String sql, Object... a) {
    List<Long> ids = new ArrayList<>();
    query(sql, area, rs -> ids.add(rs.getLong(1)), a);
    ids.sort(null);
    out.put(key, new Bucket(subject, ids));
  }

  private void query(
      String sql,
      Area area,
      org.springframework.jdbc.core.RowCallbackHandler handler,
      Object... a) {
    List<Object> args = new ArrayList<>(List.of(a));
    long started = System.nanoTime();
    jdbc.query(Area.withoutElderJoin(sql, area) + area.where("e", args), handler, args.toArray());
    if (log.isDebugEnabled()) {
      log.debug(
          "{} ms: {}",
          (System.nanoTime() - started) / 1_000_000,
          sql.substring(0, Math.min(120, sql.length())));
    }
  }
}
