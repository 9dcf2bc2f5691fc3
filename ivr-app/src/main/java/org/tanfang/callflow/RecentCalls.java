package org.tanfang.callflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.registry.PersonNames;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.security.Caller;
import org.tanfang.security.ElderAccess;
import org.tanfang.security.RegionScope;

/** Read model of recent call attempts with their conversations, for the calls page and API. */
@Service
public class RecentCalls {
  /** One attempt; the phone number is masked. */
  public record CallRow(
      long attemptId,
      long visitId,
      long elderId,
      String elderName,
      String phone,
      String purpose,
      String pbx,
      String status,
      String result,
      Integer originateReason,
      Integer hangupCause,
      String hangupCauseText,
      String outcome,
      boolean valid,
      Instant dialedAt,
      Instant answeredAt,
      Instant endedAt,
      List<AnswerRow> answers) {
    CallRow withElderName(String shown) {
      return new CallRow(
          attemptId,
          visitId,
          elderId,
          shown,
          phone,
          purpose,
          pbx,
          status,
          result,
          originateReason,
          hangupCause,
          hangupCauseText,
          outcome,
          valid,
          dialedAt,
          answeredAt,
          endedAt,
          answers);
    }
  }

  /** One answer of the conversation. */
  public record AnswerRow(
      String questionId,
      String area,
      String method,
      String rawKey,
      String intent,
      int reprompts,
      Instant answeredAt,
      String transcript,
      String needs) {}

  private static final String SELECT =
      "select a.id, a.visit_id, v.elder_id, e.name, a.phone, v.purpose, a.pbx, a.status, a.result,"
          + " a.originate_reason, a.hangup_cause, a.hangup_cause_text, v.outcome, v.valid,"
          + " a.dialed_at, a.answered_at, a.ended_at"
          + " from call_attempt a join visit v on v.id = a.visit_id join elder e on e.id ="
          + " v.elder_id";

  private final JdbcTemplate jdbc;
  private final ElderAccess access;

  RecentCalls(JdbcTemplate jdbc, ElderAccess access) {
    this.jdbc = jdbc;
    this.access = access;
  }

  /**
   * The latest attempts dialled (or cancelled) to elders inside the caller's scope, newest first;
   * elders' names masked as {@link ElderAccess} says.
   */
  public List<CallRow> latest(int limit, Caller caller) {
    RegionScope.Sql in = caller.scope().sqlOnElder("e");
    List<CallRow> rows =
        jdbc.query(
            SELECT
                + " where a.status <> 'SCHEDULED' and "
                + in.clause()
                + " order by a.id desc limit ?",
            this::row,
            append(in.args(), limit));
    return disclosed(withAnswers(rows), caller);
  }

  /** Every dial of one visit of an elder inside the caller's scope, first to last. */
  public List<CallRow> ofVisit(long visitId, Caller caller) {
    RegionScope.Sql in = caller.scope().sqlOnElder("e");
    return disclosed(
        withAnswers(
            jdbc.query(
                SELECT
                    + " where a.visit_id = ? and a.dialed_at is not null and "
                    + in.clause()
                    + " order by a.attempt_no",
                this::row,
                in.argsAfter(visitId))),
        caller);
  }

