package org.tanfang.visitors;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.tanfang.callflow.ConversationEnded;
import org.tanfang.escalation.CaseAction;
import org.tanfang.escalation.EscalationChanged;
import org.tanfang.scheduling.Replanning;
import org.tanfang.shared.Text;
import org.tanfang.shared.Texts;

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

  HealthRule(
      JdbcTemplate jdbc, Replanning replanning, Texts texts, Clock clock, VisitorProperties props) {
    this.jdbc = jdbc;
    this.replanning = replanning;
    this.texts = texts;
    this.clock = clock;
    this.rule = props.homeVisitWhen();
  }

  @EventListener
  void conversationEnded(ConversationEnded e) {
    safely(() -> review(e.visitId(), e.elderId(), e.attemptId()), e.visitId());
  }

  /** A case resolved by a person who spoke with the elder: the visit record's six areas. */
  @TransactionalEventListener(fallbackExecution = true)
  void caseResolved(EscalationChanged e) {
    if (e.action() != CaseAction.RESOLVED) {
      return;
    }
    jdbc.queryForList(
            "select id from visit where escalation_id = ? and valid and purpose <> 'FAMILY_NOTICE'"
                + " order by id desc limit 1",
            Long.class,
            e.escalationId())
        .forEach(visitId -> safely(() -> review(visitId, e.elderId(), null), visitId));
  }

  private void safely(Runnable r, long visitId) {
    try {
      r.run();
    } catch (RuntimeException ex) {
      log.error("Health rule: could not review visit {}", visitId, ex);
    }
  }

  /**
   * Opens or clears the elder's home-visit need from one visit's answers (one call's, if given).
   */
  void review(long visitId, long elderId, Long attemptId) {
    if (rule.isEmpty()) {
      return;
    }
    List<Map<String, Object>> answers =
        attemptId == null
            ? jdbc.queryForList(
                "select area, intent from visit_answer where visit_id = ? order by id", visitId)
            : jdbc.queryForList(
                "select area, intent from visit_answer where visit_id = ? and attempt_id = ?"
                    + " order by id",
                visitId,
                attemptId);
    List<String> fired =
        answers.stream()
            .map(a -> a.get("area") + ":" + a.get("intent"))
            .filter(rule::contains)
            .distinct()
            .toList();
    Instant now = clock.instant();
    boolean changed;
    if (!fired.isEmpty()) {
      changed = open(elderId, visitId, fired, now);
    } else {
      boolean well =
          answers.stream()
              .anyMatch(a -> "HEALTH".equals(a.get("area")) && "FINE".equals(a.get("intent")));
      Boolean valid =
          jdbc.queryForObject("select valid from visit where id = ?", Boolean.class, visitId);
      changed = well && Boolean.TRUE.equals(valid) && clear(elderId, visitId, now);
    }
    if (changed) {
      replanning.request(List.of(elderId), "HEALTH_RULE");
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

  private boolean clear(long elderId, long visitId, Instant now) {
    int cleared =
        jdbc.update(
            "update home_visit_need set cleared_at = ?, cleared_by_visit = ?"
                + " where elder_id = ? and cleared_at is null and found_by_visit <> ?",
            Timestamp.from(now),
            visitId,
            elderId,
            visitId);
    if (cleared == 1) {
      log.info("Health rule: visit {} found elder {} well again", visitId, elderId);
    }
    return cleared == 1;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
