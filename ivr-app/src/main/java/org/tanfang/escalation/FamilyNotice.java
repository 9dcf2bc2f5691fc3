package org.tanfang.escalation;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.callflow.ContactAnswered;
import org.tanfang.dialer.AttemptDialing;
import org.tanfang.dialer.AttemptEnded;
import org.tanfang.dialer.DialResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.escalation.Escalations.FamilyStatus;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.scheduler.dispatch.CallPriority;
import org.tanfang.scheduling.Windows;

/**
 * Notification calls to an elder's emergency contacts when an UNREACHABLE case opens: one {@code
 * visit} (purpose FAMILY_NOTICE, never valid, {@code escalation_id} set) per case and one {@code
 * call_attempt} per contact, in the registry's order, through the same dialer (context
 * [tanfang-family], AGI script {@code family}).
 *
 * <ul>
 *   <li>the first call starts → {@code family_status} CALLING;
 *   <li>a contact presses 1 → CONFIRMED_SAFE on the case (a person still closes it); 2 →
 *       VISIT_REQUESTED (priority raised); no more calls either way;
 *   <li>no answer, busy, invalid number, or no valid key after one re-prompt → the next contact;
 *       after the last → NO_ANSWER;
 *   <li>no emergency contacts → a history entry, nothing dialled.
 * </ul>
 *
 * Only a newly OPENED case is notified: a trigger merged into an open case does not call the family
 * again. Calls are placed within the family calling hours ({@link Windows#family()}): inside them
 * at once, else the attempt waits, due at the next allowed instant, for the scheduler's pacer
 * (which also picks up an attempt for which no channel was free). Calls are placed and followed on
 * one worker thread, never on the AMI or AGI threads that report them. Resolving the case cancels
 * the calls not yet placed; a minutely sweep moves on a notification whose next step was lost.
 */
@Component
class FamilyNotice implements DisposableBean {
  static final String RECORDED_BY = "family-notice";
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(FamilyNotice.class);

