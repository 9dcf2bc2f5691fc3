package org.tanfang.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.scheduler.cycle.CycleCalendar;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.policy.VisitDecision;

/** One elder's current cycle: why, the visits in it, whether it is covered, the next call. */
@Service
public class ElderCycle {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final SchedulingElders elders;
  private final PolicyTable policies;
  private final CycleCalendar calendar;
  private final ZoneId zone;

  ElderCycle(
      JdbcTemplate jdbc,
      Clock clock,
      SchedulingElders elders,
      PolicyTable policies,
      SchedulerProperties props) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.elders = elders;
    this.policies = policies;
    this.zone = clock.getZone();
    this.calendar = new CycleCalendar(zone);
  }

  public record Attempt(
      long id,
      int attemptNo,
      int phoneIndex,
      String status,
      String result,
      Instant dueAt,
      Instant endedAt) {}

  public record Visit(
      long id,
      String kind,
      String purpose,
      String status,
      boolean valid,
      String outcome,
      Instant plannedAt,
      Instant endedAt,
      String notes,
      List<Attempt> attempts) {}

  public record NextCall(long attemptId, long visitId, Instant dueAt, int phoneIndex) {}

  /**
   * @param cycle null when out of scope
   * @param reasons e.g. ["半月：高龄独居"], or the reason for being out of scope
   */
  public record View(
      long elderId,
      boolean inScope,
      String policyVersion,
      List<String> reasons,
      String mode,
      String modeReason,
      String cycle,
      String cycleKind,
      LocalDate firstDay,
      LocalDate lastDay,
      int daysLeft,
      boolean covered,
      List<Visit> visits,
      NextCall nextCall,
      HomeBecause homeBecause) {}

  /**
   * Why a person visits although the policy would call: the health rule in force (README "The
   * health rule"), as a message key with its arguments and the stored zh-CN text.
   */
  public record HomeBecause(String key, String args, String text, Instant since) {}

  private HomeBecause homeBecause(long elderId) {
    return jdbc
        .query(
            "select reason_key, reason_args, reason, since from home_visit_need"
                + " where elder_id = ? and cleared_at is null",
            (rs, n) ->
                new HomeBecause(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant()),
            elderId)
        .stream()
        .findFirst()
        .orElse(null);
  }

  public Optional<View> of(long elderId) {
    return elders.byId(elderId).map(this::view);
  }

  private View view(ScheduledElder elder) {
    LocalDate today = calendar.today(clock);
    VisitDecision decision =
        policies.forDistrict(elder.district()).evaluate(elder.profile(), today);
    NextCall next = nextCall(elder.id());
    if (!(decision instanceof VisitDecision.InScope in)) {
      VisitDecision.OutOfScope out = (VisitDecision.OutOfScope) decision;
      return new View(
          elder.id(),
          false,
          out.policyVersion(),
          List.of(out.reason()),
          null,
          null,
          null,
          null,
          null,
          null,
          0,
          false,
          List.of(),
          next,
          null);
    }
    VisitCycle cycle = calendar.containing(in.cycle(), today);
    List<Visit> visits = visits(elder.id(), cycle);
    boolean covered = visits.stream().anyMatch(Visit::valid);
    return new View(
        elder.id(),
        true,
        in.policyVersion(),
        in.reasons(),
        in.mode().name(),
        in.modeReason(),
        cycle.id(),
        in.cycle().name(),
        cycle.firstDay(),
        cycle.lastDay(),
        cycle.daysLeft(today),
        covered,
        visits,
        next,
        homeBecause(elder.id()));
  }

  /** Routine visits of this cycle, and special-round visits planned or made inside it. */
  private List<Visit> visits(long elderId, VisitCycle cycle) {
    return jdbc.query(
        """
        select id, kind, purpose, status, valid, outcome, planned_at, ended_at, notes from visit
        where elder_id = ? and purpose <> 'TEST' and (cycle_start = ? or (cycle_start is null
              and coalesce(ended_at, planned_at, created_at) >= ?
              and coalesce(ended_at, planned_at, created_at) < ?))
        order by coalesce(planned_at, created_at), id
        """,
        (rs, n) ->
            new Visit(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("purpose"),
                rs.getString("status"),
                rs.getBoolean("valid"),
                rs.getString("outcome"),
                instant(rs.getTimestamp("planned_at")),
                instant(rs.getTimestamp("ended_at")),
                rs.getString("notes"),
                attempts(rs.getLong("id"))),
        elderId,
        cycle.firstDay(),
        java.sql.Timestamp.from(cycle.start()),
        java.sql.Timestamp.from(cycle.end()));
  }

  private List<Attempt> attempts(long visitId) {
    return jdbc.query(
        """
        select id, attempt_no, phone_index, status, result, due_at, ended_at from call_attempt
        where visit_id = ? order by attempt_no
        """,
        (rs, n) ->
            new Attempt(
                rs.getLong("id"),
                rs.getInt("attempt_no"),
                rs.getInt("phone_index"),
                rs.getString("status"),
                rs.getString("result"),
                instant(rs.getTimestamp("due_at")),
                instant(rs.getTimestamp("ended_at"))),
        visitId);
  }

  private NextCall nextCall(long elderId) {
    return jdbc
        .query(
            """
            select a.id, a.visit_id, a.due_at, a.phone_index from call_attempt a
            join visit v on v.id = a.visit_id
            where v.elder_id = ? and a.status = 'SCHEDULED' and v.purpose <> 'FAMILY_NOTICE'
            order by a.due_at limit 1
            """,
            (rs, n) ->
                new NextCall(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getTimestamp("due_at").toInstant(),
                    rs.getInt("phone_index")),
            elderId)
        .stream()
        .findFirst()
        .orElse(null);
  }

  private static Instant instant(java.sql.Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
