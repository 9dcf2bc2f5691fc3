package org.tanfang.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.scheduler.cycle.CycleCalendar;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.dispatch.CallPriority;
import org.tanfang.scheduler.elder.Vulnerability;
import org.tanfang.scheduler.plan.DueElder;
import org.tanfang.scheduler.plan.PlannedCall;
import org.tanfang.scheduler.plan.PlanningSettings;
import org.tanfang.scheduler.plan.VisitPlan;
import org.tanfang.scheduler.plan.VisitPlanner;
import org.tanfang.scheduler.policy.VisitDecision;
import org.tanfang.scheduler.policy.VisitMode;
import org.tanfang.scheduler.window.CallWindows;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.NewVisit;
import org.tanfang.visits.VisitPlans;
import org.tanfang.visits.Visits;

/**
 * The daily planning: for the cycles running today, a routine PHONE visit with its first attempt
 * for every robocall elder, and a HOME visit task for every elder a person must visit. Elders
 * already planned for a cycle are left alone, so running it again creates nothing; elders enrolled
 * mid-cycle are spread over what is left. Paused and deceased elders' open visits are cancelled.
 */
@Service
public class CyclePlanning {
  private static final Logger log = LoggerFactory.getLogger(CyclePlanning.class);

  private final SchedulingElders elders;
  private final PolicyTable policies;
  private final VisitPlans rows;
  private final Visits visits;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final CycleCalendar calendar;
  private final VisitPlanner planner;
  private final boolean compress;
  private final Duration compressOver;
  private final ApplicationEventPublisher events;
  private final Attempts attempts;

  CyclePlanning(
      SchedulingElders elders,
      PolicyTable policies,
      VisitPlans rows,
      Visits visits,
      JdbcTemplate jdbc,
      Clock clock,
      SchedulerProperties props,
      DevMode devMode,
      ApplicationEventPublisher events,
      Attempts attempts) {
    this.events = events;
    this.attempts = attempts;
    this.elders = elders;
    this.policies = policies;
    this.rows = rows;
    this.visits = visits;
    this.jdbc = jdbc;
    this.clock = clock;
    this.calendar = new CycleCalendar(clock.getZone());
    this.planner =
        new VisitPlanner(new PlanningSettings(props.spreadShare(), props.reservedDays()));
    this.compress = devMode.compressPlanning();
    this.compressOver = props.devCompressOver();
  }

  /** What one planning run did. */
  public record Report(int phoneVisits, int homeVisits, int unplanned, int cancelled) {}

  /** Plans the cycles that contain today (by the injected clock). */
  public Report planCurrentCycles() {
    Instant now = clock.instant();
    LocalDate today = calendar.today(clock);
    policies.reload();
    int cancelled = cancelInactive(now);
    Report report = plan(elders.all(), now, today, cancelled);
    log.info("Planning {}: {}", today, report);
    events.publishEvent(new CyclesPlanned(report));
    return report;
  }

  /**
   * Plans or re-plans the current cycles of these elders only, at once (an elder created, changed,
   * resumed, paused or imported): open visits that no longer fit (the elder paused, no longer in
   * scope, another visit mode or cycle) are cancelled unless a call is under way, scheduled calls
   * outside changed call windows move to the next allowed minute, and what is missing is planned as
   * the daily run would.
   */
  public Report replan(Collection<Long> elderIds) {
    Instant now = clock.instant();
    LocalDate today = calendar.today(clock);
    policies.reload();
    List<ScheduledElder> changed = elders.byIds(elderIds);
    Map<Long, Set<String>> wanted = new HashMap<>();
    for (ScheduledElder elder : changed) {
      wanted.put(elder.id(), wantedVisits(elder, today));
    }
    int cancelled = 0;
    for (OpenVisit v : openVisits(elderIds, today)) {
      ScheduledElder elder =
          changed.stream().filter(e -> e.id() == v.elderId()).findFirst().orElse(null);
      Set<String> keys = wanted.getOrDefault(v.elderId(), Set.of());
      if (elder == null || !keys.contains(v.key())) {
        visits.end(v.id(), org.tanfang.visits.VisitStatus.CANCELLED, "re-planned", now);
        cancelled++;
      } else if ("PHONE".equals(v.kind())) {
        moveIntoWindows(v.id(), elder.windows(), now);
      }
    }
    Report report = plan(changed, now, today, cancelled);
    log.info("Re-planning {} elders: {}", elderIds.size(), report);
    events.publishEvent(new CyclesPlanned(report));
    return report;
  }

