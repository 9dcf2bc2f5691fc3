package org.tanfang.callflow;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.callflow.Handoff.Entry;
import org.tanfang.callflow.Handoff.Kind;
import org.tanfang.visits.VisitAnswers;
import org.tanfang.visits.Visits;

/**
 * The hand-off's writes of a batch of entries, in the caller's transaction: one JDBC batch per kind
 * of write (a round trip each, not one per entry). The kinds are applied in the order a
 * conversation makes them (its start, its answers and follow-ups, its listen requests and outcome);
 * entries of one kind keep their order, and a visit's answers and follow-ups their order between
 * them. That gives what applying the entries one by one in queue order gives: a visit's start and
 * outcome touch different columns, every answer is a row of its own, and whether an entry is new is
 * decided by its own key. The events to publish come back in the entries' order.
 */
final class HandoffWrites {
  private final JdbcTemplate jdbc;
  private final Visits visits;
  private final VisitAnswers answers;
  private final Clock clock;
  private final HandoffProperties props;

  HandoffWrites(
      JdbcTemplate jdbc,
      Visits visits,
      VisitAnswers answers,
      Clock clock,
      HandoffProperties props) {
    this.jdbc = jdbc;
    this.visits = visits;
    this.answers = answers;
    this.clock = clock;
    this.props = props;
  }

  /**
   * Writes the entries (each once) and returns the events to publish after the commit, in order.
   * Throws on the first failure: the caller's transaction is then lost whole.
   */
  List<Object> apply(List<Entry> entries) {
    for (Entry e : entries) {
      if (tooOld(e)) {
        throw new IllegalStateException(
            "older than tanfang.telephony.handoff.keep-applied (" + props.keepApplied() + ")");
      }
    }
    Object[] events = new Object[entries.size()];
    List<Integer> started = indexes(entries, Kind.STARTED);
    if (!started.isEmpty()) {
      visits.conversationsStarted(
          started.stream()
              .map(entries::get)
              .map(e -> new Visits.Started(e.visitId(), e.scriptId(), e.instant()))
              .toList());
    }
    // A visit's answers and follow-ups keep their order (their ids are the order they were said
    // in): the k-th of each visit is in layer k, and a layer holds at most one row per visit, so
    // the two kinds can be batched apart within it.
    for (List<Integer> layer : layers(entries)) {
      answered(
          entries,
          layer.stream().filter(i -> entries.get(i).kind() == Kind.ANSWER).toList(),
          events);
      followUps(
          entries, layer.stream().filter(i -> entries.get(i).kind() == Kind.FOLLOW_UP).toList());
    }
    keyedOnce(entries, events);
    return Arrays.stream(events).filter(java.util.Objects::nonNull).toList();
  }

  private static List<List<Integer>> layers(List<Entry> entries) {
    List<List<Integer>> layers = new ArrayList<>();
    java.util.Map<Long, Integer> rows = new java.util.HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Kind k = entries.get(i).kind();
      if (k == Kind.ANSWER || k == Kind.FOLLOW_UP) {
        int layer = rows.merge(entries.get(i).visitId(), 1, Integer::sum) - 1;
        if (layer == layers.size()) {
          layers.add(new ArrayList<>());
        }
        layers.get(layer).add(i);
      }
    }
    return layers;
  }

  private void answered(List<Entry> entries, List<Integer> answered, Object[] events) {
    if (answered.isEmpty()) {
      return;
    }
    boolean[] now =
        answers.addAllOnce(answered.stream().map(entries::get).map(HandoffWrites::keyed).toList());
    for (int i = 0; i < now.length; i++) {
      Entry e = entries.get(answered.get(i));
      if (now[i] && e.flag()) {
        events[answered.get(i)] =
            new DistressEvent(
                e.visitId(), elder(e), e.attemptId(), e.questionId(), e.rawKey(), e.instant());
      }
    }
  }

  private void followUps(List<Entry> entries, List<Integer> followUps) {
    if (followUps.isEmpty()) {
      return;
    }
    answers.addFollowUpsOnce(
        followUps.stream()
            .map(entries::get)
            .map(e -> new VisitAnswers.KeyedFollowUp(keyed(e), e.followsUp(), e.rule()))
            .toList());
  }

  /** Listen requests and outcomes: applied once per key ({@code handoff_applied}). */
  private void keyedOnce(List<Entry> entries, Object[] events) {
    List<Integer> keyed = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Kind k = entries.get(i).kind();
      if (k == Kind.LISTEN || k == Kind.FINISHED) {
        keyed.add(i);
      }
    }
    if (keyed.isEmpty()) {
      return;
    }
    Timestamp at = Timestamp.from(clock.instant());
    int[] n =
        jdbc.batchUpdate(
            "insert into handoff_applied (key, applied_at) values (?, ?)"
                + " on conflict (key) do nothing",
            keyed.stream().map(i -> new Object[] {entries.get(i).key(), at}).toList());
    List<Visits.Ended> ended = new ArrayList<>();
    for (int j = 0; j < n.length; j++) {
      if (n[j] != 0 && n[j] != 1) {
        throw new IllegalStateException("batch update count " + n[j]);
      }
      if (n[j] == 0) {
        continue; // applied before (a journal replayed again)
      }
      int i = keyed.get(j);
      Entry e = entries.get(i);
      if (e.kind() == Kind.LISTEN) {
        events[i] =
            new ListenRequested(
                e.visitId(),
                elder(e),
                e.attemptId(),
                e.questionId(),
                e.flag(),
                e.transcript(),
                e.instant());
      } else {
        ended.add(new Visits.Ended(e.visitId(), e.outcome(), e.flag(), e.instant()));
        if (e.publish()) {
          events[i] =
              new ConversationEnded(e.visitId(), elder(e), e.attemptId(), e.outcome(), e.instant());
        }
      }
    }
    if (!ended.isEmpty()) {
      visits.conversationsEnded(ended);
    }
  }

  /**
   * An outcome or listen request older than the keys are kept: it may have been applied already and
   * its key removed, so it is not applied again blindly (answers keep their key on their row).
   */
  private boolean tooOld(Entry e) {
    return (e.kind() == Kind.FINISHED || e.kind() == Kind.LISTEN)
        && e.instant().isBefore(clock.instant().minus(props.keepApplied()));
  }

  private static List<Integer> indexes(List<Entry> entries, Kind kind) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).kind() == kind) {
        found.add(i);
      }
    }
    return found;
  }

  /** The elder, read from the visit when the conversation could not read it in time. */
  private long elder(Entry e) {
    if (e.elderId() > 0) {
      return e.elderId();
    }
    Long id =
        jdbc.queryForObject("select elder_id from visit where id = ?", Long.class, e.visitId());
    return id == null ? 0 : id;
  }

  private static VisitAnswers.Keyed keyed(Entry e) {
    return new VisitAnswers.Keyed(
        e.key(),
        e.visitId(),
        e.attemptId(),
        new VisitAnswers.AnswerRow(
            e.questionId(),
            e.area(),
            e.method(),
            e.rawKey(),
            e.intent(),
            e.needs(),
            e.recording(),
            e.transcript(),
            e.reprompts(),
            e.instant()));
  }
}
