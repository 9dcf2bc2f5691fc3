package org.tanfang.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.scheduler.alert.AlertKind;
import org.tanfang.scheduler.festival.FestivalCalendar;
import org.tanfang.scheduler.festival.FestivalOccurrence;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.Text;
import org.tanfang.shared.Texts;

/**
 * Extra rounds outside the cycle: weather alerts declared by a supervisor (every elder in scope in
 * the districts, at once, most vulnerable first, with the alert's safety script) and festival
 * greetings (spread over the festival's greeting window). Robocall elders get a PHONE visit; elders
 * a person visits get a HOME task. Valid special calls count as visits for coverage.
 */
@Service
public class SpecialRounds {
  private static final Logger log = LoggerFactory.getLogger(SpecialRounds.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final RegistryProperties registry;
  private final ZoneId zone;
  private final Texts texts;
  private final RoundVisits roundVisits;
  private final AlertTiming timing;
  private final FestivalCalendar festivals = FestivalCalendar.defaults();

  SpecialRounds(
      JdbcTemplate jdbc,
      Clock clock,
      RegistryProperties registry,
      SchedulerProperties props,
      Texts texts,
      RoundVisits roundVisits,
      AlertTiming timing) {
    this.timing = timing;
    this.jdbc = jdbc;
    this.clock = clock;
    this.registry = registry;
    this.zone = clock.getZone();
    this.texts = texts;
    this.roundVisits = roundVisits;
  }

  /** A declared round as listed, with its progress. */
  public record Round(
      long id,
      String purpose,
      String kind,
      String reason,
      List<String> districts,
      Instant startsAt,
      Instant endsAt,
      int visits,
      int valid,
      int unreachable,
      int open,
      AlertTiming.Expected expected,
      String urgency,
      Contacts contacts) {}

  /**
   * An alert's calls to the elders' first emergency contacts: how many, how many contacts pressed 1
   * (received the safety message), answered without confirming, and were not reached.
   */
  public record Contacts(int calls, int received, int answered, int notReached) {}

  @Transactional
  public long declareAlert(AlertRequest request, String user) {
    AlertKind kind = validate(request);
    Instant start = request.start().atZone(zone).toInstant();
    Instant end = request.end().atZone(zone).toInstant();
    List<String> districts = request.districts().stream().distinct().toList();
    String urgency = request.urgency();
    long id =
        insertRound(
            "ALERT-" + UUID.randomUUID(),
            "WEATHER_ALERT",
            kind.name(),
            null,
            districts,
            start,
            end,
            kind.promptId(),
            texts.render(
                Text.of("rounds.reason.alert", Text.label("alert." + kind.name())), Texts.STORED),
            user);
    jdbc.update(
        "update special_round set alert_level = ?, urgency = ? where id = ?",
        level(request),
        urgency,
        id);
    int n =
        roundVisits.create(
            id,
            "WEATHER_ALERT",
            kind.promptId(),
            districts,
            start,
            end,
            true,
            urgency,
            kind.contactPromptId());
    log.info("{} alert round {} for {}: {} visits", kind, id, districts, n);
    return id;
  }

  private AlertKind validate(AlertRequest r) {
    List<FieldProblem> problems = new ArrayList<>();
    AlertKind kind = null;
    if (r.kind() == null || r.kind().isBlank()) {
      problems.add(FieldProblem.of("kind", "required"));
    } else {
      try {
        kind = AlertKind.valueOf(r.kind().trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(FieldProblem.of("kind", "round.kind", r.kind()));
      }
    }
    if (r.districts() == null || r.districts().isEmpty()) {
      problems.add(FieldProblem.of("districts", "required"));
    } else {
      for (int i = 0; i < r.districts().size(); i++) {
        if (!registry.districts().contains(r.districts().get(i))) {
          problems.add(
              FieldProblem.of(
                  "districts[" + i + "]",
                  "round.unknownDistrict",
                  r.districts().get(i),
                  String.join("、", registry.districts())));
        }
      }
    }
    if (r.start() == null) {
      problems.add(FieldProblem.of("start", "required"));
    }
    if (r.end() == null) {
      problems.add(FieldProblem.of("end", "required"));
    } else if (r.start() != null && !r.end().isAfter(r.start())) {
      problems.add(FieldProblem.of("end", "round.endBeforeStart"));
    } else if (!r.end().atZone(zone).toInstant().isAfter(clock.instant())) {
      problems.add(FieldProblem.of("end", "round.endInPast"));
    }
    String level = level(r);
    if (level != null && !List.of("BLUE", "YELLOW", "ORANGE", "RED").contains(level)) {
      problems.add(FieldProblem.of("level", "round.level", r.level()));
    }
    if (Boolean.TRUE.equals(r.urgent()) && !"RED".equals(level)) {
      problems.add(FieldProblem.of("urgent", "round.urgentNeedsRed"));
    }
    if (Boolean.TRUE.equals(r.confirmNight()) && !Boolean.TRUE.equals(r.urgent())) {
      problems.add(FieldProblem.of("confirmNight", "round.nightNeedsUrgent"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return kind;
  }

  private static String level(AlertRequest r) {
    return r.level() == null || r.level().isBlank()
        ? null
        : r.level().strip().toUpperCase(java.util.Locale.ROOT);
  }

  /** Opens today's festival greeting rounds (once per festival and year); returns visits made. */
  @Transactional
  public int openFestivalRounds() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    int made = 0;
    for (FestivalOccurrence festival : festivals.greetingsOn(today)) {
      String key = "FESTIVAL-" + festival.festival().name() + "-" + festival.date().getYear();
      Integer exists =
          jdbc.queryForObject(
              "select count(*) from special_round where round_key = ?", Integer.class, key);
      if (exists != null && exists > 0) {
        continue;
      }
      Instant start = festival.greetingFrom().atStartOfDay(zone).toInstant();
      Instant end = festival.greetingTo().plusDays(1).atStartOfDay(zone).toInstant();
      long id =
          insertRound(
              key,
              "FESTIVAL",
              null,
              festival.festival().name(),
              registry.districts(),
              start,
              end,
              festival.promptId(),
              texts.render(
                  Text.of(
                      "rounds.reason.festival",
                      Text.label("festival." + festival.festival().name())),
                  Texts.STORED),
              "system");
      made +=
          roundVisits.create(
              id,
              "FESTIVAL",
              festival.promptId(),
              registry.districts(),
              start,
              end,
              false,
              "NORMAL",
              null);
      log.info("{} greeting round {}: {} visits", festival.festival().label(), id, made);
    }
    return made;
  }

  private long insertRound(
      String key,
      String purpose,
      String alertKind,
      String festival,
      List<String> districts,
      Instant start,
      Instant end,
      String script,
      String reason,
      String user) {
    return jdbc.queryForObject(
        """
        insert into special_round (round_key, purpose, alert_kind, festival, districts, starts_at,
                                   ends_at, script_id, reason, created_by, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
        """,
        Long.class,
        key,
        purpose,
        alertKind,
        festival,
        districts.toArray(String[]::new),
        Timestamp.from(start),
        Timestamp.from(end),
        script,
        reason,
        user,
        Timestamp.from(clock.instant()));
  }

  public List<Round> list() {
    return jdbc
        .query(
            """
        select r.id, r.purpose, coalesce(r.alert_kind, r.festival) as kind, r.reason, r.districts,
               r.starts_at, r.ends_at, r.urgency, count(v.id) as visits,
               count(v.id) filter (where v.valid) as valid,
               count(v.id) filter (where v.status = 'UNREACHABLE') as unreachable,
               count(v.id) filter (where v.status in ('PLANNED', 'IN_PROGRESS') and not v.valid) as open
        from special_round r
        left join visit v on v.special_round_id = r.id and v.purpose <> 'FAMILY_NOTICE'
        group by r.id order by r.starts_at desc, r.id desc limit 100
        """,
            (rs, n) ->
                new Round(
                    rs.getLong("id"),
                    rs.getString("purpose"),
                    rs.getString("kind"),
                    rs.getString("reason"),
                    List.of((String[]) rs.getArray("districts").getArray()),
                    rs.getTimestamp("starts_at").toInstant(),
                    rs.getTimestamp("ends_at").toInstant(),
                    rs.getInt("visits"),
                    rs.getInt("valid"),
                    rs.getInt("unreachable"),
                    rs.getInt("open"),
                    null,
                    rs.getString("urgency"),
                    null))
        .stream()
        .map(
            r ->
                new Round(
                    r.id(),
                    r.purpose(),
                    r.kind(),
                    r.reason(),
                    r.districts(),
                    r.startsAt(),
                    r.endsAt(),
                    r.visits(),
                    r.valid(),
                    r.unreachable(),
                    r.open(),
                    timing.ofRound(r.id()),
                    r.urgency(),
                    contacts(r.id())))
        .toList();
  }

  /** The round's calls to the elders' contacts and how they ended. */
  public Contacts contacts(long roundId) {
    return jdbc.queryForObject(
        """
        select count(*) as calls,
               count(*) filter (where exists (select 1 from visit_answer x where x.visit_id = c.id
                                and x.area = 'CONTACT' and x.intent = 'FINE')) as received,
               count(*) filter (where c.status = 'DONE' and not exists (select 1 from visit_answer x
                                where x.visit_id = c.id and x.area = 'CONTACT' and x.intent = 'FINE'))
                 as answered,
               count(*) filter (where c.status = 'UNREACHABLE') as not_reached
        from visit c where c.special_round_id = ? and c.purpose = 'FAMILY_NOTICE'
        """,
        (rs, n) ->
            new Contacts(
                rs.getInt("calls"),
                rs.getInt("received"),
                rs.getInt("answered"),
                rs.getInt("not_reached")),
        roundId);
  }

  /** When the round's calls are expected (see {@link AlertTiming}). */
  public AlertTiming.Expected expected(long roundId) {
    return timing.ofRound(roundId);
  }
}