  private final Escalations escalations;
  private final Dialer dialer;
  private final Windows windows;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final FamilyNoticeProperties props;
  private final Clock clock;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tanfang-family-notice");
            t.setDaemon(true);
            return t;
          });

  FamilyNotice(
      Escalations escalations,
      Dialer dialer,
      Windows windows,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      FamilyNoticeProperties props,
      Clock clock) {
    this.escalations = escalations;
    this.dialer = dialer;
    this.windows = windows;
    this.jdbc = jdbc;
    this.tx = tx;
    this.props = props;
    this.clock = clock;
    worker.scheduleWithFixedDelay(
        () -> later(this::sweep), SWEEP_EVERY.toSeconds(), SWEEP_EVERY.toSeconds(), SECONDS);
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }

  @EventListener
  void changed(EscalationChanged e) {
    if (props.enabled() && e.type() == EscalationType.UNREACHABLE && "OPENED".equals(e.action())) {
      later(() -> start(e.escalationId()));
    } else if (e.type() == EscalationType.UNREACHABLE && "RESOLVED".equals(e.action())) {
      later(() -> stop(e.escalationId()));
    }
  }

  @EventListener
  void dialing(AttemptDialing e) {
    later(() -> firstCallStarted(e.attemptId()));
  }

  @EventListener
  void answered(ContactAnswered e) {
    later(() -> contactAnswered(e));
  }

  @EventListener
  void ended(AttemptEnded e) {
    later(() -> advance(e.visitId()));
  }

  private void later(Runnable work) {
    try {
      worker.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException ex) {
              log.error("Family notification step failed", ex);
            }
          });
    } catch (RejectedExecutionException e) {
      // Shutting down: the sweep of the next start (or another node) takes it up.
      log.debug("Family notification step dropped at shutdown");
    }
  }

  /** The contacts of an elder, in the registry's order. */
  private record Contact(int index, String name, String relation, String phone) {
    String label() {
      return "紧急联系人 "
          + (index + 1)
          + "（"
          + (relation == null || relation.isBlank() ? "" : relation + "，")
          + PhoneNumbers.mask(phone)
          + "）";
    }
  }

  private List<Contact> contacts(long elderId) {
    return jdbc.query(
        "select name, relation, phone from emergency_contact where elder_id = ? order by position",
        (rs, n) ->
            new Contact(n, rs.getString("name"), rs.getString("relation"), rs.getString("phone")),
        elderId);
  }

  /** What to do once the transaction committed. */
  private sealed interface Next {}

  private record Dial(long attemptId, Instant due) implements Next {}

  private record Report(long escalationId, FamilyStatus status, String detail) implements Next {}

  private record Note(long escalationId, String action, String detail) implements Next {}

  /** The case opened: a visit for the notification and a call to the first contact. */
  void start(long escalationId) {
    Instant now = clock.instant();
    Next next =
        tx.execute(
            s -> {
              Map<String, Object> esc =
                  jdbc.queryForMap(
                      "select elder_id, state from escalation where id = ?", escalationId);
              if ("RESOLVED".equals(esc.get("state"))) {
                return null;
              }
              long elderId = ((Number) esc.get("elder_id")).longValue();
              List<Contact> contacts = contacts(elderId);
              if (contacts.isEmpty()) {
                return new Note(escalationId, "FAMILY_NONE", "无紧急联系人，未拨打家属通知电话");
              }
              List<Long> visit =
                  jdbc.queryForList(
                      """
                      insert into visit (elder_id, kind, purpose, status, valid, planned_at,
                                         recorded_by, notes, escalation_id, created_at, updated_at)
                      values (?, 'PHONE', 'FAMILY_NOTICE', 'PLANNED', false, ?, ?, ?, ?, ?, ?)
                      on conflict (escalation_id) where purpose = 'FAMILY_NOTICE' do nothing
                      returning id
                      """,
                      Long.class,
                      elderId,
                      ts(now),
                      RECORDED_BY,
                      "依次致电 " + contacts.size() + " 位紧急联系人",
                      escalationId,
                      ts(now),
                      ts(now));
              if (visit.isEmpty()) {
                return null; // already under way
              }
              return schedule(visit.get(0), 1, contacts.get(0), now);
            });
    then(next);
  }

  private Dial schedule(long visitId, int attemptNo, Contact contact, Instant now) {
    Instant due = windows.family().nextAllowed(now);
    long id =
        jdbc.queryForObject(
            """
            insert into call_attempt (visit_id, attempt_no, phone, phone_index, priority, due_at,
                                      status, created_at)
            values (?, ?, ?, ?, ?, ?, 'SCHEDULED', ?) returning id
            """,
            Long.class,
            visitId,
            attemptNo,
            contact.phone(),
            contact.index(),
            CallPriority.CALLBACK,
            ts(due),
            ts(now));
    return new Dial(id, due);
  }

  private void then(Next next) {
    if (next instanceof Dial d) {
      if (d.due().isAfter(clock.instant())) {
        log.info("Family notification call {} waits for calling hours: {}", d.attemptId(), d.due());
        return;
      }
      DialResult r = dialer.dial(d.attemptId());
      if (r == DialResult.NO_FREE_CHANNEL) {
        log.info("Family notification call {}: no free channel, the pacer dials it", d.attemptId());
      }
    } else if (next instanceof Report r) {
      escalations.familyStatus(r.escalationId(), r.status(), r.detail());
    } else if (next instanceof Note n) {
      escalations.record(n.escalationId(), Escalations.SYSTEM, n.action(), n.detail());
    }
  }

  /** The case was resolved: calls not yet placed are cancelled. */
  void stop(long escalationId) {
    Instant now = clock.instant();
    tx.executeWithoutResult(
        s -> {
          jdbc.update(
              """
              update call_attempt set status = 'CANCELLED', ended_at = ?
              where status = 'SCHEDULED' and visit_id in
                    (select id from visit where escalation_id = ? and purpose = 'FAMILY_NOTICE')
              """,
              ts(now),
              escalationId);
          // A call under way finishes; the step after it sees the case resolved.
          jdbc.update(
              """
              update visit v set status = 'CANCELLED', notes = '个案已办结，停止通知',
                     ended_at = coalesce(ended_at, ?), updated_at = ?
              where escalation_id = ? and purpose = 'FAMILY_NOTICE'
                and status in ('PLANNED', 'IN_PROGRESS')
                and not exists (select 1 from call_attempt a where a.visit_id = v.id
                                and a.status in ('DIALING', 'IN_CALL'))
              """,
              ts(now),
              ts(now),
              escalationId);
        });
  }

  /**
   * Moves on notifications whose last call ended without the step that follows it (an event lost to
   * a restart or an error): every open notification with no call under way or scheduled.
   */
  void sweep() {
    if (props.enabled()) {
      // An UNREACHABLE case whose notification never started (the node stopped right after
      // opening it): start it now. start() is idempotent.
      for (long escalationId :
          jdbc.queryForList(
              """
              select e.id from escalation e
              where e.type = 'UNREACHABLE' and e.state <> 'RESOLVED'
                and not exists (select 1 from visit v where v.escalation_id = e.id
                                and v.purpose = 'FAMILY_NOTICE')
                and not exists (select 1 from escalation_event h where h.escalation_id = e.id
                                and h.action = 'FAMILY_NONE')
              """,
              Long.class)) {
        start(escalationId);
      }
    }
    for (long visitId :
        jdbc.queryForList(
            """
            select v.id from visit v where v.purpose = 'FAMILY_NOTICE'
              and v.status in ('PLANNED', 'IN_PROGRESS')
              and not exists (select 1 from call_attempt a where a.visit_id = v.id
                              and a.status in ('SCHEDULED', 'DIALING', 'IN_CALL'))
            """,
            Long.class)) {
      advance(visitId);
    }
  }

  /** The first contact's phone is ringing: the desk shows that the family is being called. */
  void firstCallStarted(long attemptId) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            """
            select v.escalation_id, a.phone, a.phone_index from call_attempt a
            join visit v on v.id = a.visit_id
            where a.id = ? and v.purpose = 'FAMILY_NOTICE' and a.attempt_no = 1
            """,
            attemptId);
    if (rows.isEmpty() || rows.get(0).get("escalation_id") == null) {
      return;
    }
    long escalationId = ((Number) rows.get(0).get("escalation_id")).longValue();
    escalations.familyStatus(
        escalationId,
        FamilyStatus.CALLING,
        "正在致电"
            + new Contact(
                    ((Number) rows.get(0).get("phone_index")).intValue(),
                    null,
                    relation(attemptId),
                    (String) rows.get(0).get("phone"))
                .label());
  }

  private String relation(long attemptId) {
    return jdbc
        .queryForList(
            """
            select c.relation from call_attempt a join visit v on v.id = a.visit_id
            join emergency_contact c on c.elder_id = v.elder_id and c.phone = a.phone
            where a.id = ? order by c.position limit 1
            """,
            String.class,
            attemptId)
        .stream()
        .findFirst()
        .orElse(null);
  }

  /** Key 1 or 2: recorded on the case at once. */
  void contactAnswered(ContactAnswered e) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "select v.escalation_id, a.phone_index from call_attempt a join visit v on v.id ="
                + " a.visit_id where a.id = ? and v.purpose = 'FAMILY_NOTICE'",
            e.attemptId());
    if (rows.isEmpty() || rows.get(0).get("escalation_id") == null) {
      return;
    }
    long escalationId = ((Number) rows.get(0).get("escalation_id")).longValue();
    String who =
        new Contact(
                ((Number) rows.get(0).get("phone_index")).intValue(),
                null,
                relation(e.attemptId()),
                e.phone())
            .label();
    if (e.confirmedSafe()) {
      escalations.familyStatus(escalationId, FamilyStatus.CONFIRMED_SAFE, who + "确认老人安全（按键 1）");
    } else {
      escalations.familyStatus(escalationId, FamilyStatus.VISIT_REQUESTED, who + "要求工作人员上门（按键 2）");
    }
  }

  /**
   * An attempt of a notification ended: stop if a contact answered 1 or 2 (or the case was
   * resolved), else call the next contact, else report that nobody confirmed. Idempotent: the visit
   * row is locked and an attempt still under way means nothing to do yet.
   */
  void advance(long visitId) {
    Instant now = clock.instant();
    Next next =
        tx.execute(
            s -> {
              List<Map<String, Object>> found =
                  jdbc.queryForList(
                      """
                      select v.elder_id, v.status, v.escalation_id, e.state from visit v
                      join escalation e on e.id = v.escalation_id
                      where v.id = ? and v.purpose = 'FAMILY_NOTICE' for update of v
                      """,
                      visitId);
              if (found.isEmpty()) {
                return null;
              }
              Map<String, Object> v = found.get(0);
              String status = (String) v.get("status");
              if (!status.equals("PLANNED") && !status.equals("IN_PROGRESS")) {
                return null;
              }
              Integer pending =
                  jdbc.queryForObject(
                      "select count(*) from call_attempt where visit_id = ?"
                          + " and status in ('SCHEDULED', 'DIALING', 'IN_CALL')",
                      Integer.class,
                      visitId);
              if (pending != null && pending > 0) {
                return null;
              }
              long escalationId = ((Number) v.get("escalation_id")).longValue();
              if ("RESOLVED".equals(v.get("state"))) {
                close(visitId, "CANCELLED", "个案已办结，停止通知", now);
                return null;
              }
              Integer confirmed =
                  jdbc.queryForObject(
                      "select count(*) from visit_answer where visit_id = ? and area = 'CONTACT'"
                          + " and intent in ('FINE', 'NEEDS')",
                      Integer.class,
                      visitId);
              if (confirmed != null && confirmed > 0) {
                close(visitId, "DONE", null, now);
                return null;
              }
              List<Map<String, Object>> tried =
                  jdbc.queryForList(
                      "select attempt_no, phone_index, result from call_attempt where visit_id = ?"
                          + " order by attempt_no",
                      visitId);
              List<Contact> contacts = contacts(((Number) v.get("elder_id")).longValue());
              int lastIndex =
                  tried.isEmpty()
                      ? -1
                      : ((Number) tried.get(tried.size() - 1).get("phone_index")).intValue();
              if (lastIndex + 1 < contacts.size()) {
                return schedule(visitId, tried.size() + 1, contacts.get(lastIndex + 1), now);
              }
              close(visitId, "UNREACHABLE", "紧急联系人均未确认", now);
              return new Report(
                  escalationId,
                  FamilyStatus.NO_ANSWER,
                  "已依次致电 " + tried.size() + " 位紧急联系人，均未确认：" + results(tried));
            });
    then(next);
  }

  private static String results(List<Map<String, Object>> tried) {
    StringBuilder s = new StringBuilder();
    for (Map<String, Object> t : tried) {
      if (!s.isEmpty()) {
        s.append("，");
      }
      String result = (String) t.get("result");
      s.append("联系人 ")
          .append(((Number) t.get("phone_index")).intValue() + 1)
          .append(" ")
          .append(
              switch (result == null ? "" : result) {
                case "ANSWERED" -> "接听未确认";
                case "NO_ANSWER" -> "无人接听";
                case "BUSY" -> "占线";
                case "INVALID_NUMBER" -> "号码无效";
                case "CONGESTION" -> "线路拥塞";
                default -> "呼叫失败";
              });
    }
    return s.toString();
  }

  private void close(long visitId, String status, String notes, Instant now) {
    jdbc.update(
        "update visit set status = ?, ended_at = coalesce(ended_at, ?),"
            + " notes = coalesce(?, notes), updated_at = ? where id = ?",
        status,
        ts(now),
        notes,
        ts(now),
        visitId);
    jdbc.update(
        "update call_attempt set status = 'CANCELLED' where visit_id = ? and status = 'SCHEDULED'",
        visitId);
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
