package org.tanfang.callflow;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tanfang.scheduler.alert.AlertKind;

/**
 * What a call learns, as it happens: one answer at once, the visit's outcome at the end (written by
 * the visits feature). The writes go through the {@link Handoff} (queue, journal while the database
 * is unreachable), so the conversation never waits on the database and a hang-up never loses
 * earlier answers; its reads are bounded ({@link ConversationReads}).
 */
@Repository
class VisitLog {
  /** Who is on the line: the attempt, its visit and the elder. */
  record Subject(Long attemptId, long visitId, long elderId, String dialect) {}

  private final JdbcTemplate jdbc;
  private final Handoff handoff;
  private final ConversationReads reads;

  VisitLog(JdbcTemplate jdbc, Handoff handoff, ConversationReads reads) {
    this.jdbc = jdbc;
    this.handoff = handoff;
    this.reads = reads;
  }

  /** The dialect spoken when the elder's could not be read in time. */
  static final String FALLBACK_DIALECT = Prompts.MANDARIN;

  /**
   * A family notification call: the contact's number and the elder the call is about; {@code
   * alertPrompt} the safety message of the weather alert the call belongs to, null for a case's
   * notification.
   */
  record Contact(
      long attemptId,
      long visitId,
      long elderId,
      String dialect,
      String phone,
      String alertPrompt) {}

  /** The attempt, if it belongs to a family notification (visit purpose FAMILY_NOTICE). */
  Optional<Contact> contactFor(long attemptId) {
    return jdbc
        .query(
            "select a.id, a.visit_id, v.elder_id, e.dialect, a.phone, r.alert_kind"
                + " from call_attempt a join visit v on v.id = a.visit_id"
                + " join elder e on e.id = v.elder_id"
                + " left join special_round r on r.id = v.special_round_id"
                + " where a.id = ? and v.purpose = 'FAMILY_NOTICE'",
            (rs, i) ->
                new Contact(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("dialect"),
                    rs.getString("phone"),
                    rs.getString("alert_kind") == null
                        ? null
                        : AlertKind.valueOf(rs.getString("alert_kind")).contactPromptId()),
            attemptId)
        .stream()
        .findFirst();
  }

  /**
   * The attempt's visit, elder and dialect, read within the budget; if the database does not answer
   * in time and the channel carries the visit id, the call goes on in Mandarin (the elder is looked
   * up by the writer when it needs it).
   */
  Optional<Subject> forAttempt(long attemptId, Supplier<Long> visitIdOnChannel) {
    return reads.read(
        "Attempt " + attemptId + ": who is called",
        () -> forAttempt(attemptId),
        () -> {
          Long visitId = visitIdOnChannel.get();
          return visitId == null
              ? Optional.empty()
              : Optional.of(new Subject(attemptId, visitId, 0, FALLBACK_DIALECT));
        });
  }

  /** A read the conversation makes, bounded ({@link ConversationReads}). */
  <T> T bounded(String what, Supplier<T> query, Supplier<T> fallback) {
    return reads.read(what, query, fallback);
  }

  /** {@link #bounded}, started now and collected later ({@link ConversationReads#readAhead}). */
  <T> Supplier<T> boundedAhead(String what, Supplier<T> query, Supplier<T> fallback) {
    return reads.readAhead(what, query, fallback);
  }

  /**
   * A step of the call that needs the database, bounded; throws when late ({@link
   * ConversationReads#within}).
   */
  <T> T within(String what, Supplier<T> work) {
    return reads.within(what, work);
  }

  /** {@link #within}, tried even while the hand-off finds the database down. */
  <T> T tryWithin(String what, Supplier<T> work) {
    return reads.tryWithin(what, work);
  }

  Optional<Subject> forAttempt(long attemptId) {
    return jdbc
        .query(
            "select a.id, a.visit_id, v.elder_id, e.dialect from call_attempt a"
                + " join visit v on v.id = a.visit_id join elder e on e.id = v.elder_id"
                + " where a.id = ?",
            (rs, i) ->
                new Subject(
                    rs.getLong("id"),
                    rs.getLong("visit_id"),
                    rs.getLong("elder_id"),
                    rs.getString("dialect")),
            attemptId)
        .stream()
        .findFirst();
  }

