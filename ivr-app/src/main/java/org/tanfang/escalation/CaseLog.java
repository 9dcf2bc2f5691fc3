package org.tanfang.escalation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.shared.Text;
import org.tanfang.shared.Texts;

/**
 * How a case changes: one transaction that locks the case, does the change and appends its history
 * row; {@link EscalationChanged} is published after the commit, so the live desk never shows what
 * was rolled back. History details are stored as a message key and arguments ({@link Text}) beside
 * their zh-CN text.
 */
@Component
class CaseLog {
  /** The actor of changes made by the application itself. */
  static final String SYSTEM = "system";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final Texts texts;

  CaseLog(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events,
      Texts texts) {
    this.jdbc = jdbc;
    // Its own transaction even when called from inside another (an after-commit listener, a
    // scheduler pass): the case and its history commit together, and the desk hears of it after.
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.events = events;
    this.texts = texts;
  }

  /** A committed change: the case and what happened to it. */
  record Change(long id, CaseAction action) {}

  /** The columns a change decides on, read under the case's lock. */
  record Row(
      long id,
      Long elderId,
      EscalationType type,
      EscalationState state,
      Level level,
      Instant deadline,
      Long visitId,
      String claimedBy,
      String assignedTo) {}

  /** Runs one change in its transaction, then tells the desk; -1 when nothing changed. */
  long change(Supplier<Change> work) {
    Change c = tx.execute(s -> work.get());
    if (c == null) {
      return -1;
    }
    publish(c);
    return c.id();
  }

  Row lock(long id) {
    return jdbc
        .query(
            "select id, elder_id, type, state, level, deadline, visit_id, claimed_by, assigned_to"
                + " from escalation where id = ? for update",
            (rs, i) ->
                new Row(
                    rs.getLong("id"),
                    rs.getObject("elder_id", Long.class),
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

  /** Appends a history row; {@code detail} may be null. */
  void history(long id, String actor, CaseAction action, Text detail, Instant at) {
    jdbc.update(
        "insert into escalation_event (escalation_id, at, actor, action, detail, detail_key,"
            + " detail_args) values (?, ?, ?, ?, ?, ?, ?)",
        id,
        Timestamp.from(at),
        actor,
        action.name(),
        detail == null ? null : cut(stored(detail), 1000),
        detail == null ? null : detail.key(),
        detail == null ? null : cut(detail.storedArgs(), 1000));
  }

  /** Marks the case changed without changing it (a note, a call placed). */
  void touch(long id, Instant now) {
    jdbc.update("update escalation set updated_at = ? where id = ?", Timestamp.from(now), id);
  }

  /** The text as stored for readers without a locale. */
  String stored(Text text) {
    return texts.render(text, Texts.STORED);
  }

  private void publish(Change c) {
    jdbc.query(
        "select elder_id, type, state from escalation where id = ?",
        rs -> {
          events.publishEvent(
              new EscalationChanged(
                  c.id(),
                  rs.getObject("elder_id", Long.class),
                  EscalationType.valueOf(rs.getString("type")),
                  EscalationState.valueOf(rs.getString("state")),
                  c.action()));
        },
        c.id());
  }

  static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
