package org.tanfang.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.scheduler.dispatch.CallPriority;
import org.tanfang.scheduler.elder.Vulnerability;
import org.tanfang.scheduler.retry.CallAttempt;
import org.tanfang.scheduler.retry.CallOutcome;
import org.tanfang.scheduler.retry.NetworkResults;
import org.tanfang.scheduler.retry.RetryDecision;
import org.tanfang.scheduler.retry.RetryPolicy;
import org.tanfang.shared.Text;
import org.tanfang.shared.Texts;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.VisitStatus;
import org.tanfang.visits.Visits;

/**
 * Decides what follows an ended attempt ({@link AttemptOutcomes}): a valid visit closes it;
 * anything else goes through the {@link RetryPolicy} (retry in 30 min, next phone, next day), an
 * invalid number is flagged for correction, and when robocalls have had their chance the visit
 * becomes UNREACHABLE and a {@link NeedsPersonEvent} is published. The visit row is locked while
 * deciding, so concurrent reports of one visit decide once.
 */
@Service
public class AttemptOutcomeHandler implements AttemptOutcomes {
  private static final Logger log = LoggerFactory.getLogger(AttemptOutcomeHandler.class);

  private final JdbcTemplate jdbc;
  private final Visits visits;
  private final Texts texts;
  private final Attempts attempts;
  private final Clock clock;
  private final SchedulingElders elders;
  private final ApplicationEventPublisher events;
  private final RetryPolicy retry;
  private final ZoneId zone;
  private final boolean devCompress;
  private final int maxAttemptsPerDay;
  private final boolean suspendedFollowUp;

  AttemptOutcomeHandler(
      JdbcTemplate jdbc,
      Visits visits,
      Texts texts,
      Attempts attempts,
      Clock clock,
      SchedulingElders elders,
      ApplicationEventPublisher events,
      SchedulerProperties props,
      DevMode devMode) {
    this.jdbc = jdbc;
    this.visits = visits;
    this.texts = texts;
    this.attempts = attempts;
    this.clock = clock;
    this.elders = elders;
    this.events = events;
    this.zone = clock.getZone();
    this.devCompress = devMode.compressPlanning();
    this.maxAttemptsPerDay = props.maxAttemptsPerDay();
    // Dev mode shows the whole path within the hour: retries minutes apart, and an elder still
    // unreached after the day's attempts goes to a person at once instead of days later.
    Duration retryAfter =
        devCompress && props.retryAfter().compareTo(DEV_RETRY_AFTER) > 0
            ? DEV_RETRY_AFTER
            : props.retryAfter();
    this.retry =
        new RetryPolicy(
            props.maxAttemptsPerDay(),
            retryAfter,
            props.needsPersonDaysLeft(),
            new NetworkResults(props.switchedOffRetryAfter(), props.switchedOffDaysToPerson()));
    this.suspendedFollowUp = props.suspendedFollowUp();
  }

  private static final Duration DEV_RETRY_AFTER = Duration.ofMinutes(2);

  /** {@code hangup_cause_text} of an attempt ended by dialer.StartupReconciler (node gone). */
  static final String NODE_GONE = "hangup.reason.nodeGone";

