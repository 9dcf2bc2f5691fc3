package org.tanfang.escalation;

import java.sql.Date;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.tanfang.callflow.ConversationEnded;
import org.tanfang.callflow.ConversationsEnded;
import org.tanfang.callflow.DistressEvent;
import org.tanfang.callflow.ListenRequested;
import org.tanfang.scheduling.CyclesPlanned;
import org.tanfang.scheduling.NeedsPersonEvent;
import org.tanfang.scheduling.PhoneSuspended;
import org.tanfang.shared.Text;
import org.tanfang.visits.CallAnswers;

/**
 * Turns what calls and the scheduler find into cases:
 *
 * <ul>
 *   <li>distress in a call (key 9/0, distress words) → DISTRESS, opened synchronously in the call's
 *       thread, so it exists before the dialplan rings the first staff phone;
 *   <li>an UNWELL answer → FOLLOW_UP, a NEEDS answer → NEEDS (with what was asked for), once the
 *       conversation ends;
 *   <li>a conversation that broke off after a worrying answer (UNWELL, NEEDS, HELP) → PARTIAL
 *       instead of FOLLOW_UP: what was not asked matters as much as what was;
 *   <li>retries exhausted, or a cycle about to end uncovered → UNREACHABLE (a home visit by the
 *       elder's human visitor); for a home-visit task that is still open, its HOME_VISIT case;
 *   <li>a suspended line (停机) → FOLLOW_UP tagged with the living-support area (LIVING): the bill
 *       may not have been paid for lack of money;
 *   <li>each cycle's planned home visit → HOME_VISIT ({@link #homeVisitTasks()}).
 * </ul>
 */
@Component
class EscalationTriggers {
  private static final Logger log = LoggerFactory.getLogger(EscalationTriggers.class);

  private final Escalations escalations;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final CallAnswers answers;

  EscalationTriggers(Escalations escalations, JdbcTemplate jdbc, Clock clock, CallAnswers answers) {
    this.escalations = escalations;
    this.jdbc = jdbc;
    this.clock = clock;
    this.answers = answers;
  }

  @EventListener
  void distress(DistressEvent e) {
    String question = Text.label("calls.question." + e.questionId());
    Text reason =
        e.key() != null
            ? Text.of("reason.distressKey", e.key(), question)
            : Text.of("reason.distressSpeech", question);
    try {
      escalations.open(
          NewEscalation.of(
              e.elderId(), EscalationType.DISTRESS, e.visitId(), e.attemptId(), reason));
    } catch (RuntimeException ex) {
      // The transfer goes ahead regardless: the elder must reach a person.
      log.error("Could not open the DISTRESS case of visit {}", e.visitId(), ex);
    }
  }

  /** 9 pressed on the line before the caller was identified: a case without an elder. */
  @EventListener
  void unidentifiedDistress(org.tanfang.callflow.UnidentifiedDistress e) {
    try {
      escalations.openUnidentified(e.callerNumber(), Text.of("reason.unidentifiedCaller"));
    } catch (RuntimeException ex) {
      // The transfer goes ahead regardless: the caller must reach a person.
      log.error("Could not open the DISTRESS case of inbound call {}", e.inboundCallId(), ex);
    }
  }

  /** A spoken reply the machine was not sure of: a person listens (LISTEN_NOW when urgent). */
  @EventListener
  void listen(ListenRequested e) {
    try {
      escalations.open(
          NewEscalation.of(
              e.elderId(),
              e.urgent() ? EscalationType.LISTEN_NOW : EscalationType.LISTEN,
              e.visitId(),
              e.attemptId(),
              Text.of(
                  e.urgent() ? "reason.listenNow" : "reason.listen",
                  Text.label("calls.question." + e.questionId()),
                  e.transcript() == null ? "" : e.transcript())));
    } catch (RuntimeException ex) {
      log.error("Could not open the listen case of visit {}", e.visitId(), ex);
    }
  }

  @EventListener
  void conversationEnded(ConversationEnded e) {
    conversationsEnded(new ConversationsEnded(List.of(e)));
  }

  /** The calls' answers read in one query for the batch, then each call judged on its own. */
  @EventListener
  void conversationsEnded(ConversationsEnded batch) {
    List<CallAnswers.Answers> read;
    try {
      // Each call's answers only: an earlier attempt of the visit was already judged.
      read =
          answers.of(
              batch.ended().stream()
                  .map(e -> new CallAnswers.Call(e.visitId(), e.attemptId()))
                  .toList(),
              CallAnswers.WithoutAttempt.ANSWERS_WITHOUT_ATTEMPT);
    } catch (RuntimeException ex) {
      log.error("Could not read {} visits for follow-up cases", batch.ended().size(), ex);
      return;
    }
    for (int i = 0; i < read.size(); i++) {
      ConversationEnded e = batch.ended().get(i);
      try {
        followUps(e, read.get(i).said());
      } catch (RuntimeException ex) {
        log.error("Could not open the follow-up cases of visit {}", e.visitId(), ex);
      }
    }
  }

