package org.tanfang.escalation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * The cases and everything that changes them. Each change is one transaction that also appends its
 * history row; {@link EscalationChanged} is published after the commit, so the live desk never
 * shows what was rolled back.
 *
 * <p>Opening merges: a second trigger of the same type for an elder with an open case adds to that
 * case (its history, {@code merged_count}, the latest visit and call, the earlier deadline, the
 * higher priority) and returns its id.
 */
@Service
public class Escalations {
  /** The actor of changes made by the application itself. */
  public static final String SYSTEM = "system";

  static final List<String> SIX_AREAS =
      List.of("HEALTH", "LIVING", "FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL");
  private static final Logger log = LoggerFactory.getLogger(Escalations.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final UserAccounts accounts;
  private final EscalationProperties props;
  private final Clock clock;
  private final ZoneId zone;

  Escalations(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events,
      UserAccounts accounts,
      EscalationProperties props,
      Clock clock,
      @Value("${tanfang.zone:Asia/Shanghai}") ZoneId zone) {
    this.jdbc = jdbc;
    // Its own transaction even when called from inside another (an after-commit listener, a
    // scheduler pass): the case and its history commit together, and the desk hears of it after.
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.events = events;
    this.accounts = accounts;
    this.props = props;
    this.clock = clock;
    this.zone = zone;
  }

  /** A person acting on the desk. */
  public record Actor(String username, boolean supervisor) {}

  /** Opens a case, or merges into the open one of that type for the elder. Returns its id. */
  public long open(NewEscalation n) {
    Instant now = clock.instant();
    Instant deadline = n.deadline() != null ? n.deadline() : deadlineFor(n.type(), now);
    int priority = props.priorityOf(n.type());
    String reason = cut(n.reason(), 300);
    return change(
        () -> {
          List<Long> inserted =
              jdbc.queryForList(
                  """
                  insert into escalation (elder_id, type, state, pool, priority, deadline, visit_id,
                                          attempt_id, reason, needs, created_at, updated_at)
                  values (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  on conflict (elder_id, type) where state <> 'RESOLVED' do nothing
                  returning id
                  """,
                  Long.class,
                  n.elderId(),
                  n.type().name(),
                  n.type().pool().name(),
                  priority,
                  ts(deadline),
                  n.visitId(),
                  n.attemptId(),
                  reason,
                  cut(n.needs(), 100),
                  ts(now),
                  ts(now));
          if (!inserted.isEmpty()) {
            long id = inserted.get(0);
            history(id, SYSTEM, "OPENED", reason + trigger(n), now);
            return new Change(id, "OPENED");
          }
          long id =
              jdbc.queryForObject(
                  "select id from escalation where elder_id = ? and type = ? and state <> 'RESOLVED'"
                      + " for update",
                  Long.class,
                  n.elderId(),
                  n.type().name());
          jdbc.update(
              """
              update escalation set merged_count = merged_count + 1,
                     visit_id = coalesce(?, visit_id), attempt_id = coalesce(?, attempt_id),
                     needs = coalesce(?, needs), deadline = least(deadline, ?),
                     priority = greatest(priority, ?), updated_at = ?
              where id = ?
              """,
              n.visitId(),
              n.attemptId(),
              cut(n.needs(), 100),
              ts(deadline),
              priority,
              ts(now),
              id);
          history(id, SYSTEM, "MERGED", reason + trigger(n), now);
          return new Change(id, "MERGED");
        });
  }

  /** Takes the case: the claimer's name shows on the desk and the elder's data opens to them. */
  public void claim(long id, Actor actor) {
    Instant now = clock.instant();
    change(
        () -> {
          Row row = lock(id);
          if (row.state() == EscalationState.CLAIMED && actor.username().equals(row.claimedBy())) {
            return null;
          }
          if (row.state() == EscalationState.CLAIMED) {
            throw new EscalationConflictException("escalation.claimedByOther", row.claimedBy());
          }
          if (row.state() == EscalationState.REASSIGNED
              && !actor.username().equals(row.assignedTo())
              && !actor.supervisor()) {
            throw new EscalationConflictException("escalation.assignedToOther", row.assignedTo());
          }
          jdbc.update(
              "update escalation set state = 'CLAIMED', claimed_by = ?, claimed_at = ?,"
                  + " assigned_to = ?, updated_at = ? where id = ?",
              actor.username(),
              ts(now),
              actor.username(),
              ts(now),
              id);
          history(id, actor.username(), "CLAIMED", null, now);
          return new Change(id, "CLAIMED");
        });
  }

  /** Adds a note to the history. */
  public void note(long id, Actor actor, String text) {
    String note = text == null ? "" : text.strip();
    if (note.isEmpty()) {
      throw invalid(FieldProblem.of("text", "required"));
    }
    if (note.length() > 1000) {
      throw invalid(FieldProblem.of("text", "text.tooLong", 1000));
    }
    Instant now = clock.instant();
    change(
        () -> {
          lock(id);
          touch(id, now);
          history(id, actor.username(), "NOTE", note, now);
          return new Change(id, "NOTE");
        });
  }

  /** Hands the case to another user (who then claims it); the reason goes into the history. */
  public void reassign(long id, Actor actor, String toUser, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (toUser == null || toUser.isBlank()) {
      throw invalid(FieldProblem.of("assignee", "required"));
    }
    if (!accounts.enabled(toUser)) {
      throw invalid(FieldProblem.of("assignee", "escalation.unknownUser", toUser));
    }
    Instant now = clock.instant();
    change(
        () -> {
          Row row = lock(id);
          if (row.state() == EscalationState.CLAIMED
              && !actor.username().equals(row.claimedBy())
              && !actor.supervisor()) {
            throw new EscalationConflictException("escalation.claimedByOther", row.claimedBy());
          }
          jdbc.update(
              "update escalation set state = 'REASSIGNED', assigned_to = ?, claimed_by = null,"
                  + " claimed_at = null, updated_at = ? where id = ?",
              toUser,
              ts(now),
              id);
          history(
              id,
              actor.username(),
              "REASSIGNED",
              "→ " + toUser + (why.isEmpty() ? "" : "：" + why),
              now);
          return new Change(id, "REASSIGNED");
        });
  }

  /**
   * Closes the case with its outcome and writes the visit record: a valid visit with the six areas
   * when a person spoke with the elder (it counts for the elder's cycle), otherwise a record of
   * what was done. A home-visit task resolved by the visit itself completes the planned home visit.
   *
   * @return the id of the visit record written
   */
  public long resolve(long id, Actor actor, Resolution resolution) {
    List<FieldProblem> problems = problems(resolution);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Resolution of escalation " + id, problems);
    }
    Instant now = clock.instant();
    long[] visit = new long[1];
    change(
        () -> {
          Row row = lock(id);
          if (row.state() == EscalationState.RESOLVED) {
            throw new EscalationConflictException("escalation.alreadyResolved");
          }
          if (!actor.supervisor() && !actor.username().equals(row.claimedBy())) {
            throw new EscalationConflictException("escalation.claimFirst");
          }
          visit[0] = writeVisit(row, actor, resolution, now);
          jdbc.update(
              "update escalation set state = 'RESOLVED', outcome = ?, resolution_visit_id = ?,"
                  + " resolved_by = ?, resolved_at = ?, updated_at = ? where id = ?",
              resolution.outcome().name(),
              visit[0],
              actor.username(),
              ts(now),
              ts(now),
              id);
          String notes = resolution.notes() == null ? "" : resolution.notes().strip();
          history(
              id,
              actor.username(),
              "RESOLVED",
              resolution.outcome().name() + (notes.isEmpty() ? "" : "：" + notes),
              now);
          return new Change(id, "RESOLVED");
        });
    return visit[0];
  }