  private Report plan(List<ScheduledElder> all, Instant now, LocalDate today, int cancelled) {
    Map<CycleKind, List<Candidate>> phone = new EnumMap<>(CycleKind.class);
    Map<CycleKind, List<Candidate>> home = new EnumMap<>(CycleKind.class);
    for (ScheduledElder elder : all) {
      VisitDecision decision =
          policies.forDistrict(elder.district()).evaluate(elder.profile(), today);
      if (decision instanceof VisitDecision.InScope in) {
        Candidate candidate = new Candidate(elder, in, Vulnerability.of(elder.profile(), today));
        if (phoneVisits(elder, in)) {
          phone.computeIfAbsent(in.cycle(), k -> new ArrayList<>()).add(candidate);
        }
        if (homeVisits(elder, in)) {
          home.computeIfAbsent(in.cycle(), k -> new ArrayList<>()).add(candidate);
        }
      }
    }
    int phoneVisits = 0;
    int homeVisits = 0;
    int unplanned = 0;
    for (CycleKind kind : CycleKind.values()) {
      VisitCycle cycle = calendar.containing(kind, today);
      PlanResult result = planPhone(cycle, phone.getOrDefault(kind, List.of()), now);
      phoneVisits += result.inserted();
      unplanned += result.unplanned();
      homeVisits += planHome(cycle, home.getOrDefault(kind, List.of()), now);
    }
    return new Report(phoneVisits, homeVisits, unplanned, cancelled);
  }

  private static boolean phoneVisits(ScheduledElder elder, VisitDecision.InScope in) {
    return in.robocalls() && !elder.phones().isEmpty() && elder.homeBecause() == null;
  }

  private static boolean homeVisits(ScheduledElder elder, VisitDecision.InScope in) {
    return in.mode() != VisitMode.PHONE || elder.homeBecause() != null;
  }

  /** The routine visits an elder should have in the current cycle, as {@code KIND/first day}. */
  private Set<String> wantedVisits(ScheduledElder elder, LocalDate today) {
    Set<String> keys = new HashSet<>();
    if (elder.profile().status() != org.tanfang.scheduler.elder.ElderStatus.ACTIVE) {
      return keys;
    }
    VisitDecision decision =
        policies.forDistrict(elder.district()).evaluate(elder.profile(), today);
    if (decision instanceof VisitDecision.InScope in) {
      VisitCycle cycle = calendar.containing(in.cycle(), today);
      String bounds = "/" + cycle.firstDay() + "/" + cycle.lastDay();
      if (phoneVisits(elder, in)) {
        keys.add("PHONE" + bounds);
      }
      if (homeVisits(elder, in)) {
        keys.add("HOME" + bounds);
      }
    }
    return keys;
  }

  private record OpenVisit(long id, long elderId, String kind, LocalDate first, LocalDate last) {
    String key() {
      return kind + "/" + first + "/" + last;
    }
  }

  /** Routine visits of a current cycle still PLANNED, with no call being dialled or under way. */
  private List<OpenVisit> openVisits(Collection<Long> elderIds, LocalDate today) {
    return jdbc.query(
        """
        select v.id, v.elder_id, v.kind, v.cycle_start, v.cycle_end from visit v
        where v.elder_id = any (?) and v.purpose = 'ROUTINE' and v.status = 'PLANNED'
          and v.cycle_start <= ? and v.cycle_end >= ?
          and not exists (select 1 from call_attempt a where a.visit_id = v.id
                          and a.status in ('DIALING', 'IN_CALL'))
        order by v.id
        """,
        (rs, n) ->
            new OpenVisit(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getObject(4, LocalDate.class),
                rs.getObject(5, LocalDate.class)),
        (Object) elderIds.toArray(Long[]::new),
        java.sql.Date.valueOf(today),
        java.sql.Date.valueOf(today));
  }

