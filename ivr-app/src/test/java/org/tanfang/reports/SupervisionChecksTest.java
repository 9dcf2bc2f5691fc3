package org.tanfang.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tanfang.reports.DashboardFixtures.local;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/** Each rule of the four supervision checks on fixtures made to hit it, or just miss it. */
@TanfangTest
class SupervisionChecksTest {
  static final YearMonth MARCH = YearMonth.of(2026, 3);

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired SupervisionChecks checks;
  Rows rows;

  @BeforeEach
  void setUp() {
    clock.setLocal("2026-03-20T10:00:00");
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
  }

  /** An elder whose record is complete: an emergency contact and a responsible visitor. */
  private long kept(String district) {
    long id = rows.elder().in(district, "海甸街道", "沿江社区").save();
    rows.emergencyContact(id, 0, "联系人", "子女", "13900000000");
    jdbc.update("update elder set visitor_name = '网格员' where id = ?", id);
    return id;
  }

  private void flag(long elder, String phone) {
    jdbc.update(
        "insert into phone_correction (elder_id, phone, flagged_at) values (?, ?, now())",
        elder,
        phone);
  }

  private Map<String, Bucket> march() {
    return checks.month(MARCH, Area.CITY);
  }

  @Test
  void theRegistryCheckFindsMissingAndInconsistentData() {
    long clean = kept("美兰区");
    long deadPhone = kept("美兰区");
    long oneGood = kept("美兰区");
    long noContact = rows.elder().save();
    jdbc.update("update elder set visitor_name = '社工' where id = ?", noContact);
    long mismatch = kept("美兰区");
    long stale = kept("美兰区");
    flag(
        deadPhone,
        jdbc.queryForObject(
            "select primary_phone from elder where id = ?", String.class, deadPhone));
    jdbc.update(
        "insert into elder_phone (elder_id, position, number) values (?, 0, '13800000001')",
        oneGood);
    flag(
        oneGood,
        jdbc.queryForObject("select primary_phone from elder where id = ?", String.class, oneGood));
    jdbc.update("update elder set disability_level = 'SEVERE' where id = ?", mismatch);
    jdbc.update(
        "update elder set updated_at = ? where id = ?",
        Timestamp.from(local("2025-03-19T09:00:00")),
        stale);

    Map<String, Bucket> m = march();

    assertThat(m.get("registry.noWorkingPhone").ids()).containsExactly(deadPhone);
    assertThat(m.get("registry.phoneFlagged").ids()).containsExactly(deadPhone, oneGood);
    assertThat(m.get("registry.noEmergencyContact").ids()).containsExactly(noContact);
    assertThat(m.get("registry.noVisitor").ids()).isEmpty();
    assertThat(m.get("registry.categoryMismatch").ids()).containsExactly(mismatch);
    assertThat(m.get("registry.stale").ids()).containsExactly(stale);
    assertThat(m.get("registry").ids())
        .containsExactlyInAnyOrder(deadPhone, oneGood, noContact, mismatch, stale)
        .doesNotContain(clean);
    countsMatchLists(m);
  }

  @Test
  void hazardsWithoutAResolvedFollowUpWithinTheDeadline() {
    long elder = kept("美兰区");
    long other = kept("美兰区");
    long missed = rows.visit(elder).valid(true).save();
    rows.answer(missed)
        .to("safety", "SAFETY")
        .keyed("UNWELL")
        .answeredAt(local("2026-03-02T10:00:00"))
        .save();
    long followed = rows.visit(other).valid(true).save();
    rows.answer(followed)
        .to("care-needs", "CARE_NEEDS")
        .keyed("NEEDS")
        .answeredAt(local("2026-03-05T10:00:00"))
        .save();
    rows.caseWithoutHistory(other, "NEEDS")
        .openedAt(local("2026-03-05T10:01:00"), Duration.ofDays(3))
        .resolvedAt(local("2026-03-06T10:00:00"))
        .save();
    long recent = rows.visit(other).valid(true).save();
    rows.answer(recent)
        .to("safety", "SAFETY")
        .keyed("UNWELL")
        .answeredAt(local("2026-03-19T10:00:00"))
        .save();

    Map<String, Bucket> m = march();

    assertThat(m.get("hazards.safety").ids()).containsExactly(missed);
    assertThat(m.get("hazards.careNeeds").ids()).isEmpty();
    assertThat(m.get("hazards").ids()).containsExactly(missed);
  }

  @Test
  void lateDistressAndUnreachableCases() {
    long a = kept("美兰区");
    long b = kept("美兰区");
    long c = kept("美兰区");
    long d = kept("美兰区");
    long claimedLate = distress(a, "2026-03-05T10:00:00", Duration.ofMinutes(20));
    distress(b, "2026-03-05T10:00:00", Duration.ofMinutes(5));
    distress(c, "2026-03-20T09:50:00", null); // ten minutes old: still within its 15
    long neverClaimed = distress(d, "2026-03-19T10:00:00", null);
    long unreachableLate =
        rows.caseWithoutHistory(a, "UNREACHABLE")
            .pool("VISITOR")
            .openedAt(local("2026-03-10T09:00:00"), Duration.ofHours(9))
            .save();
    rows.caseWithoutHistory(b, "UNREACHABLE")
        .pool("VISITOR")
        .openedAt(local("2026-03-10T09:00:00"), Duration.ofHours(9))
        .resolvedAt(local("2026-03-10T15:00:00"))
        .save();

    Map<String, Bucket> m = march();

    assertThat(m.get("late.distress").ids()).containsExactly(claimedLate, neverClaimed);
    assertThat(m.get("late.unreachable").ids()).containsExactly(unreachableLate);
  }