  /**
   * Moves every open case past its deadline one level up (desk → street → district supervisors)
   * with a fresh deadline; at district level it stays, overdue. Returns how many moved.
   */
  public int escalateOverdue() {
    Instant now = clock.instant();
    List<Long> due =
        jdbc.queryForList(
            "select id from escalation where state <> 'RESOLVED' and level <> 'DISTRICT'"
                + " and deadline < ? order by deadline",
            Long.class,
            ts(now));
    int moved = 0;
    for (long id : due) {
      long c =
          change(
              () -> {
                Row row = lock(id);
                if (!row.state().open()
                    || row.level() == Level.DISTRICT
                    || !row.deadline().isBefore(now)) {
                  return null;
                }
                Level to = row.level().up();
                Instant next = now.plus(props.deadlineOf(row.type()));
                jdbc.update(
                    "update escalation set level = ?, deadline = ?, updated_at = ?,"
                        + " state = case when state = 'CLAIMED' then state else 'ESCALATED' end"
                        + " where id = ?",
                    to.name(),
                    ts(next),
                    ts(now),
                    id);
                history(id, SYSTEM, "ESCALATED", row.level() + " → " + to, now);
                return new Change(id, "ESCALATED");
              });
      if (c >= 0) {
        moved++;
      }
    }
    if (moved > 0) {
      log.info("{} overdue escalations moved up a level", moved);
    }
    return moved;
  }

