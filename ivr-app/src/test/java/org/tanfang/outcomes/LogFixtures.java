package org.tanfang.outcomes;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TestElders;

/**
 * Elders, visits, dials and answers written straight into their tables, times given as Haikou local
 * date-times, so each outcome-log test states exactly the rows it reads.
 */
public final class LogFixtures {
  private static final AtomicInteger SEQUENCE = new AtomicInteger(500);
  private final JdbcTemplate jdbc;

  public LogFixtures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Removes elders, visits and audit entries. */
  public void clean() {
    jdbc.execute(
        "truncate special_round, phone_correction, visit_answer, call_attempt, visit, elder,"
            + " elder_category, elder_phone, emergency_contact, audit_event restart identity cascade");
  }

  public long elder(
      String name, String district, String street, String community, String category) {
    int n = SEQUENCE.incrementAndGet();
    Long id =
        jdbc.queryForObject(
            "insert into elder (name, sex, birth_date, id_number, address, district, street,"
                + " community, grid, primary_phone, self_care, created_at, updated_at)"
                + " values (?, 'MALE', '1945-05-05', ?, '某路1号', ?, ?, ?, ?, ?, true, now(), now())"
                + " returning id",
            Long.class,
            name,
            TestElders.idNumber(LocalDate.of(1945, 5, 5), n, true),
            district,
            street,
            community,
            community + "第1网格",
            String.format("1390898%04d", n));
    jdbc.update("insert into elder_category (elder_id, category) values (?, ?)", id, category);
    return id;
  }

  /** A phone visit answered at {@code at} with a conversation outcome (or none). */
  public long phoneVisit(long elderId, String purpose, String status, String outcome, String at) {
    boolean valid = "DONE".equals(status);
    return visit(elderId, "PHONE", purpose, status, outcome, valid, at);
  }

  /** A home visit recorded by a person at {@code at}. */
  public long homeVisit(long elderId, String at) {
    return visit(elderId, "HOME", "ROUTINE", "DONE", null, true, at);
  }

  /** A visit dated by its end time (or planned for {@code at} when still open). */
  public long visit(
      long elderId,
      String kind,
      String purpose,
      String status,
      String outcome,
      boolean valid,
      String at) {
    boolean ended = !status.equals("PLANNED") && !status.equals("IN_PROGRESS");
    Timestamp time = ts(at);
    return jdbc.queryForObject(
        "insert into visit (elder_id, kind, purpose, status, outcome, valid, planned_at,"
            + " started_at, ended_at, recorded_by, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now()) returning id",
        Long.class,
        elderId,
        kind,
        purpose,
        status,
        outcome,
        valid,
        time,
        outcome != null ? time : null,
        ended ? time : null,
        kind.equals("HOME") ? "陈网格" : "scheduler");
  }

  /** A dial of the visit's primary phone, ended with {@code result} at {@code at}. */
  public void dial(long visitId, int attemptNo, String result, String at) {
    jdbc.update(
        "insert into call_attempt (visit_id, attempt_no, phone, due_at, status, result, dialed_at,"
            + " ended_at, created_at) values (?, ?, '13908980001', ?, 'ENDED', ?, ?, ?, now())",
        visitId,
        attemptNo,
        ts(at),
        result,
        ts(at),
        ts(at));
  }

  public void answer(long visitId, String area, String intent, String needs) {
    jdbc.update(
        "insert into visit_answer (visit_id, question_id, area, method, intent, needs,"
            + " answered_at) values (?, ?, ?, 'KEYPAD', ?, ?, now())",
        visitId,
        area.toLowerCase(),
        area,
        intent,
        needs);
  }

  private static Timestamp ts(String local) {
    return Timestamp.from(LocalDateTime.parse(local).atZone(MutableClock.SHANGHAI).toInstant());
  }
}