  private void followUps(ConversationEnded e, List<CallAnswers.Said> answers) {
    boolean partial = "PARTIAL".equals(e.outcome());
    List<Text> worrying =
        answers.stream()
            .filter(a -> List.of("UNWELL", "NEEDS", "HELP").contains(a.intent()))
            .map(
                a ->
                    Text.of(
                        "reason.answer",
                        Text.label("calls.question." + a.questionId()),
                        Text.label("calls.intent." + a.intent())))
            .toList();
    if (partial && !worrying.isEmpty()) {
      escalations.open(
          NewEscalation.of(
              e.elderId(),
              EscalationType.PARTIAL,
              e.visitId(),
              e.attemptId(),
              Text.of("reason.partial", Text.list(worrying))));
    } else if (answers.stream().anyMatch(a -> "UNWELL".equals(a.intent()))) {
      escalations.open(
          NewEscalation.of(
              e.elderId(),
              EscalationType.FOLLOW_UP,
              e.visitId(),
              e.attemptId(),
              Text.of("reason.unwell", Text.list(questions(answers, "UNWELL")))));
    }
    List<String> needs =
        answers.stream()
            .filter(a -> "NEEDS".equals(a.intent()))
            .flatMap(a -> needsOf(a).stream())
            .distinct()
            .toList();
    if (!needs.isEmpty()) {
      escalations.open(
          new NewEscalation(
              e.elderId(),
              EscalationType.NEEDS,
              e.visitId(),
              e.attemptId(),
              Text.of(
                  "reason.needs",
                  Text.list(needs.stream().map(EscalationTriggers::needText).toList())),
              String.join(",", needs),
              null));
    }
  }

  /** After the scheduler's transaction commits (or at once if there is none). */
  @TransactionalEventListener(fallbackExecution = true)
  void needsPerson(NeedsPersonEvent e) {
    try {
      var visit = jdbc.queryForMap("select kind, cycle_end from visit where id = ?", e.visitId());
      if ("HOME".equals(visit.get("kind"))) {
        Date end = (Date) visit.get("cycle_end");
        escalations.open(
            new NewEscalation(
                e.elderId(),
                EscalationType.HOME_VISIT,
                e.visitId(),
                null,
                e.reason(),
                null,
                end == null ? null : escalations.endOf(end.toLocalDate())));
      } else {
        escalations.open(
            NewEscalation.of(
                e.elderId(), EscalationType.UNREACHABLE, e.visitId(), null, e.reason()));
      }
    } catch (RuntimeException ex) {
      log.error("Could not open the case for visit {}", e.visitId(), ex);
    }
  }

  /** The carrier said the elder's line is suspended: a person asks why (living support). */
  @TransactionalEventListener(fallbackExecution = true)
  void suspended(PhoneSuspended e) {
    try {
      escalations.open(
          new NewEscalation(
              e.elderId(),
              EscalationType.FOLLOW_UP,
              e.visitId(),
              e.attemptId(),
              Text.of("reason.suspended", e.phoneIndex() + 1),
              "LIVING",
              null));
    } catch (RuntimeException ex) {
      log.error("Could not open the follow-up case of suspended line, visit {}", e.visitId(), ex);
    }
  }

  /** Planning just ran: its new home visits become tasks now. */
  @TransactionalEventListener(fallbackExecution = true)
  void planned(CyclesPlanned e) {
    if (e.report().homeVisits() > 0) {
      try {
        homeVisitTasks();
      } catch (RuntimeException ex) {
        log.error("Could not open the home-visit tasks after planning", ex);
      }
    }
  }

  /**
   * Opens a HOME_VISIT case for every planned home visit of a current cycle that has none yet.
   * Idempotent; run after planning and periodically. Returns how many were opened.
   */
  int homeVisitTasks() {
    var today = clock.instant().atZone(clock.getZone()).toLocalDate();
    List<Map<String, Object>> due =
        jdbc.queryForList(
            """
            select v.id, v.elder_id, v.cycle_start, v.cycle_end from visit v
            where v.kind = 'HOME' and v.status in ('PLANNED', 'IN_PROGRESS')
              and v.cycle_start <= ? and v.cycle_end >= ?
              and not exists (select 1 from escalation e where e.visit_id = v.id)
            order by v.cycle_end, v.id
            """,
            Date.valueOf(today),
            Date.valueOf(today));
    for (Map<String, Object> v : due) {
      Date start = (Date) v.get("cycle_start");
      Date end = (Date) v.get("cycle_end");
      escalations.open(
          new NewEscalation(
              ((Number) v.get("elder_id")).longValue(),
              EscalationType.HOME_VISIT,
              ((Number) v.get("id")).longValue(),
              null,
              Text.of("reason.homeVisitCycle", start, end),
              null,
              escalations.endOf(end.toLocalDate())));
    }
    return due.size();
  }

  /**
   * The needs an answer named: the recogniser's kinds (FOOD, MEDICINE …), or, for a keypad "yes, I
   * need something", the area asked about.
   */
  private static List<String> needsOf(CallAnswers.Said answer) {
    String needs = answer.needs();
    if (needs == null || needs.isBlank()) {
      return List.of(answer.area());
    }
    return List.of(needs.split(","));
  }

  /** A need kind's label, or an area's for a keypad need. */
  private static Text needText(String need) {
    return List.of("HEALTH", "LIVING", "FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL").contains(need)
        ? Text.of("field.areas." + need)
        : Text.of("need." + need);
  }

  private static List<Text> questions(List<CallAnswers.Said> answers, String intent) {
    return answers.stream()
        .filter(a -> intent.equals(a.intent()))
        .map(a -> Text.of("calls.question." + a.questionId()))
        .toList();
  }
}