  /** The open DISTRESS case raised by that call, if any. */
  public Optional<Long> openDistressFor(long attemptId) {
    return jdbc
        .queryForList(
            """
            select e.id from escalation e
            join visit v on v.elder_id = e.elder_id
            join call_attempt a on a.visit_id = v.id
            where a.id = ? and e.type = 'DISTRESS' and e.state <> 'RESOLVED'
            """,
            Long.class,
            attemptId)
        .stream()
        .findFirst();
  }

  /** The live transfer was answered in the staff queue by {@code member}. */
  public void transferAnswered(long id, String member) {
    Instant now = clock.instant();
    change(
        () -> {
          lock(id);
          jdbc.update(
              "update escalation set answered_by = ?, urgent_callback = false, updated_at = ?"
                  + " where id = ?",
              cut(member, 80),
              ts(now),
              id);
          history(id, SYSTEM, "ANSWERED", member, now);
          return new Change(id, "ANSWERED");
        });
  }

  /** Nobody in the staff queue answered in time: the elder was told staff will call back. */
  public void transferUnanswered(long id) {
    Instant now = clock.instant();
    change(
        () -> {
          lock(id);
          jdbc.update(
              "update escalation set urgent_callback = true, priority = priority + ?,"
                  + " updated_at = ? where id = ? and not urgent_callback",
              props.urgentPriorityBoost(),
              ts(now),
              id);
          history(id, SYSTEM, "NO_ANSWER", "坐席未接听，需紧急回拨", now);
          return new Change(id, "NO_ANSWER");
        });
  }

  /** What the family notification call learned (a person still closes the case). */
  public void familyStatus(long id, FamilyStatus status, String detail) {
    Instant now = clock.instant();
    change(
        () -> {
          lock(id);
          jdbc.update(
              "update escalation set family_status = ?, updated_at = ?,"
                  + " priority = priority + ? where id = ?",
              status.name(),
              ts(now),
              status == FamilyStatus.VISIT_REQUESTED ? props.urgentPriorityBoost() : 0,
              id);
          history(id, SYSTEM, "FAMILY_" + status.name(), detail, now);
          return new Change(id, "FAMILY_" + status.name());
        });
  }

  /** What the family said on the notification call. */
  public enum FamilyStatus {
    CALLING,
    CONFIRMED_SAFE,
    VISIT_REQUESTED,
    NO_ANSWER
  }

  /** Appends a history row without changing the case (e.g. a click-to-call placed). */
  public void record(long id, String actor, String action, String detail) {
    Instant now = clock.instant();
    change(
        () -> {
          lock(id);
          touch(id, now);
          history(id, actor, action, detail, now);
          return new Change(id, action);
        });
  }

