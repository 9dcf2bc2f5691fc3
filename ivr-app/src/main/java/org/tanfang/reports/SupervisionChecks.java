package org.tanfang.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.escalation.EscalationProperties;
import org.tanfang.escalation.EscalationType;
import org.tanfang.reports.Bucket.Subject;
import org.tanfang.scheduler.elder.Category;

/**
 * The four failings the policy tells district bureaus to correct (POLICY.md 常态监督), each a set of
 * rules whose hits are listed (README "Supervision checks"): 底数不清 {@code registry.*} (the registry
 * as it stands), 隐患排查不扎实 {@code hazards.*}, 突发事件处置不及时 {@code late.*} and 流于形式 {@code formality.*}
 * (for the month).
 */
@Service
public class SupervisionChecks {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(SupervisionChecks.class);

  public static final List<String> CHECKS = List.of("registry", "hazards", "late", "formality");

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ZoneId zone;
  private final ReportsProperties props;
  private final EscalationProperties escalation;

  SupervisionChecks(
      JdbcTemplate jdbc, Clock clock, ReportsProperties props, EscalationProperties escalation) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = clock.getZone();
    this.props = props;
    this.escalation = escalation;
  }

  /**
   * Every rule's hits, keyed {@code check.rule}, and each check's union under {@code check}.
   * Counted in SQL, one statement a check; the ids of each are read when its list is opened.
   */
  public Map<String, Bucket> month(YearMonth month, Area area) {
    Timestamp from = Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant());
    Timestamp to = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    Map<String, Bucket> out = new LinkedHashMap<>();
    registry(area, out);
    count("hazards", Subject.VISIT, hazards(area, from, to), out);
    count("late", Subject.CASE, late(area, from, to), out);
    count("formality", Subject.VISIT, formality(area, from, to), out);
    return out;
  }

  /** One rule: its key and the statement selecting its hits' {@code id}, area filter included. */
  private record Rule(String key, CoverageMonth.Sql sql) {}

  /** A rule from a statement on {@code e} (the elder) and its arguments, narrowed to the area. */
  private static Rule rule(String key, Area area, String sql, Object... args) {
    CoverageMonth.Sql rule = new CoverageMonth.Sql().add(Area.withoutElderJoin(sql, area), args);
    return new Rule(key, rule.add(area.where("e", rule.args)));
  }

  /**
   * A check's rules and their union counted in one statement (each rule once), each bucket's ids
   * read when its list is opened (in id order; the union the rules' ids together, in id order).
   */
  private void count(String check, Subject subject, List<Rule> rules, Map<String, Bucket> out) {
    CoverageMonth.Sql all = new CoverageMonth.Sql();
    for (int i = 0; i < rules.size(); i++) {
      all.add(i == 0 ? "" : " union all ")
          .add("select " + i + " as r, id from (" + rules.get(i).sql() + ") q" + i)
          .args
          .addAll(rules.get(i).sql().args);
    }
    StringBuilder count = new StringBuilder("select count(distinct id)");
    for (int i = 0; i < rules.size(); i++) {
      count.append(", count(*) filter (where r = ").append(i).append(")");
    }
    int[] n = new int[rules.size() + 1];
    long started = System.nanoTime();
    jdbc.query(
        count + " from (" + all + ") h",
        rs -> {
          for (int i = 0; i < n.length; i++) {
            n[i] = rs.getInt(i + 1);
          }
        },
        all.args());
    log.debug("{} ms: {} rules", (System.nanoTime() - started) / 1_000_000, check);
    for (int i = 0; i < rules.size(); i++) {
      CoverageMonth.Sql sql = rules.get(i).sql();
      out.put(rules.get(i).key(), lazy(subject, n[i + 1], "select id from (" + sql + ") q", sql));
    }
    out.put(check, lazy(subject, n[0], "select distinct id from (" + all + ") h", all));
  }

  private Bucket lazy(Subject subject, int count, String select, CoverageMonth.Sql sql) {
    return Bucket.lazy(
        subject, count, () -> jdbc.queryForList(select + " order by id", Long.class, sql.args()));
  }

  /** The elder is in the category (its bit in {@code elder.category_bits}, V59). */
  private static String inCategory(Category category) {
    return "((e.category_bits & " + (1 << category.ordinal()) + ") <> 0)";
  }

  private static final String CARE = inCategory(Category.DISABLED_CARE);
  private static final String SEVERE = inCategory(Category.SEVERE_DISABILITY);

  /**
   * The registry rules, each a column of one pass over the area's active elders. The pass joins
   * each elder's unresolved flagged numbers ({@code f.phones}) and whether they have an emergency
   * contact ({@code ec}), each read once for all elders (hashed), and reads the two disability
   * categories from the elder's own {@code category_bits}: probing the tables by index for each of
   * 200,000 elders cost seconds (and a {@code NOT IN} over a sub-select larger than work_mem is not
   * hashed at all: every elder compared with every row).
   */
  private static final List<String[]> REGISTRY =
      List.of(
          // only a flagged elder's alternate numbers are read, by index
          new String[] {
            "registry.noWorkingPhone",
            "(case when f.phones is null then false else e.primary_phone = any (f.phones)"
                + " and not exists (select 1 from elder_phone p where p.elder_id = e.id"
                + " and not p.number = any (f.phones)) end)"
          },
          new String[] {"registry.phoneFlagged", "(f.phones is not null)"},
          new String[] {"registry.noEmergencyContact", "(ec.elder_id is null)"},
          new String[] {"registry.noVisitor", "(e.visitor_name is null or e.visitor_name = '')"},
          // the two categories that must agree with the disability data, from one join
          new String[] {
            "registry.categoryMismatch",
            "(("
                + CARE
                + " and e.disability_level = 'NONE')"
                + " or (e.disability_level in ('MODERATE', 'SEVERE', 'TOTAL')"
                + " and not "
                + CARE
                + ")"
                + " or ("
                + SEVERE
                + " and (e.disability_grade is null or e.disability_grade > 2))"
                + " or (e.disability_grade in (1, 2) and not "
                + SEVERE
                + "))"
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
        " from elder e left join (select c.elder_id, array_agg(c.phone) as phones from phone_correction c"
            + " where c.resolved_at is null group by c.elder_id) f on f.elder_id = e.id"
            + " left join (select distinct c.elder_id from emergency_contact c) ec"
            + " on ec.elder_id = e.id"
            + " where e.status = 'ACTIVE'");
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

  private List<Rule> hazards(Area area, Timestamp from, Timestamp to) {
    long followUp = props.hazardFollowUp().toSeconds();
    List<Rule> rules = new ArrayList<>();
    for (String kind : List.of("SAFETY", "CARE_NEEDS")) {
      rules.add(
          rule(
              "hazards." + (kind.equals("SAFETY") ? "safety" : "careNeeds"),
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
              followUp));
    }
    return rules;
  }

  private List<Rule> late(Area area, Timestamp from, Timestamp to) {
    long distress = escalation.deadlineOf(EscalationType.DISTRESS).toSeconds();
    Timestamp now = Timestamp.from(clock.instant());
    return List.of(
        rule(
            "late.distress",
            area,
            "select x.id from escalation x join elder e on e.id = x.elder_id"
                + " where x.type = 'DISTRESS' and x.created_at >= ? and x.created_at < ?"
                + " and coalesce(x.claimed_at, x.resolved_at, ?) > x.created_at"
                + " + make_interval(secs => ?)",
            from,
            to,
            now,
            distress),
        rule(
            "late.unreachable",
            area,
            "select x.id from escalation x join elder e on e.id = x.elder_id"
                + " where x.type = 'UNREACHABLE' and x.created_at >= ? and x.created_at < ?"
                + " and (x.level <> 'DESK' or coalesce(x.resolved_at, ?) > x.deadline)",
            from,
            to,
            now));
  }

  private List<Rule> formality(Area area, Timestamp from, Timestamp to) {
    String phone =
        " v.valid and v.kind = 'PHONE' and v.purpose not in ('TEST', 'FAMILY_NOTICE', 'CALLBACK')"
            + " and "
            + ActivityFigures.VISIT_AT
            + " >= ? and "
            + ActivityFigures.VISIT_AT
            + " < ?";
    String home =
        " from visit v join elder e on e.id = v.elder_id where v.valid"
            + " and (v.kind = 'HOME' or v.purpose = 'CALLBACK') and v.purpose <> 'TEST'"
            + " and "
            + ActivityFigures.VISIT_AT
            + " >= ? and "
            + ActivityFigures.VISIT_AT
            + " < ?";
    String local = "(" + ActivityFigures.VISIT_AT + " at time zone ?)::time";
    List<Rule> rules = new ArrayList<>();
    rules.add(
        suspect(
            "formality.shortCall",
            area,
            phone,
            from,
            to,
            "k.shortest_call is not null and k.shortest_call < make_interval(secs => ?)",
            props.minCallSeconds()));
    rules.add(
        suspect(
            "formality.sameKeyFast",
            area,
            phone,
            from,
            to,
            "k.keypad_one_key and k.keypad_answers >= 3"
                + " and k.keypad_span <= make_interval(secs => ?)",
            props.sameKeyWithin().toSeconds()));
    rules.add(
        rule(
            "formality.identityNotConfirmed",
            area,
            "select v.id from visit v join elder e on e.id = v.elder_id where"
                + phone
                + " and not exists (select 1 from visit_check k"
                + " where k.visit_id = v.id and k.identity_confirmed)",
            from,
            to));
    rules.add(
        rule(
            "formality.homeNotChecked",
            area,
            "select v.id"
                + home
                + " and exists (select 1 from visit_answer a where a.visit_id = v.id"
                + " and a.method = 'PERSON') and not exists (select 1 from visit_answer a"
                + " where a.visit_id = v.id and a.method = 'PERSON' and a.intent <> 'UNCLEAR')",
            from,
            to));
    // local time of day in the application's zone: before the day starts, or from its end
    rules.add(
        rule(
            "formality.homeOddHours",
            area,
            "select v.id"
                + home
                + " and ("
                + local
                + " < cast(? as time) or "
                + local
                + " >= cast(? as time))",
            from,
            to,
            zone.getId(),
            props.homeDayStart().toString(),
            zone.getId(),
            props.homeDayEnd().toString()));
    rules.add(bursts(area, home, from, to));
    return rules;
  }

  /**
   * "Too short" and "same key" start from the visits whose summary ({@code visit_check}, V55: kept
   * by triggers on call_attempt and visit_answer) meets {@code condition} — a few among the month's
   * calls — and look each one's visit up by id ({@code lateral … offset 0}: a join the planner may
   * not turn into a scan of the month's visits, which it misjudges as few and picks).
   */
  private static Rule suspect(
      String key,
      Area area,
      String phone,
      Timestamp from,
      Timestamp to,
      String condition,
      Object limit) {
    Rule visit =
        rule(
            key,
            area,
            "select v.id from visit v join elder e on e.id = v.elder_id"
                + " where v.id = k.visit_id and"
                + phone,
            from,
            to);
    CoverageMonth.Sql sql =
        new CoverageMonth.Sql().add("select v.id from visit_check k cross join lateral (");
    sql.add(visit.sql().toString()).args.addAll(visit.sql().args);
    return new Rule(key, sql.add(" offset 0) v where " + condition, limit));
  }

  /**
   * Home visits in any span of {@code burst-window} (ends included; times to the millisecond)
   * holding {@code burst-visits} or more recorded by one person: each visit counts the visits of
   * its person from it to a window later ({@code n}); a visit is a hit when a visit of its person
   * at most a window before it (itself included) starts such a span.
   */
  private Rule bursts(Area area, String home, Timestamp from, Timestamp to) {
    Rule visits =
        rule(
            "formality.homeBurst",
            area,
            "select v.id, v.recorded_by, date_trunc('milliseconds', "
                + ActivityFigures.VISIT_AT
                + ") as at"
                + home
                + " and v.recorded_by is not null",
            from,
            to);
    long window = props.burstWindow().toMillis();
    CoverageMonth.Sql sql =
        new CoverageMonth.Sql()
            .add(
                "select id from (select id, bool_or(n >= ?) over (partition by recorded_by"
                    + " order by at range between ? * interval '1 millisecond' preceding"
                    + " and current row) as hit from (select id, recorded_by, at,"
                    + " count(*) over (partition by recorded_by order by at range between"
                    + " current row and ? * interval '1 millisecond' following) as n from (",
                props.burstVisits(),
                window,
                window);
    sql.add(visits.sql().toString()).args.addAll(visits.sql().args);
    return new Rule(visits.key(), sql.add(") b) s) t where hit"));
  }
}