  void started(long visitId, String scriptId, Instant now) {
    handoff.write(Handoff.Entry.started(visitId, scriptId, now));
  }

  /** Writes the answer; {@code distress}: it asks for staff, a DISTRESS case is opened after. */
  void answer(Subject s, Answer a, Instant at) {
    answer(s, a, at, false);
  }

  void answer(Subject s, Answer a, Instant at, boolean distress) {
    var entry = answerEntry(s, a, at, distress);
    if (distress) {
      // The DISTRESS case should exist before the staff queue rings: wait for it, within budget.
      handoff.writeAndWait(entry);
    } else {
      handoff.write(entry);
    }
  }

  /**
   * Writes the answer and waits for it, within {@code read-timeout} (an inbound call, which goes to
   * staff when the database does not take its answers). True if written in time; if not, the answer
   * stays handed over (journalled, replayed).
   */
  boolean answerWritten(Subject s, Answer a, Instant at, boolean distress) {
    return handoff.writeAndWait(answerEntry(s, a, at, distress));
  }

  private static Handoff.Entry answerEntry(Subject s, Answer a, Instant at, boolean distress) {
    return Handoff.Entry.answer(
        key(s.attemptId(), s.visitId(), a.questionId()),
        s.visitId(),
        s.attemptId(),
        s.elderId(),
        a,
        distress,
        at);
  }

  /** The answer to a follow-up of an earlier answer (keypad, or ACKNOWLEDGED with no key). */
  void followUpAnswer(Subject s, Answer a, FollowUps.Due due, String rule, Instant at) {
    handoff.write(
        Handoff.Entry.followUp(
            key(s.attemptId(), s.visitId(), a.questionId()),
            s.visitId(),
            s.attemptId(),
            s.elderId(),
            a,
            due.followsUp(),
            rule,
            at));
  }

  /**
   * The questions the elder answered (not SILENT or UNCLEAR) in another valid visit at or after
   * {@code since}: the short inbound check-in does not ask them again.
   */
  java.util.Set<String> answeredSince(long elderId, long visitId, Instant since) {
    return new java.util.HashSet<>(
        jdbc.queryForList(
            "select distinct a.question_id from visit_answer a join visit v on v.id = a.visit_id"
                + " where v.elder_id = ? and v.id <> ? and v.valid and a.answered_at >= ?"
                + " and a.area not in ('IDENTITY', 'FOLLOW_UP')"
                + " and a.intent not in ('SILENT', 'UNCLEAR')",
            String.class,
            elderId,
            visitId,
            java.sql.Timestamp.from(since)));
  }

  /** A person should listen to a reply ({@link ListenRequested}, published after the writes). */
  void listen(Subject s, String questionId, boolean urgent, String transcript, Instant at) {
    handoff.write(
        Handoff.Entry.listen(
            key(s.attemptId(), s.visitId(), "listen:" + questionId),
            s.visitId(),
            s.attemptId(),
            s.elderId(),
            questionId,
            transcript,
            urgent,
            at));
  }

  /** The outcome, without an event (a family notification call). */
  void finish(long visitId, ConversationOutcome outcome, boolean valid, Instant now) {
    handoff.write(
        Handoff.Entry.finished(
            key(null, visitId, "finished"), visitId, null, 0, valid, false, outcome.name(), now));
  }

  /** The check-in's outcome; {@link ConversationEnded} is published once it is written. */
  void finish(Subject s, ConversationOutcome outcome, boolean valid, Instant now) {
    handoff.write(
        Handoff.Entry.finished(
            key(s.attemptId(), s.visitId(), "finished"),
            s.visitId(),
            s.attemptId(),
            s.elderId(),
            valid,
            true,
            outcome.name(),
            now));
  }

  /**
   * Runs {@code action} once everything handed over before it is written (or journalled and
   * replayed).
   */
  void afterWrites(Runnable action) {
    handoff.then(action);
  }

  /**
   * The idempotency key of one write: the attempt (or the visit), what it is, and a random part
   * made once, here, and kept in the journal, so a replay carries the same key.
   */
  private static String key(Long attemptId, long visitId, String what) {
    String who = attemptId != null ? "a" + attemptId : "v" + visitId;
    String w = what.length() > 50 ? what.substring(0, 50) : what;
    return who + ":" + w + ":" + UUID.randomUUID();
  }
}