  // --- internals --------------------------------------------------------------------------------

  private record Change(long id, String action) {}

  record Row(
      long id,
      long elderId,
      EscalationType type,
      EscalationState state,
      Level level,
      Instant deadline,
      Long visitId,
      String claimedBy,
      String assignedTo) {}

  private Row lock(long id) {
    return jdbc
        .query(
            "select id, elder_id, type, state, level, deadline, visit_id, claimed_by, assigned_to"
                + " from escalation where id = ? for update",
            (rs, i) ->
                new Row(
                    rs.getLong("id"),
                    rs.getLong("elder_id"),
                    EscalationType.valueOf(rs.getString("type")),
                    EscalationState.valueOf(rs.getString("state")),
                    Level.valueOf(rs.getString("level")),
                    rs.getTimestamp("deadline").toInstant(),
                    rs.getObject("visit_id", Long.class),
                    rs.getString("claimed_by"),
                    rs.getString("assigned_to")),
            id)
        .stream()
        .findFirst()
        .orElseThrow(() -> new EscalationNotFoundException(id));
  }

  /** Runs one change in a transaction, then tells the desk. */
  private long change(Supplier<Change> work) {
    Change c = tx.execute(s -> work.get());
    if (c == null) {
      return -1;
    }
    publish(c);
    return c.id();
  }

  private void publish(Change c) {
    jdbc.query(
        "select elder_id, type, state from escalation where id = ?",
        rs -> {
          events.publishEvent(
              new EscalationChanged(
                  c.id(),
                  rs.getLong("elder_id"),
                  EscalationType.valueOf(rs.getString("type")),
                  EscalationState.valueOf(rs.getString("state")),
                  c.action()));
        },
        c.id());
  }

  private void touch(long id, Instant now) {
    jdbc.update("update escalation set updated_at = ? where id = ?", ts(now), id);
  }

  private void history(long id, String actor, String action, String detail, Instant at) {
    jdbc.update(
        "insert into escalation_event (escalation_id, at, actor, action, detail)"
            + " values (?, ?, ?, ?, ?)",
        id,
        ts(at),
        actor,
        action,
        cut(detail, 1000));
  }

  /**
   * The type's deadline; UNREACHABLE raised before the same-day cut-off is due the same day at the
   * end of the working day.
   */
  Instant deadlineFor(EscalationType type, Instant now) {
    if (type == EscalationType.UNREACHABLE) {
      ZonedDateTime local = now.atZone(zone);
      if (local.toLocalTime().isBefore(props.sameDayCutoff())) {
        return local.toLocalDate().atTime(props.workdayEnd()).atZone(zone).toInstant();
      }
    }
    return now.plus(props.deadlineOf(type));
  }

  /** The end of a cycle's last day, local time: a home-visit task's deadline. */
  public Instant endOf(LocalDate lastDay) {
    return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
  }

  private static String trigger(NewEscalation n) {
    StringBuilder s = new StringBuilder();
    if (n.visitId() != null) {
      s.append("（探访 ").append(n.visitId());
      if (n.attemptId() != null) {
        s.append("，呼叫 ").append(n.attemptId());
      }
      s.append("）");
    }
    return s.toString();
  }

