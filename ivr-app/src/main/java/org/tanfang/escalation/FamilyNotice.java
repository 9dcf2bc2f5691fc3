package org.tanfang.escalation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.callflow.ContactAnswered;
import org.tanfang.dialer.DialResult;
import org.tanfang.dialer.Dialer;
import org.tanfang.escalation.CaseSignals.FamilyStatus;
import org.tanfang.escalation.FamilyContacts.Contact;
import org.tanfang.escalation.FamilyContacts.Tried;
import org.tanfang.scheduler.dispatch.CallPriority;
import org.tanfang.scheduling.Windows;
import org.tanfang.shared.Text;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.VisitStatus;
import org.tanfang.visits.Visits;

/**
 * The flow of the notification calls to an elder's emergency contacts when an UNREACHABLE case
 * opens: one visit (purpose FAMILY_NOTICE, never valid, {@code escalation_id} set) per case and one
 * attempt per contact, in the registry's order, through the same dialer (context [tanfang-family],
 * AGI script {@code family}).
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
 * Calls are placed within the family calling hours ({@link Windows#family()}): inside them at once,
 * else the attempt waits, due at the next allowed instant, for the scheduler's pacer (which also
 * picks up an attempt for which no channel was free). Events reach it through {@link
 * FamilyNoticeEvents}; {@link #sweep} (a Quartz job) moves on a notification whose next step was
 * lost. Every step is idempotent: the visit row is locked while deciding.
 */
@Component
class FamilyNotice {
  static final String RECORDED_BY = "family-notice";
  private static final Logger log = LoggerFactory.getLogger(FamilyNotice.class);

  private final CaseSignals signals;
  private final Visits visits;
  private final Attempts attempts;
  private final FamilyContacts contacts;
  private final Dialer dialer;
  private final Windows windows;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final FamilyNoticeProperties props;
  private final Clock clock;

  FamilyNotice(
      CaseSignals signals,
      Visits visits,
      Attempts attempts,
      FamilyContacts contacts,
      Dialer dialer,
      Windows windows,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      FamilyNoticeProperties props,
      Clock clock) {
    this.signals = signals;
    this.visits = visits;
    this.attempts = attempts;
    this.contacts = contacts;
    this.dialer = dialer;
    this.windows = windows;
    this.jdbc = jdbc;
    this.tx = tx;
    this.props = props;
    this.clock = clock;
  }

  boolean enabled() {
    return props.enabled();
  }

  /** What to do once the transaction committed. */
  private sealed interface Next {}

  private record Dial(long attemptId, Instant due) implements Next {}

  private record Report(long escalationId, FamilyStatus status, Text detail) implements Next {}

  private record NoContacts(long escalationId) implements Next {}

  /** The case opened: a visit for the notification and a call to the first contact. */
  void start(long escalationId) {
    Instant now = clock.instant();
    then(
        tx.execute(
            s -> {
              Map<String, Object> esc =
                  jdbc.queryForMap(
                      "select elder_id, state from escalation where id = ?", escalationId);
              if ("RESOLVED".equals(esc.get("state"))) {
                return null;
              }
              long elderId = ((Number) esc.get("elder_id")).longValue();
              List<Contact> all = contacts.of(elderId);
              if (all.isEmpty()) {
                return new NoContacts(escalationId);
              }
              Optional<Long> visit =
                  visits.openFamilyNotice(elderId, escalationId, RECORDED_BY, null, now);
              // empty: already under way
              return visit.map(v -> schedule(v, 1, all.get(0), now)).orElse(null);
            }));
  }

  private Dial schedule(long visitId, int attemptNo, Contact contact, Instant now) {
    Instant due = windows.family().nextAllowed(now);
    long id =
        attempts.add(
            new Attempts.NewAttempt(
                visitId, attemptNo, contact.phone(), contact.index(), CallPriority.CALLBACK, due),
            now);
    return new Dial(id, due);
  }

