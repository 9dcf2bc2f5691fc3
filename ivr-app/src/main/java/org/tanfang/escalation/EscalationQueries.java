package org.tanfang.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.security.RegionScope;
import org.tanfang.shared.Texts;

/**
 * Read model of the desk: the queue of open cases (or the latest resolved ones) and one case with
 * the call that raised it and its history. Personal data beyond the elder's name and region is not
 * read here; the desk decides what to unmask.
 */
@Service
public class EscalationQueries {
  /** What the queue shows. */
  public enum View {
    /** Open cases of the staff pool (unless a type is chosen): the call-centre's own work. */
    OPEN,
    /** Open cases of the visitor pool (home visits, unreachable elders): to chase, not to do. */
    VISITORS,
    RESOLVED
  }

  /**
   * @param mine only cases claimed by or assigned to {@code username}
   * @param street a 镇街 (with or without the district)
   * @param visitor a fragment of the elder's responsible visitor's name, or 3+ digits of their
   *     phone
   * @param overdueAt only cases whose deadline is before this instant (null: all)
   */
  public record Filter(
      View view,
      EscalationType type,
      String district,
      Level level,
      boolean mine,
      String username,
      String street,
      String visitor,
      Instant overdueAt) {
    public Filter(
        View view,
        EscalationType type,
        String district,
        Level level,
        boolean mine,
        String username) {
      this(view, type, district, level, mine, username, null, null, null);
    }

    public static Filter open() {
      return new Filter(View.OPEN, null, null, null, false, null);
    }
  }

  /**
   * One case as the queue lists it: the elder by name (unmasked here) and region; {@code elderId}
   * null for a caller into the line who pressed 9 before being identified, then {@code
   * callerNumber} (unmasked here; null when withheld) is what the case knows.
   */
  public record CaseRow(
      long id,
      Long elderId,
      String elderName,
      String district,
      String street,
      String community,
      EscalationType type,
      EscalationState state,
      EscalationType.Pool pool,
      Level level,
      int priority,
      Instant deadline,
      String reason,
      String needs,
      int mergedCount,
      String answeredBy,
      boolean urgentCallback,
      String familyStatus,
      String assignedTo,
      String claimedBy,
      Instant claimedAt,
      Long visitId,
      Long attemptId,
      Outcome outcome,
      Long resolutionVisitId,
      String resolvedBy,
      Instant resolvedAt,
      Instant createdAt,
      Instant updatedAt,
      String visitorName,
      String callerNumber) {

    /** A case with no elder: an unidentified caller into the line. */
    public boolean unidentified() {
      return elderId == null;
    }

    /** The same case with the caller's number as given (masked unless the reader may see it). */
    public CaseRow withCallerNumber(String number) {
      return new CaseRow(
          id,
          elderId,
          elderName,
          district,
          street,
          community,
          type,
          state,
          pool,
          level,
          priority,
          deadline,
          reason,
          needs,
          mergedCount,
          answeredBy,
          urgentCallback,
          familyStatus,
          assignedTo,
          claimedBy,
          claimedAt,
          visitId,
          attemptId,
          outcome,
          resolutionVisitId,
          resolvedBy,
          resolvedAt,
          createdAt,
          updatedAt,
          visitorName,
          number);
    }

    /** The same case with the elder's name as given (masked for the queue). */
    public CaseRow withElderName(String name) {
      return new CaseRow(
          id,
          elderId,
          name,
          district,
          street,
          community,
          type,
          state,
          pool,
          level,
          priority,
          deadline,
          reason,
          needs,
          mergedCount,
          answeredBy,
          urgentCallback,
          familyStatus,
          assignedTo,
          claimedBy,
          claimedAt,
          visitId,
          attemptId,
          outcome,
          resolutionVisitId,
          resolvedBy,
          resolvedAt,
          createdAt,
          updatedAt,
          visitorName,
          callerNumber);
    }
  }

  /** One answer of a call, with what the elder said and where the recording is. */
  public record AnswerRow(
      long id,
      Long attemptId,
      String questionId,
      String area,
      String method,
      String rawKey,
      String intent,
      String needs,
      String transcript,
      boolean hasRecording,
      int reprompts,
      Instant answeredAt) {}

  /** One call of the visit that raised the case (phone masked). */
  public record CallRow(
      long attemptId,
      int attemptNo,
      String phone,
      String status,
      String result,
      Integer hangupCause,
      String hangupCauseText,
      Instant dialedAt,
      Instant answeredAt,
      Instant endedAt,
      List<AnswerRow> answers) {}

  /** One history row: who, when, what. */
  public record HistoryRow(Instant at, String actor, String action, String detail) {}

  /** A case with the visit that raised it (outcome, calls, answers) and its history. */
  public record CaseDetail(
      CaseRow escalation,
      String visitOutcome,
      List<CallRow> calls,
      List<AnswerRow> otherAnswers,
      List<HistoryRow> history) {}

  /** An account a case can be handed to. */
  public record UserRow(String username, String displayName, String role) {}

  private static final String SELECT =
      """
      select e.*, el.name as elder_name, el.district, el.street, el.community, el.visitor_name
      from escalation e left join elder el on el.id = e.elder_id
      """;

  private final JdbcTemplate jdbc;
  private final Texts texts;
  private final CaseRowMapper rows;

  EscalationQueries(JdbcTemplate jdbc, Texts texts) {
    this.jdbc = jdbc;
    this.texts = texts;
    this.rows = new CaseRowMapper(texts);
  }

  /**
   * Open cases by priority (highest first), then deadline (soonest first); resolved ones newest
   * first.
   */
  public List<CaseRow> queue(Filter f, int limit) {
    return queue(f, limit, RegionScope.CITY);
  }

