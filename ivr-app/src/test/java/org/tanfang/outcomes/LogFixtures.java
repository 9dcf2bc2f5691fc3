package org.tanfang.outcomes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;

/**
 * The outcome log's words for {@link Rows}: elders, visits, dials and answers with times given as
 * Haikou local date-times, so each outcome-log test states exactly the rows it reads.
 */
public final class LogFixtures {
  private final JdbcTemplate jdbc;
  private final Rows rows;

  public LogFixtures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.rows = new Rows(jdbc);
  }

  /** Removes elders, visits and audit entries (the one clean-up, {@link Rows#clean}). */
  public void clean() {
    Rows.clean(jdbc);
  }

  public long elder(
      String name, String district, String street, String community, String category) {
    return rows.elder()
        .named(name)
        .male()
        .born(LocalDate.of(1945, 5, 5))
        .livingAt("某路1号")
        .in(district, street, community)
        .categories(category)
        .registeredNow()
        .save();
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
    Instant time = local(at);
    return rows.visit(elderId)
        .kind(kind)
        .purpose(purpose)
        .status(status)
        .outcome(outcome)
        .valid(valid)
        .plannedAt(time)
        .startedAt(outcome != null ? time : null)
        .endedAt(ended ? time : null)
        .recordedBy(kind.equals("HOME") ? "陈网格" : "scheduler")
        .save();
  }

  /** A dial of the visit's primary phone, ended with {@code result} at {@code at}. */
  public void dial(long visitId, int attemptNo, String result, String at) {
    rows.attempt(visitId)
        .number(attemptNo)
        .phone("13908980001")
        .due(local(at))
        .ended(result, local(at))
        .save();
  }

  public void answer(long visitId, String area, String intent, String needs) {
    rows.answer(visitId).to(area.toLowerCase(), area).keyed(intent).needs(needs).save();
  }

  private static Instant local(String at) {
    return LocalDateTime.parse(at).atZone(MutableClock.SHANGHAI).toInstant();
  }
}