  @Override
  @Transactional
  public void attemptEnded(long attemptId) {
    List<Map<String, Object>> found =
        jdbc.queryForList(
            """
            select a.visit_id, a.attempt_no, a.status, a.result, a.phone, a.phone_index, a.network_failure,
                   a.hangup_cause_text, a.direction,
                   v.elder_id, v.status as visit_status,
                   v.valid, v.purpose, v.cycle_start, v.cycle_end, v.special_round_id, r.ends_at as round_end
            from call_attempt a join visit v on v.id = a.visit_id
            left join special_round r on r.id = v.special_round_id
            where a.id = ? for update of v
            """,
            attemptId);
    if (found.isEmpty()) {
      log.warn("Ended attempt {} not found", attemptId);
      return;
    }
    Map<String, Object> row = found.get(0);
    long visitId = ((Number) row.get("visit_id")).longValue();
    long elderId = ((Number) row.get("elder_id")).longValue();
    Instant now = clock.instant();
    if (!"ENDED".equals(row.get("status")) || !isOpen((String) row.get("visit_status"))) {
      return;
    }
    if ("FAMILY_NOTICE".equals(row.get("purpose")) && row.get("special_round_id") != null) {
      // An alert's call to the elder's first contact: one call, its result is the round's record.
      boolean answered = "ANSWERED".equals(row.get("result"));
      visits.end(visitId, answered ? VisitStatus.DONE : VisitStatus.UNREACHABLE, null, now);
      return;
    }
    if ("FAMILY_NOTICE".equals(row.get("purpose"))) {
      // A call to the elder's family, not a visit: the escalation feature moves on to the next
      // contact itself; never retried here, never "needs a person" (the case already exists).
      return;
    }
    if (Boolean.TRUE.equals(row.get("valid"))) {
      visits.done(visitId, now);
      return;
    }
    if (hasLaterOrPendingAttempt(visitId, (Integer) row.get("attempt_no"))) {
      return;
    }
    if (NODE_GONE.equals(row.get("hangup_cause_text")) && "OUT".equals(row.get("direction"))) {
      // Cut off because the node that dialled it stopped (ended by the start-up reconcile): not
      // the elder's doing, so dialled again at once on the same number (the pacer keeps the
      // elder's or the round's windows when it claims it), not after retry-after.
      ScheduledElder elder = elders.byId(elderId).orElseThrow();
      int index = ((Number) row.get("phone_index")).intValue();
      scheduleRetry(
          visitId,
          (Integer) row.get("attempt_no"),
          elder,
          new RetryDecision.RetryAt(now, index),
          now);
      return;
    }
    if (Boolean.TRUE.equals(row.get("network_failure"))) {
      // Storm mode: the network failed, not the elder. Dialled again as soon as the PBX carries
      // calls (the dialer holds it back meanwhile); never counted, never a reason for a person.
      ScheduledElder elder = elders.byId(elderId).orElseThrow();
      int index = ((Number) row.get("phone_index")).intValue();
      scheduleRetry(
          visitId,
          (Integer) row.get("attempt_no"),
          elder,
          new RetryDecision.RetryAt(elder.windows().nextAllowed(now), index),
          now);
      return;
    }
    String result = (String) row.get("result");
    if (CORRECTION_RESULTS.contains(result)) {
      flagInvalid(elderId, (String) row.get("phone"), attemptId, now);
    }
    if ("SUSPENDED".equals(result) && suspendedFollowUp) {
      events.publishEvent(
          new PhoneSuspended(
              elderId, visitId, attemptId, ((Number) row.get("phone_index")).intValue()));
    }
    ScheduledElder elder = elders.byId(elderId).orElseThrow();
    VisitCycle cycle = cycleOf(row, now);
    RetryDecision decision =
        retry.next(
            history(visitId, elderId, elder.phones()),
            elder.phones().size(),
            cycle,
            elder.windows());
    Timestamp roundEnd = (Timestamp) row.get("round_end");
    Text person = null;
    if (decision instanceof RetryDecision.RetryAt at
        && roundEnd != null
        && !at.at().isBefore(roundEnd.toInstant())) {
      person = Text.of("reason.roundEnded");
    } else if (devCompress
        && decision instanceof RetryDecision.RetryAt at
        && !LocalDate.ofInstant(at.at(), zone).equals(LocalDate.ofInstant(now, zone))) {
      person = Text.of("reason.devDayExhausted", maxAttemptsPerDay);
    } else if (decision instanceof RetryDecision.RetryAt at) {
      scheduleRetry(visitId, (Integer) row.get("attempt_no"), elder, at, now);
    } else if (decision instanceof RetryDecision.GiveUp giveUp) {
      person = Text.of("reason.giveUp." + giveUp.reason().name());
    } else if (decision instanceof RetryDecision.SwitchedOff off) {
      person = Text.of("reason.switchedOff", off.days());
    } else if (decision instanceof RetryDecision.NeedsPerson) {
      person = Text.of("reason.cycleRunningOut", cycle.id());
    }
    if (person != null) {
      needsPerson(visitId, elderId, person, now, row);
    }
  }

  private static boolean isOpen(String status) {
    return status.equals("PLANNED") || status.equals("IN_PROGRESS");
  }

  private boolean hasLaterOrPendingAttempt(long visitId, int attemptNo) {
    Integer n =
        jdbc.queryForObject(
            """
            select count(*) from call_attempt where visit_id = ?
              and (attempt_no > ? or status in ('SCHEDULED', 'DIALING', 'IN_CALL'))
            """,
            Integer.class,
            visitId,
            attemptNo);
    return n != null && n > 0;
  }

  /** Results that say the number itself is wrong or dead: it goes to the correction list. */
  private static final java.util.Set<String> CORRECTION_RESULTS =
      java.util.Set.of("INVALID_NUMBER", "NO_SUCH_NUMBER", "SUSPENDED");