  private void then(Next next) {
    if (next instanceof Dial d) {
      if (d.due().isAfter(clock.instant())) {
        log.info("Family notification call {} waits for calling hours: {}", d.attemptId(), d.due());
        return;
      }
      if (dialer.dial(d.attemptId()) == DialResult.NO_FREE_CHANNEL) {
        log.info("Family notification call {}: no free channel, the pacer dials it", d.attemptId());
      }
    } else if (next instanceof Report r) {
      signals.familyStatus(r.escalationId(), r.status(), r.detail());
    } else if (next instanceof NoContacts n) {
      signals.record(
          n.escalationId(), CaseLog.SYSTEM, CaseAction.FAMILY_NONE, Text.of("family.none"));
    }
  }

  /** The case was resolved: calls not yet placed are cancelled. */
  void stop(long escalationId) {
    Instant now = clock.instant();
    tx.executeWithoutResult(s -> visits.cancelFamilyNotice(escalationId, null, now));
  }

  /**
   * Starts notifications that never started (the node stopped right after opening the case) and
   * moves on those whose last call ended without the step that follows it.
   */
  void sweep() {
    if (props.enabled()) {
      contacts.unstarted().forEach(this::start);
    }
    contacts.stalled().forEach(this::advance);
  }

  /** The first contact's phone is ringing: the desk shows that the family is being called. */
  void firstCallStarted(long attemptId) {
    contacts
        .call(attemptId)
        .filter(c -> c.attemptNo() == 1)
        .ifPresent(
            c ->
                signals.familyStatus(
                    c.escalationId(),
                    FamilyStatus.CALLING,
                    Text.of("family.calling", c.contact().label().toArray())));
  }

  /** Key 1 or 2: recorded on the case at once. */
  void contactAnswered(ContactAnswered e) {
    contacts
        .call(e.attemptId())
        .ifPresent(
            c -> {
              Object[] who = c.contact().label().toArray();
              if (e.confirmedSafe()) {
                signals.familyStatus(
                    c.escalationId(),
                    FamilyStatus.CONFIRMED_SAFE,
                    Text.of("family.confirmedSafe", who));
              } else {
                signals.familyStatus(
                    c.escalationId(),
                    FamilyStatus.VISIT_REQUESTED,
                    Text.of("family.visitRequested", who));
              }
            });
  }

  /**
   * An attempt of a notification ended: stop if a contact answered 1 or 2 (or the case was
   * resolved), else call the next contact, else report that nobody confirmed.
   */
  void advance(long visitId) {
    Instant now = clock.instant();
    then(
        tx.execute(s -> contacts.lockNotice(visitId).map(v -> next(visitId, v, now)).orElse(null)));
  }

  private Next next(long visitId, Map<String, Object> v, Instant now) {
    if (!VisitStatus.valueOf((String) v.get("status")).open() || contacts.callPending(visitId)) {
      return null;
    }
    if ("RESOLVED".equals(v.get("state"))) {
      visits.end(visitId, VisitStatus.CANCELLED, null, now);
      return null;
    }
    if (contacts.confirmed(visitId)) {
      visits.end(visitId, VisitStatus.DONE, null, now);
      return null;
    }
    List<Tried> tried = contacts.tried(visitId);
    List<Contact> all = contacts.of(((Number) v.get("elder_id")).longValue());
    int lastIndex = tried.isEmpty() ? -1 : tried.get(tried.size() - 1).phoneIndex();
    if (lastIndex + 1 < all.size()) {
      return schedule(visitId, tried.size() + 1, all.get(lastIndex + 1), now);
    }
    visits.end(visitId, VisitStatus.UNREACHABLE, null, now);
    return new Report(
        ((Number) v.get("escalation_id")).longValue(),
        FamilyStatus.NO_ANSWER,
        Text.of(
            "family.noAnswer", tried.size(), Text.list(tried.stream().map(Tried::text).toList())));
  }
}
