package org.tanfang.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;

/**
 * A small city with known figures for March 2026, seen on 2026-03-20 10:00 in Haikou (README
 * "Dashboard" explains each figure; {@code DashboardFiguresTest} states the answers):
 *
 * <ul>
 *   <li>A (美兰区 海甸街道, monthly): a valid call at local midnight opening 1 March — March.
 *   <li>B (美兰区 海甸街道, monthly): a valid call one second before that midnight — February only.
 *   <li>C (美兰区 海甸街道, half-monthly): 15 March 23:59:59 and 16 March 00:00 — both halves.
 *   <li>D (美兰区 白沙街道, half-monthly): 16 March 00:00 only — second half only.
 *   <li>E (美兰区 白沙街道, half-monthly): enrolled 17 March 00:30, home visit 18 March — owes the second
 *       half only.
 *   <li>F (龙华区, monthly, living alone): enrolled 10 March, never reached (UNREACHABLE).
 * </ul>
 */
final class DashboardFixtures {
  final long a;
  final long b;
  final long c;
  final long d;
  final long e;
  final long f;
  final long distressA;
  final long distressB;
  final long distressC;
  final long needsA;

  static Instant local(String at) {
    return LocalDateTime.parse(at).atZone(MutableClock.SHANGHAI).toInstant();
  }

  DashboardFixtures(JdbcTemplate jdbc) {
    Rows.clean(jdbc);
    Rows rows = new Rows(jdbc);
    a = rows.elder().named("甲").in("美兰区", "海甸街道", "沿江社区").categories("EMPTY_NEST").save();
    b = rows.elder().named("乙").in("美兰区", "海甸街道", "沿江社区").categories("EMPTY_NEST").save();
    c = rows.elder().named("丙").in("美兰区", "海甸街道", "沿江社区").categories("SOLITARY_CHILDLESS").save();
    d = rows.elder().named("丁").in("美兰区", "白沙街道", "白沙社区").categories("SOLITARY_CHILDLESS").save();
    e =
        rows.elder()
            .named("戊")
            .in("美兰区", "白沙街道", "白沙社区")
            .categories("SOLITARY_CHILDLESS")
            .registeredAt(local("2026-03-17T00:30:00"))
            .save();
    f =
        rows.elder()
            .named("己")
            .in("龙华区", "金宇街道", "金宇社区")
            .categories("LIVING_ALONE")
            .registeredAt(local("2026-03-10T09:00:00"))
            .save();

    long visitA = valid(rows, a, "2026-03-01T00:00:00");
    rows.visit(a).valid(false).endedAt(local("2026-03-05T10:00:00")).save();
    rows.visit(a)
        .purpose("TEST")
        .valid(true)
        .status("DONE")
        .endedAt(local("2026-03-06T10:00:00"))
        .save();
    long visitB = valid(rows, b, "2026-02-28T23:59:59");
    valid(rows, c, "2026-03-15T23:59:59");
    valid(rows, c, "2026-03-16T00:00:00");
    long visitD = valid(rows, d, "2026-03-16T00:00:00");
    rows.visit(e).home().valid(true).status("DONE").endedAt(local("2026-03-18T15:00:00")).save();
    long visitF =
        rows.visit(f).status("UNREACHABLE").plannedAt(local("2026-03-11T09:00:00")).save();
    jdbc.update(
        "update visit set escalated_at = ? where id = ?",
        java.sql.Timestamp.from(local("2026-03-18T12:00:00")),
        visitF);

    // how calls ended in March (one in February, not counted)
    rows.attempt(visitA)
        .ended("ANSWERED", local("2026-03-01T00:00:00"))
        .phone("1")
        .due(local("2026-02-01T09:00:00"))
        .save();
    rows.attempt(visitB)
        .number(2)
        .ended("NO_ANSWER", local("2026-03-10T09:00:00"))
        .phone("1")
        .due(local("2026-02-01T09:00:00"))
        .save();
    rows.attempt(visitB)
        .number(3)
        .ended("BUSY", local("2026-03-11T09:00:00"))
        .phone("1")
        .due(local("2026-02-01T09:00:00"))
        .save();
    rows.attempt(visitD)
        .number(2)
        .ended("INVALID_NUMBER", local("2026-03-12T09:00:00"))
        .phone("1")
        .due(local("2026-02-01T09:00:00"))
        .save();
    rows.attempt(visitF)
        .ended("CONGESTION", local("2026-03-12T09:00:00"))
        .phone("1")
        .due(local("2026-02-01T09:00:00"))
        .save();
    rows.attempt(visitB)
        .ended("ANSWERED", local("2026-02-28T23:59:59"))
        .phone("1")
        .due(local("2026-02-01T09:00:00"))
        .save();

    // distress: claimed after 60 s, 180 s, 300 s; resolved after 600 s and 3600 s (late)
    distressA = distress(rows, a, "2026-03-05T10:00:00", 60, 600, null);
    distressB = distress(rows, b, "2026-03-06T10:00:00", 180, 3600, null);
    distressC = distress(rows, c, "2026-03-07T10:00:00", 300, null, "STREET");
    distress(rows, f, "2026-02-28T23:59:00", 10, 20, null);
    needsA =
        rows.caseWithoutHistory(a, "NEEDS")
            .openedAt(local("2026-03-08T10:00:00"), Duration.ofDays(3))
            .resolvedAt(local("2026-03-09T10:00:00"))
            .save();

    // needs heard: A food and repairs (followed up by the resolved case), B medicine (not)
    rows.answer(visitA)
        .to("needs", "CARE_NEEDS")
        .keyed("NEEDS")
        .needs("FOOD,REPAIRS")
        .answeredAt(local("2026-03-05T10:00:00"))
        .save();
    rows.answer(visitB)
        .to("needs", "CARE_NEEDS")
        .keyed("NEEDS")
        .needs("MEDICINE")
        .answeredAt(local("2026-03-10T10:00:00"))
        .save();
  }

  private static long valid(Rows rows, long elder, String localAt) {
    return rows.visit(elder)
        .valid(true)
        .status("DONE")
        .outcome("COMPLETED")
        .endedAt(local(localAt))
        .save();
  }

  private static long distress(
      Rows rows, long elder, String openedAt, long claimAfter, Integer resolveAfter, String level) {
    Instant opened = local(openedAt);
    var row =
        rows.caseWithoutHistory(elder, "DISTRESS")
            .openedAt(opened, Duration.ofMinutes(15))
            .claimedAt(opened.plusSeconds(claimAfter));
    if (resolveAfter != null) {
      row.resolvedAt(opened.plusSeconds(resolveAfter));
    }
    if (level != null) {
      row.level(level);
    }
    return row.save();
  }
}
