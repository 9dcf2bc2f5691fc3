package org.tanfang.visits;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The answers of several calls read in one query, for what a batch of ended conversations sets off
 * (the follow-up cases, the health rule): one round trip for the batch instead of one or two per
 * call.
 */
@Service
public class CallAnswers {
  private final JdbcTemplate jdbc;

  CallAnswers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A call of a visit; {@code attemptId} null: a visit recorded without a call attempt. */
  public record Call(long visitId, Long attemptId) {}

  /** One answer of a call, as {@code visit_answer} holds it. */
  public record Said(String questionId, String area, String intent, String needs) {}

  /** A call's answers in the order they were said, and whether its visit counts now. */
  public record Answers(List<Said> said, boolean visitValid) {}

  /**
   * What to read for a call without an attempt: only the visit's answers without one, or all of the
   * visit's answers.
   */
  public enum WithoutAttempt {
    ANSWERS_WITHOUT_ATTEMPT,
    ALL_OF_THE_VISIT
  }

  /** Per call, in the order given, its answers; a call whose visit is gone has none, not valid. */
  public List<Answers> of(List<Call> calls, WithoutAttempt without) {
    List<List<Said>> said = new ArrayList<>();
    boolean[] valid = new boolean[calls.size()];
    for (int i = 0; i < calls.size(); i++) {
      said.add(new ArrayList<>());
    }
    if (calls.isEmpty()) {
      return List.of();
    }
    jdbc.query(
        "select u.i, v.valid, a.question_id, a.area, a.intent, a.needs"
            + " from unnest(?::bigint[], ?::bigint[]) with ordinality as u(visit_id, attempt_id, i)"
            + " join visit v on v.id = u.visit_id"
            + " left join visit_answer a on a.visit_id = u.visit_id and case"
            + " when u.attempt_id is not null then a.attempt_id = u.attempt_id"
            + " else ? or a.attempt_id is null end"
            + " order by u.i, a.id",
        rs -> {
          int i = rs.getInt("i") - 1;
          valid[i] = rs.getBoolean("valid");
          if (rs.getString("area") != null) {
            said.get(i)
                .add(
                    new Said(
                        rs.getString("question_id"),
                        rs.getString("area"),
                        rs.getString("intent"),
                        rs.getString("needs")));
          }
        },
        (Object) calls.stream().map(Call::visitId).toArray(Long[]::new),
        (Object) calls.stream().map(Call::attemptId).toArray(Long[]::new),
        without == WithoutAttempt.ALL_OF_THE_VISIT);
    List<Answers> answers = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      answers.add(new Answers(List.copyOf(said.get(i)), valid[i]));
    }
    return answers;
  }
}