  /** Whether the visit exists and its elder lives inside the caller's scope. */
  public boolean visitInScope(long visitId, Caller caller) {
    RegionScope.Sql in = caller.scope().sqlOnElder("e");
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from visit v join elder e on e.id = v.elder_id"
                + " where v.id = ? and "
                + in.clause()
                + ")",
            Boolean.class,
            in.argsAfter(visitId)));
  }

  /** One attempt, if its elder is inside the caller's scope. */
  public Optional<CallRow> get(long attemptId, Caller caller) {
    RegionScope.Sql in = caller.scope().sqlOnElder("e");
    return disclosed(
            withAnswers(
                jdbc.query(
                    SELECT + " where a.id = ? and " + in.clause(),
                    this::row,
                    in.argsAfter(attemptId))),
            caller)
        .stream()
        .findFirst();
  }

  /**
   * How the latest {@code limit} ended attempts to elders inside the scope came out: result or
   * conversation outcome.
   */
  public Map<String, Integer> outcomes(int limit, Caller caller) {
    RegionScope.Sql in = caller.scope().sqlOnElder("e");
    Map<String, Integer> counts = new LinkedHashMap<>();
    jdbc.query(
        "select coalesce(v.outcome, a.result) as o, count(*) as n from (select ca.* from"
            + " call_attempt ca join visit cv on cv.id = ca.visit_id join elder e on e.id ="
            + " cv.elder_id where ca.status = 'ENDED' and "
            + in.clause()
            + " order by ca.id desc limit ?) a join visit v on v.id ="
            + " a.visit_id group by 1 order by 2 desc",
        rs -> {
          counts.put(rs.getString("o"), rs.getInt("n"));
        },
        append(in.args(), limit));
    return counts;
  }

  private static Object[] append(List<Object> args, Object last) {
    List<Object> all = new ArrayList<>(args);
    all.add(last);
    return all.toArray();
  }

  private List<CallRow> disclosed(List<CallRow> rows, Caller caller) {
    if (caller.supervises() || rows.isEmpty()) {
      return rows;
    }
    Set<Long> held = access.heldElders(caller.username());
    return rows.stream()
        .map(
            r ->
                access.namesInClear(caller, r.elderId(), held)
                    ? r
                    : r.withElderName(PersonNames.mask(r.elderName())))
        .toList();
  }

  private List<CallRow> withAnswers(List<CallRow> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, List<AnswerRow>> byAttempt = new LinkedHashMap<>();
    String ids = String.join(",", rows.stream().map(r -> String.valueOf(r.attemptId())).toList());
    jdbc.query(
        "select attempt_id, question_id, area, method, raw_key, intent, reprompts, answered_at,"
            + " transcript, needs"
            + " from visit_answer where attempt_id in ("
            + ids
            + ") order by id",
        rs -> {
          byAttempt
              .computeIfAbsent(rs.getLong("attempt_id"), k -> new ArrayList<>())
              .add(
                  new AnswerRow(
                      rs.getString("question_id"),
                      rs.getString("area"),
                      rs.getString("method"),
                      rs.getString("raw_key"),
                      rs.getString("intent"),
                      rs.getInt("reprompts"),
                      rs.getTimestamp("answered_at").toInstant(),
                      rs.getString("transcript"),
                      rs.getString("needs")));
        });
    return rows.stream()
        .map(
            r ->
                new CallRow(
                    r.attemptId(),
                    r.visitId(),
                    r.elderId(),
                    r.elderName(),
                    r.phone(),
                    r.purpose(),
                    r.pbx(),
                    r.status(),
                    r.result(),
                    r.originateReason(),
                    r.hangupCause(),
                    r.hangupCauseText(),
                    r.outcome(),
                    r.valid(),
                    r.dialedAt(),
                    r.answeredAt(),
                    r.endedAt(),
                    byAttempt.getOrDefault(r.attemptId(), List.of())))
        .toList();
  }

  private CallRow row(ResultSet rs, int i) throws SQLException {
    return new CallRow(
        rs.getLong("id"),
        rs.getLong("visit_id"),
        rs.getLong("elder_id"),
        rs.getString("name"),
        PhoneNumbers.mask(rs.getString("phone")),
        rs.getString("purpose"),
        rs.getString("pbx"),
        rs.getString("status"),
        rs.getString("result"),
        (Integer) rs.getObject("originate_reason"),
        (Integer) rs.getObject("hangup_cause"),
        rs.getString("hangup_cause_text"),
        rs.getString("outcome"),
        rs.getBoolean("valid"),
        instant(rs, "dialed_at"),
        instant(rs, "answered_at"),
        instant(rs, "ended_at"),
        List.of());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    var ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }
}