  private long distress(long elder, String at, Duration claimedAfter) {
    Instant opened = local(at);
    var row = rows.caseWithoutHistory(elder, "DISTRESS").openedAt(opened, Duration.ofMinutes(15));
    if (claimedAfter != null) {
      row.claimedAt(opened.plus(claimedAfter));
    }
    return row.save();
  }

  private long phoneVisit(long elder, String at, long seconds, boolean confirmed) {
    Instant when = local(at);
    long v = rows.visit(elder).valid(true).status("DONE").outcome("COMPLETED").endedAt(when).save();
    rows.attempt(v).answered(when.minusSeconds(seconds), seconds).phone("1").save();
    if (confirmed) {
      rows.answer(v)
          .to("identity", "IDENTITY")
          .pressed("1", "YES")
          .answeredAt(when.minusSeconds(seconds - 5))
          .save();
    }
    return v;
  }

  @Test
  void visitsMadeOnlyForForm() {
    long elder = kept("美兰区");
    long real = phoneVisit(elder, "2026-03-03T10:05:00", 150, true);
    rows.answer(real)
        .to("health", "HEALTH")
        .pressed("1", "FINE")
        .answeredAt(local("2026-03-03T10:03:00"))
        .save();
    rows.answer(real)
        .to("living", "LIVING")
        .pressed("1", "FINE")
        .answeredAt(local("2026-03-03T10:03:40"))
        .save();
    rows.answer(real)
        .to("safety", "SAFETY")
        .pressed("1", "FINE")
        .answeredAt(local("2026-03-03T10:04:30"))
        .save();
    long short_ = phoneVisit(elder, "2026-03-04T10:00:20", 20, true);
    long sameKey = phoneVisit(elder, "2026-03-05T10:02:00", 120, true);
    for (int i = 0; i < 4; i++) {
      rows.answer(sameKey)
          .to("q" + i, "HEALTH")
          .pressed("1", "FINE")
          .answeredAt(local("2026-03-05T10:01:0" + (2 * i)))
          .save();
    }
    long unconfirmed = phoneVisit(elder, "2026-03-06T10:02:00", 120, false);

    long night = home(elder, "2026-03-10T03:00:00", "w1", "FINE");
    long unchecked = home(elder, "2026-03-11T10:00:00", "w1", "UNCLEAR");
    for (int i = 0; i < 5; i++) {
      home(elder, "2026-03-12T10:0" + (2 * i) + ":00", "w2", "FINE");
    }
    long notBurst = home(elder, "2026-03-12T11:00:00", "w2", "FINE");

    Map<String, Bucket> m = march();

    assertThat(m.get("formality.shortCall").ids()).containsExactly(short_);
    assertThat(m.get("formality.sameKeyFast").ids()).containsExactly(sameKey);
    assertThat(m.get("formality.identityNotConfirmed").ids()).containsExactly(unconfirmed);
    assertThat(m.get("formality.homeOddHours").ids()).containsExactly(night);
    assertThat(m.get("formality.homeNotChecked").ids()).containsExactly(unchecked);
    assertThat(m.get("formality.homeBurst").ids()).hasSize(5).doesNotContain(notBurst);
    assertThat(m.get("formality").ids()).doesNotContain(real, notBurst);
    assertThat(m.get("formality").count()).isEqualTo(5 + 5);
    countsMatchLists(m);
  }

  /** Each figure's count (counted in SQL) is the length of its list (read when opened). */
  private static void countsMatchLists(Map<String, Bucket> m) {
    m.forEach((key, bucket) -> assertThat(bucket.count()).as(key).isEqualTo(bucket.ids().size()));
  }

  @Test
  void aBurstIsFiveHomeVisitsByOnePersonWithinTheWindowBothEndsIncluded() {
    long elder = kept("美兰区");
    java.util.List<Long> burst = new java.util.ArrayList<>();
    for (String at : new String[] {"10:00:00", "10:02:30", "10:05:00", "10:07:30", "10:10:00"}) {
      burst.add(home(elder, "2026-03-13T" + at, "w3", "FINE"));
    }
    // a second longer: no ten minutes hold five
    for (String at : new String[] {"10:00:00", "10:02:30", "10:05:00", "10:07:30", "10:10:01"}) {
      home(elder, "2026-03-14T" + at, "w4", "FINE");
    }
    // five within ten minutes, but by two people
    for (String at : new String[] {"10:00:00", "10:01:00", "10:02:00", "10:03:00"}) {
      home(elder, "2026-03-15T" + at, "w5", "FINE");
    }
    home(elder, "2026-03-15T10:04:00", "w6", "FINE");

    Map<String, Bucket> m = march();

    assertThat(m.get("formality.homeBurst").ids()).containsExactlyElementsOf(burst);
    assertThat(m.get("formality").ids()).containsExactlyElementsOf(burst);
    countsMatchLists(m);
  }

  private long home(long elder, String at, String by, String intent) {
    long v =
        rows.visit(elder)
            .home()
            .valid(true)
            .status("DONE")
            .recordedBy(by)
            .endedAt(local(at))
            .save();
    for (String area :
        new String[] {"HEALTH", "LIVING", "FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL"}) {
      rows.answer(v).to(area.toLowerCase(), area).byPerson(intent).answeredAt(local(at)).save();
    }
    return v;
  }

  @Test
  void checksHonourTheArea() {
    long meilan = rows.elder().in("美兰区", "海甸街道", "沿江社区").save();
    long longhua = rows.elder().in("龙华区", "金宇街道", "金宇社区").save();

    assertThat(
            checks.month(MARCH, Area.of("龙华区", null, null, null)).get("registry.noVisitor").ids())
        .containsExactly(longhua)
        .doesNotContain(meilan);
  }
}