  /** Flags the number; the flagging attempt's result says why (空号, 停机, invalid). */
  private void flagInvalid(long elderId, String phone, long attemptId, Instant now) {
    jdbc.update(
        """
        insert into phone_correction (elder_id, phone, attempt_id, flagged_at) values (?, ?, ?, ?)
        on conflict (elder_id, phone) do update
          set resolved_at = null, attempt_id = excluded.attempt_id, flagged_at = excluded.flagged_at
        """,
        elderId,
        phone,
        attemptId,
        Timestamp.from(now));
  }

  /**
   * The visit's ended attempts, oldest first, plus numbers flagged invalid earlier (by other
   * visits) as invalid attempts at the epoch, so they are skipped without counting as a call today.
   */
  private List<CallAttempt> history(long visitId, long elderId, List<String> phones) {
    List<CallAttempt> attempts = new ArrayList<>();
    for (String flagged :
        jdbc.queryForList(
            "select phone from phone_correction where elder_id = ? and resolved_at is null",
            String.class,
            elderId)) {
      int index = phones.indexOf(flagged);
      if (index >= 0) {
        attempts.add(new CallAttempt(Instant.EPOCH, index, CallOutcome.INVALID_NUMBER));
      }
    }
    attempts.addAll(
        jdbc.query(
            """
            select phone_index, result, coalesce(ended_at, dialed_at, due_at) as at
            from call_attempt where visit_id = ? and status = 'ENDED' and not network_failure
            order by attempt_no
            """,
            (rs, n) ->
                new CallAttempt(
                    rs.getTimestamp("at").toInstant(),
                    rs.getInt("phone_index"),
                    outcome(rs.getString("result"))),
            visitId));
    return attempts;
  }

  /** An answered call that did not make a valid visit counts as a failure. */
  static CallOutcome outcome(String result) {
    if (result == null) {
      return CallOutcome.FAILED;
    }
    return switch (result) {
      case "NO_ANSWER" -> CallOutcome.NO_ANSWER;
      case "BUSY" -> CallOutcome.BUSY;
      case "CONGESTION" -> CallOutcome.CONGESTION;
      case "INVALID_NUMBER" -> CallOutcome.INVALID_NUMBER;
      case "SWITCHED_OFF" -> CallOutcome.SWITCHED_OFF;
      case "SUSPENDED" -> CallOutcome.SUSPENDED;
      case "NO_SUCH_NUMBER" -> CallOutcome.NO_SUCH_NUMBER;
      case "UNREACHABLE_NETWORK" -> CallOutcome.UNREACHABLE_NETWORK;
      case "VOICEMAIL" -> CallOutcome.VOICEMAIL;
      default -> CallOutcome.FAILED;
    };
  }

  /** A routine visit's own cycle; special rounds retry within the elder's current month. */
  private VisitCycle cycleOf(Map<String, Object> row, Instant now) {
    Object start = row.get("cycle_start");
    Object end = row.get("cycle_end");
    if (start == null || end == null) {
      return VisitCycle.containing(CycleKind.MONTH, LocalDate.ofInstant(now, zone), zone);
    }
    LocalDate first = ((java.sql.Date) start).toLocalDate();
    LocalDate last = ((java.sql.Date) end).toLocalDate();
    CycleKind kind =
        VisitCycle.containing(CycleKind.HALF_MONTH, first, zone).lastDay().equals(last)
            ? CycleKind.HALF_MONTH
            : CycleKind.MONTH;
    return new VisitCycle(kind, first, zone);
  }

  private void scheduleRetry(
      long visitId, int attemptNo, ScheduledElder elder, RetryDecision.RetryAt at, Instant now) {
    Vulnerability v = Vulnerability.of(elder.profile(), LocalDate.ofInstant(now, zone));
    attempts.add(
        new Attempts.NewAttempt(
            visitId,
            attemptNo + 1,
            elder.phones().get(at.phoneIndex()),
            at.phoneIndex(),
            CallPriority.retry(v),
            at.at()),
        now);
  }

  private void needsPerson(
      long visitId, long elderId, Text reason, Instant now, Map<String, Object> row) {
    visits.unreachable(visitId, texts.render(reason, Texts.STORED), now);
    // A festival greeting that did not get through is not an emergency; everything else is.
    if (!"FESTIVAL".equals(row.get("purpose"))) {
      events.publishEvent(new NeedsPersonEvent(elderId, visitId, reason));
    }
  }
}