  /** A changed call window: scheduled calls outside it move to its next allowed minute. */
  private void moveIntoWindows(long visitId, CallWindows windows, Instant now) {
    for (Map<String, Object> a :
        jdbc.queryForList(
            "select id, due_at from call_attempt where visit_id = ? and status = 'SCHEDULED'",
            visitId)) {
      Instant due = ((java.sql.Timestamp) a.get("due_at")).toInstant();
      Instant from = due.isBefore(now) ? now : due;
      Instant allowed = windows.nextAllowed(from);
      if (!allowed.equals(from)) {
        attempts.moveDue(((Number) a.get("id")).longValue(), allowed);
      }
    }
  }

  private record Candidate(ScheduledElder elder, VisitDecision.InScope decision, Vulnerability v) {
    NewVisit visit(Instant at, int priority) {
      return new NewVisit(
          elder.id(),
          at,
          priority,
          at == null ? null : elder.phones().get(0),
          0,
          decision.policyVersion(),
          String.join("；", decision.reasons()));
    }
  }

  private record PlanResult(int inserted, int unplanned) {}

  private PlanResult planPhone(VisitCycle cycle, List<Candidate> candidates, Instant now) {
    Set<Long> planned = alreadyPlanned(cycle, "PHONE");
    Map<Long, Candidate> due = new HashMap<>();
    List<DueElder> dueElders = new ArrayList<>();
    for (Candidate c : candidates) {
      if (!planned.contains(c.elder().id())) {
        due.put(c.elder().id(), c);
        dueElders.add(new DueElder(c.elder().id(), c.v(), c.elder().windows()));
      }
    }
    if (dueElders.isEmpty()) {
      return new PlanResult(0, 0);
    }
    VisitPlan plan =
        compress ? compressed(cycle, dueElders, now) : planner.plan(cycle, dueElders, now);
    List<NewVisit> visits = new ArrayList<>(plan.calls().size());
    for (PlannedCall call : plan.calls()) {
      Candidate c = due.get(call.elderId());
      visits.add(c.visit(call.at(), CallPriority.firstAttempt(c.v())));
    }
    VisitPlans.Batch batch =
        new VisitPlans.Batch("ROUTINE", cycle.firstDay(), cycle.lastDay(), null, null, now);
    int inserted = rows.insertPhoneVisits(batch, visits);
    if (!plan.unplanned().isEmpty()) {
      log.warn(
          "Cycle {}: {} elders have no call-window time left; a person must visit them",
          cycle.id(),
          plan.unplanned().size());
    }
    return new PlanResult(inserted, plan.unplanned().size());
  }

  /** Dev mode: first calls spread over the next allowed hour (inside each elder's windows). */
  private VisitPlan compressed(VisitCycle cycle, List<DueElder> due, Instant now) {
    List<PlannedCall> calls = new ArrayList<>();
    List<Long> unplanned = new ArrayList<>();
    long step = compressOver.toMillis() / Math.max(1, due.size());
    for (int i = 0; i < due.size(); i++) {
      CallWindows windows = due.get(i).windows();
      Instant at = windows.nextAllowed(windows.nextAllowed(now).plusMillis(i * step));
      if (cycle.contains(at)) {
        calls.add(new PlannedCall(due.get(i).elderId(), at));
      } else {
        unplanned.add(due.get(i).elderId());
      }
    }
    return new VisitPlan(cycle, calls, unplanned);
  }

  private int planHome(VisitCycle cycle, List<Candidate> candidates, Instant now) {
    Set<Long> planned = alreadyPlanned(cycle, "HOME");
    List<NewVisit> tasks = new ArrayList<>();
    for (Candidate c : candidates) {
      if (!planned.contains(c.elder().id())) {
        tasks.add(c.visit(null, 0));
      }
    }
    VisitPlans.Batch batch =
        new VisitPlans.Batch("ROUTINE", cycle.firstDay(), cycle.lastDay(), null, null, now);
    return rows.insertHomeVisits(batch, tasks);
  }

  private Set<Long> alreadyPlanned(VisitCycle cycle, String kind) {
    return new HashSet<>(
        jdbc.queryForList(
            """
            select elder_id from visit
            where purpose = 'ROUTINE' and kind = ? and cycle_start = ? and status <> 'CANCELLED'
            """,
            Long.class,
            kind,
            cycle.firstDay()));
  }

  /** Paused and deceased elders get nothing: their open visits and attempts are cancelled. */
  private int cancelInactive(Instant now) {
    return visits.cancelForInactiveElders(now);
  }
}
