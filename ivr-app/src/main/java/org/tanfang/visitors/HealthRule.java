package org.tanfang.visitors;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.tanfang.callflow.ConversationEnded;
import org.tanfang.callflow.ConversationsEnded;
import org.tanfang.escalation.CaseAction;
import org.tanfang.escalation.EscalationChanged;
import org.tanfang.scheduling.Replanning;
import org.tanfang.shared.Text;
import org.tanfang.shared.Texts;
import org.tanfang.visits.CallAnswers;

/**
 * The health rule (POLICY.md: home visits for poor health and family change): an answer the rule
 * names ({@code tanfang.visitors.home-visit-when}, by default an UNWELL health answer or a NEEDS
 * answer in the special-situation area) opens a {@code home_visit_need}, so the elder's next visits
 * are home visits by their visitor; the first later valid visit whose health answer is FINE and
 * that names nothing of the rule clears it. Either change re-plans the elder's current cycle at
 * once. Reads robocall answers when a conversation ends and a person's answers when a case is
 * resolved with a visit.
 */
@Component
class HealthRule {
  private static final Logger log = LoggerFactory.getLogger(HealthRule.class);

  private final JdbcTemplate jdbc;
  private final Replanning replanning;
  private final Texts texts;
  private final Clock clock;
  private final List<String> rule;
  private final CallAnswers answers;

  HealthRule(
      JdbcTemplate jdbc,
      Replanning replanning,
      Texts texts,
      Clock clock,
      VisitorProperties props,
      CallAnswers answers) {
    this.answers = answers;
    this.jdbc = jdbc;
    this.replanning = replanning;
    this.texts = texts;
    this.clock = clock;
    this.rule = props.homeVisitWhen();
  }

  @EventListener
  void conversationEnded(ConversationEnded e) {
    conversationsEnded(new ConversationsEnded(List.of(e)));
  }

  /** A batch of the hand-off's writes ended these conversations: their answers in one query. */
  @EventListener
  void conversationsEnded(ConversationsEnded batch) {
    review(
        batch.ended().stream()
            .map(e -> new Reviewed(e.visitId(), e.elderId(), e.attemptId()))
            .toList());
  }

  /** A case resolved by a person who spoke with the elder: the visit record's six areas. */
  @TransactionalEventListener(fallbackExecution = true)
  void caseResolved(EscalationChanged e) {
    if (e.action() != CaseAction.RESOLVED) {
      return;
    }
    review(
        jdbc
            .queryForList(
                "select id from visit where escalation_id = ? and valid"
                    + " and purpose <> 'FAMILY_NOTICE' order by id desc limit 1",
                Long.class,
                e.escalationId())
            .stream()
            .map(visitId -> new Reviewed(visitId, e.elderId(), null))
            .toList());
  }

  /** A visit to review: one call's answers, or all of the visit's ({@code attemptId} null). */
  private record Reviewed(long visitId, long elderId, Long attemptId) {}

  /**
   * Opens or clears each elder's home-visit need from one visit's answers (one call's, if given),
   * in order: the answers read in one query, the clears written in one statement when no elder is
   * reviewed twice (else each at once, so an open and a clear of one elder keep their order).
   */
  private void review(List<Reviewed> visits) {
    if (rule.isEmpty() || visits.isEmpty()) {
      return;
    }
    List<CallAnswers.Answers> read;
    try {
      read =
          answers.of(
              visits.stream().map(v -> new CallAnswers.Call(v.visitId(), v.attemptId())).toList(),
              CallAnswers.WithoutAttempt.ALL_OF_THE_VISIT);
    } catch (RuntimeException ex) {
      log.error("Health rule: could not read {} visits", visits.size(), ex);
      return;
    }
    boolean together = visits.stream().map(Reviewed::elderId).distinct().count() == visits.size();
    Instant now = clock.instant();
    List<Long> changed = new ArrayList<>();
    List<Reviewed> clears = new ArrayList<>();
    for (int i = 0; i < visits.size(); i++) {
      Reviewed v = visits.get(i);
      CallAnswers.Answers a = read.get(i);
      List<String> fired =
          a.said().stream()
              .map(s -> s.area() + ":" + s.intent())
              .filter(rule::contains)
              .distinct()
              .toList();
      boolean well =
          a.said().stream().anyMatch(s -> "HEALTH".equals(s.area()) && "FINE".equals(s.intent()));
      safely(
          () -> {
            if (!fired.isEmpty()) {
              if (open(v.elderId(), v.visitId(), fired, now)) {
                changed.add(v.elderId());
              }
            } else if (well && a.visitValid()) {
              if (together) {
                clears.add(v);
              } else {
                changed.addAll(clear(List.of(v), now));
              }
            }
          },
          v.visitId());
    }
    if (!clears.isEmpty()) {
      safely(() -> changed.addAll(clear(clears, now)), clears.get(0).visitId());
    }
    if (!changed.isEmpty()) {
      replanning.request(changed.stream().distinct().toList(), "HEALTH_RULE");
    }
  }

  private void safely(Runnable r, long visitId) {
    try {
      r.run();
    } catch (RuntimeException ex) {
      log.error("Health rule: could not review visit {}", visitId, ex);
    }
  }

  private boolean open(long elderId, long visitId, List<String> fired, Instant now) {
    boolean special = fired.stream().noneMatch(f -> f.startsWith("HEALTH:"));
    LocalDate day = now.atZone(clock.getZone()).toLocalDate();
    Text reason =
        Text.of(
            special ? "homeNeed.special" : "homeNeed.health",
            day,
            Text.list(
                fired.stream()
                    .map(
                        f ->
                            Text.of(
                                "homeNeed.answer",
                                Text.label("field.areas." + f.substring(0, f.indexOf(':'))),
                                Text.label("calls.intent." + f.substring(f.indexOf(':') + 1))))
                    .toList()));
    int inserted =
        jdbc.update(
            """
            insert into home_visit_need (elder_id, reason_key, reason_args, reason, found_by_visit,
                                         since)
            values (?, ?, ?, ?, ?, ?)
            on conflict (elder_id) where cleared_at is null do nothing
            """,
            elderId,
            reason.key(),
            reason.storedArgs(),
            cut(texts.render(reason, Texts.STORED), 200),
            visitId,
            Timestamp.from(now));
    if (inserted == 1) {
      log.info(
          "Health rule: elder {} needs home visits after visit {} ({})", elderId, visitId, fired);
    }
    return inserted == 1;
  }

  /** Clears the needs the visits found well again (other visits' needs); the elders cleared. */
  private List<Long> clear(List<Reviewed> visits, Instant now) {
    List<Long> cleared = new ArrayList<>();
    jdbc.query(
        "update home_visit_need n set cleared_at = ?, cleared_by_visit = u.visit_id"
            + " from unnest(?::bigint[], ?::bigint[]) as u(elder_id, visit_id)"
            + " where n.elder_id = u.elder_id and n.cleared_at is null"
            + " and n.found_by_visit <> u.visit_id returning n.elder_id, u.visit_id",
        rs -> {
          log.info(
              "Health rule: visit {} found elder {} well again",
              rs.getLong("visit_id"),
              rs.getLong("elder_id"));
          cleared.add(rs.getLong("elder_id"));
        },
        Timestamp.from(now),
        (Object) visits.stream().map(Reviewed::elderId).toArray(Long[]::new),
        (Object) visits.stream().map(Reviewed::visitId).toArray(Long[]::new));
    return cleared;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