  private static List<FieldProblem> problems(Resolution r) {
    List<FieldProblem> problems = new ArrayList<>();
    if (r == null || r.outcome() == null) {
      problems.add(FieldProblem.of("outcome", "required"));
      return problems;
    }
    String notes = r.notes() == null ? "" : r.notes().strip();
    if (notes.length() > 1000) {
      problems.add(FieldProblem.of("notes", "text.tooLong", 1000));
    }
    if (r.outcome() == Outcome.OTHER && notes.isEmpty()) {
      problems.add(FieldProblem.of("notes", "required"));
    }
    Map<String, AreaFinding> areas = r.areas() == null ? Map.of() : r.areas();
    for (String area : areas.keySet()) {
      if (!SIX_AREAS.contains(area)) {
        problems.add(FieldProblem.of("areas." + area, "escalation.unknownArea", area));
      }
    }
    if (r.outcome().visitWithElder()) {
      for (String area : SIX_AREAS) {
        AreaFinding f = areas.get(area);
        if (f == null || f.status() == null) {
          problems.add(FieldProblem.of("areas." + area, "required"));
        } else if (f.status() == AreaFinding.Status.CONCERN
            && (f.note() == null || f.note().isBlank())) {
          problems.add(FieldProblem.of("areas." + area + ".note", "escalation.concernNote"));
        } else if (f.note() != null && f.note().length() > 1000) {
          problems.add(FieldProblem.of("areas." + area + ".note", "text.tooLong", 1000));
        }
      }
    }
    return problems;
  }

  private long writeVisit(Row row, Actor actor, Resolution r, Instant now) {
    String notes = r.notes() == null ? null : cut(r.notes().strip(), 1000);
    boolean withElder = r.outcome().visitWithElder();
    Long visitId = null;
    if (row.type() == EscalationType.HOME_VISIT
        && r.outcome() == Outcome.HOME_VISIT_DONE
        && row.visitId() != null) {
      // The task was the planned home visit itself: complete it.
      int done =
          jdbc.update(
              "update visit set status = 'DONE', valid = true, outcome = 'COMPLETED',"
                  + " started_at = coalesce(started_at, ?), ended_at = ?, recorded_by = ?,"
                  + " notes = ?, escalation_id = ?, updated_at = ?"
                  + " where id = ? and kind = 'HOME' and status in ('PLANNED', 'IN_PROGRESS')",
              ts(now),
              ts(now),
              actor.username(),
              notes,
              row.id(),
              ts(now),
              row.visitId());
      if (done == 1) {
        visitId = row.visitId();
      }
    }
    if (visitId == null) {
      var cycle =
          row.visitId() == null
              ? null
              : jdbc.queryForMap(
                  "select cycle_start, cycle_end from visit where id = ?", row.visitId());
      visitId =
          jdbc.queryForObject(
              """
              insert into visit (elder_id, kind, purpose, cycle_start, cycle_end, status, outcome,
                                 valid, started_at, ended_at, recorded_by, notes, escalation_id,
                                 created_at, updated_at)
              values (?, ?, 'CALLBACK', ?, ?, 'DONE', ?, ?, ?, ?, ?, ?, ?, ?, ?)
              returning id
              """,
              Long.class,
              row.elderId(),
              r.outcome().visitKind(),
              cycle == null ? null : cycle.get("cycle_start"),
              cycle == null ? null : cycle.get("cycle_end"),
              withElder ? "COMPLETED" : null,
              withElder,
              ts(now),
              ts(now),
              actor.username(),
              notes,
              row.id(),
              ts(now),
              ts(now));
    }
    if (withElder) {
      for (String area : SIX_AREAS) {
        AreaFinding f = r.areas().get(area);
        String intent =
            switch (f.status()) {
              case FINE -> "FINE";
              case CONCERN -> area.equals("HEALTH") ? "UNWELL" : "NEEDS";
              case NOT_CHECKED -> "UNCLEAR";
            };
        String note = f.note() == null || f.note().isBlank() ? null : f.note().strip();
        jdbc.update(
            "insert into visit_answer (visit_id, question_id, area, method, intent, needs,"
                + " transcript, answered_at) values (?, ?, ?, 'PERSON', ?, ?, ?, ?)",
            visitId,
            "person-" + area.toLowerCase(java.util.Locale.ROOT),
            area,
            intent,
            intent.equals("NEEDS") ? cut(note, 100) : null,
            cut(note, 1000),
            ts(now));
      }
    }
    return visitId;
  }

  private static InvalidInputException invalid(FieldProblem p) {
    return new InvalidInputException("Escalation request", List.of(p));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