  /** The same, of elders inside {@code scope} only. */
  public List<CaseRow> queue(Filter f, int limit, RegionScope scope) {
    StringBuilder sql = new StringBuilder(SELECT);
    List<Object> args = new ArrayList<>();
    sql.append(
        f.view() == View.RESOLVED ? " where e.state = 'RESOLVED'" : " where e.state <> 'RESOLVED'");
    RegionScope.Sql in = scope.sqlOnElder("el");
    sql.append(" and ").append(in.clause());
    args.addAll(in.args());
    if (f.type() != null) {
      sql.append(" and e.type = ?");
      args.add(f.type().name());
    } else if (f.view() != View.RESOLVED) {
      EscalationType.Pool pool =
          f.view() == View.VISITORS ? EscalationType.Pool.VISITOR : EscalationType.Pool.STAFF;
      sql.append(" and e.type = any (?)");
      args.add(
          java.util.Arrays.stream(EscalationType.values())
              .filter(t -> t.pool() == pool)
              .map(Enum::name)
              .toArray(String[]::new));
    }
    if (f.street() != null && !f.street().isBlank()) {
      sql.append(" and el.street = ?");
      args.add(f.street().strip());
    }
    if (f.visitor() != null && !f.visitor().isBlank()) {
      String v = f.visitor().strip();
      String digits = v.replaceAll("\\D", "");
      sql.append(" and (el.visitor_name like ? escape '\\'");
      args.add("%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      if (digits.length() >= 3) {
        sql.append(" or el.visitor_phone like ?");
        args.add("%" + digits + "%");
      }
      sql.append(")");
    }
    if (f.overdueAt() != null) {
      sql.append(" and e.deadline < ?");
      args.add(java.sql.Timestamp.from(f.overdueAt()));
    }
    if (f.district() != null && !f.district().isBlank()) {
      sql.append(" and el.district = ?");
      args.add(f.district().strip());
    }
    if (f.level() != null) {
      sql.append(" and e.level = ?");
      args.add(f.level().name());
    }
    if (f.mine()) {
      sql.append(" and (e.claimed_by = ? or e.assigned_to = ?)");
      args.add(f.username());
      args.add(f.username());
    }
    sql.append(
        f.view() == View.RESOLVED
            ? " order by e.resolved_at desc, e.id desc"
            : " order by e.priority desc, e.deadline, e.id");
    sql.append(" limit ?");
    args.add(limit);
    return jdbc.query(sql.toString(), rows::caseRow, args.toArray());
  }

  public Optional<CaseRow> get(long id) {
    return jdbc.query(SELECT + " where e.id = ?", rows::caseRow, id).stream().findFirst();
  }

  /** The case with its calls and history. */
  public CaseDetail detail(long id) {
    CaseRow c = get(id).orElseThrow(() -> new EscalationNotFoundException(id));
    String visitOutcome = null;
    List<CallRow> calls = new ArrayList<>();
    List<AnswerRow> others = new ArrayList<>();
    if (c.visitId() != null) {
      visitOutcome =
          jdbc.queryForObject("select outcome from visit where id = ?", String.class, c.visitId());
      Map<Long, List<AnswerRow>> byAttempt = new LinkedHashMap<>();
      for (AnswerRow a : answers(c.visitId())) {
        if (a.attemptId() == null) {
          others.add(a);
        } else {
          byAttempt.computeIfAbsent(a.attemptId(), k -> new ArrayList<>()).add(a);
        }
      }
      calls =
          jdbc.query(
              "select * from call_attempt where visit_id = ? and status <> 'SCHEDULED'"
                  + " order by attempt_no",
              (rs, i) -> rows.call(rs, byAttempt),
              c.visitId());
    }
    return new CaseDetail(c, visitOutcome, calls, others, history(id));
  }

  public List<HistoryRow> history(long id) {
    return jdbc.query(
        "select at, actor, action, detail, detail_key, detail_args from escalation_event"
            + " where escalation_id = ?"
            + " order by id",
        (rs, i) ->
            new HistoryRow(
                CaseRowMapper.instant(rs, "at"),
                rs.getString("actor"),
                rs.getString("action"),
                texts.render(
                    rs.getString("detail_key"),
                    rs.getString("detail_args"),
                    rs.getString("detail"))),
        id);
  }

  /** Where an answer of the case's visit was recorded, as stored (empty if none). */
  public Optional<String> recordingPath(long escalationId, long answerId) {
    return jdbc
        .queryForList(
            "select va.recording_path from visit_answer va join escalation e on e.visit_id ="
                + " va.visit_id where e.id = ? and va.id = ? and va.recording_path is not null",
            String.class,
            escalationId,
            answerId)
        .stream()
        .findFirst();
  }

  /** Enabled accounts, for handing a case over. */
  public List<UserRow> users() {
    return jdbc.query(
        "select username, display_name, role from app_user where enabled order by username",
        (rs, i) ->
            new UserRow(
                rs.getString("username"), rs.getString("display_name"), rs.getString("role")));
  }

  /** The districts that have open cases, for the filter. */
  public List<String> districts() {
    return jdbc.queryForList(
        "select distinct el.district from escalation e join elder el on el.id = e.elder_id"
            + " order by 1",
        String.class);
  }

  private List<AnswerRow> answers(long visitId) {
    return jdbc.query(
        "select id, attempt_id, question_id, area, method, raw_key, intent, needs, transcript,"
            + " recording_path, reprompts, answered_at from visit_answer where visit_id = ?"
            + " order by id",
        rows::answer,
        visitId);
  }
}
