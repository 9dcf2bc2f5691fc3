package org.tanfang.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.tanfang.registry.ElderService;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestElders;

/** The case lifecycle against PostgreSQL: merge, claim, reassign, resolve, deadlines, history. */
@TanfangTest
@RecordApplicationEvents
class EscalationsTest {
  static final Escalations.Actor STAFF = new Escalations.Actor("staff", false);
  static final Escalations.Actor SUPERVISOR = new Escalations.Actor("supervisor", true);

  @Autowired Escalations escalations;
  @Autowired org.tanfang.escalation.CaseSignals signals;
  @Autowired org.tanfang.escalation.OverdueCases overdue;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired ApplicationEvents events;
  Rows rows;
  long elder;
  int sequence;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    clock.setLocal("2026-03-16T10:00:00");
    elder = newElder();
    jdbc.update(
        "insert into app_user (username, password_hash, role, display_name, enabled, created_at)"
            + " values ('staff2', 'x', 'STAFF', '坐席二', true, now()) on conflict do nothing");
  }

  long newElder() {
    sequence++;
    return elders
        .create(
            TestElders.form(
                "案例老人" + sequence,
                TestElders.idNumber(LocalDate.of(1940, 1, 2), sequence, sequence % 2 == 0),
                String.format("1390000%04d", sequence)))
        .id();
  }

  long visit(String kind, String status) {
    return rows.visit(elder).kind(kind).purpose("ROUTINE").inMarch2026().status(status).save();
  }

  Map<String, Object> row(long id) {
    return rows.escalation(id);
  }

  List<String> actions(long id) {
    return rows.actions(id);
  }

  static Map<String, AreaFinding> allFine() {
    Map<String, AreaFinding> areas = new LinkedHashMap<>();
    for (String area : ResolutionCheck.SIX_AREAS) {
      areas.put(area, new AreaFinding(AreaFinding.Status.FINE, null));
    }
    return areas;
  }

  @Test
  void opensACaseWithTheTypesPriorityAndDeadlineAndTellsTheDesk() {
    long id =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.DISTRESS, null, null, Text.of("case.note", "通话中按键 9 求助")));

    Map<String, Object> row = row(id);
    assertThat(row.get("state")).isEqualTo("OPEN");
    assertThat(row.get("pool")).isEqualTo("STAFF");
    assertThat(row.get("priority")).isEqualTo(100);
    assertThat(((Timestamp) row.get("deadline")).toInstant())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    assertThat(actions(id)).containsExactly("OPENED");
    assertThat(events.stream(EscalationChanged.class))
        .containsExactly(
            new EscalationChanged(
                id, elder, EscalationType.DISTRESS, EscalationState.OPEN, CaseAction.OPENED));
  }

  @Test
  void aSecondTriggerOfTheSameTypeMergesIntoTheOpenCase() {
    long first =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.FOLLOW_UP, null, null, Text.of("case.note", "不适")));
    clock.advance(Duration.ofHours(1));
    long visit = visit("PHONE", "DONE");
    long second =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.FOLLOW_UP, visit, null, Text.of("case.note", "又不适")));
    long other =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.DISTRESS, visit, null, Text.of("case.note", "求助")));

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    Map<String, Object> row = row(first);
    assertThat(row.get("merged_count")).isEqualTo(1);
    assertThat(row.get("visit_id")).isEqualTo(visit);
    // The earlier deadline stands: a repeat never buys time.
    assertThat(((Timestamp) row.get("deadline")).toInstant())
        .isEqualTo(Instant.parse("2026-03-17T02:00:00Z"));
    assertThat(actions(first)).containsExactly("OPENED", "MERGED");
    assertThat(
            jdbc.queryForObject(
                "select detail from escalation_event where escalation_id = ? and action = 'MERGED'",
                String.class,
                first))
        .startsWith("又不适");
  }

  @Test
  void afterResolutionANewTriggerOpensANewCase() {
    long first =
        escalations.open(
            NewEscalation.of(elder, EscalationType.NEEDS, null, null, Text.of("case.note", "要买药")));
    escalations.resolve(first, SUPERVISOR, new Resolution(Outcome.OTHER, Map.of(), "已转社区"));

    long second =
        escalations.open(
            NewEscalation.of(elder, EscalationType.NEEDS, null, null, Text.of("case.note", "要买药")));

    assertThat(second).isNotEqualTo(first);
    assertThat(row(first).get("state")).isEqualTo("RESOLVED");
  }

  @Test
  void onlyOneUserHoldsAClaim() {
    long id =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.DISTRESS, null, null, Text.of("case.note", "x")));

    escalations.claim(id, STAFF);
    escalations.claim(id, STAFF); // again: nothing changes

    assertThatThrownBy(() -> escalations.claim(id, new Escalations.Actor("staff2", false)))
        .isInstanceOfSatisfying(
            EscalationConflictException.class,
            e -> {
              assertThat(e.rule()).isEqualTo("escalation.claimedByOther");
              assertThat(e.args()).containsExactly("staff");
            });
    assertThat(row(id).get("claimed_by")).isEqualTo("staff");
    assertThat(actions(id)).containsExactly("OPENED", "CLAIMED");
  }

  @Test
  void reassigningHandsTheCaseToOnePerson() {
    long id =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.FOLLOW_UP, null, null, Text.of("case.note", "x")));
    escalations.claim(id, STAFF);

    assertThatThrownBy(() -> escalations.reassign(id, STAFF, "nobody", "下班"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        FieldProblem.of("assignee", "escalation.unknownUser", "nobody")));
    escalations.reassign(id, STAFF, "staff2", "下班了");

    assertThat(row(id).get("state")).isEqualTo("REASSIGNED");
    assertThat(row(id).get("claimed_by")).isNull();
    assertThatThrownBy(() -> escalations.claim(id, STAFF))
        .isInstanceOf(EscalationConflictException.class);
    escalations.claim(id, new Escalations.Actor("staff2", false));
    assertThat(row(id).get("claimed_by")).isEqualTo("staff2");
    assertThat(
            jdbc.queryForObject(
                "select detail from escalation_event where escalation_id = ? and action = 'REASSIGNED'",
                String.class,
                id))
        .isEqualTo("→ staff2：下班了");
  }

  @Test
  void notesMustSaySomething() {
    long id =
        escalations.open(
            NewEscalation.of(elder, EscalationType.NEEDS, null, null, Text.of("case.note", "x")));

    assertThatThrownBy(() -> escalations.note(id, STAFF, "  "))
        .isInstanceOf(InvalidInputException.class);
    escalations.note(id, STAFF, "已联系社区送药");

    assertThat(actions(id)).containsExactly("OPENED", "NOTE");
    assertThatThrownBy(() -> escalations.note(999_999, STAFF, "x"))
        .isInstanceOf(EscalationNotFoundException.class);
  }

  @Test
  void resolvingNeedsAClaimAnOutcomeAndTheSixAreasWhenTheElderWasReached() {
    long trigger = visit("PHONE", "DONE");
    long id =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.FOLLOW_UP, trigger, null, Text.of("case.note", "不适")));

    Resolution reached = new Resolution(Outcome.REACHED_BY_PHONE, allFine(), "已回电，无大碍");
    assertThatThrownBy(() -> escalations.resolve(id, STAFF, reached))
        .isInstanceOfSatisfying(
            EscalationConflictException.class,
            e -> assertThat(e.rule()).isEqualTo("escalation.claimFirst"));
    escalations.claim(id, STAFF);
    Map<String, AreaFinding> partial = allFine();
    partial.remove("SAFETY");
    partial.put("HEALTH", new AreaFinding(AreaFinding.Status.CONCERN, " "));
    assertThatThrownBy(
            () ->
                escalations.resolve(
                    id, STAFF, new Resolution(Outcome.REACHED_BY_PHONE, partial, null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        FieldProblem.of("areas.HEALTH.note", "escalation.concernNote"),
                        FieldProblem.of("areas.SAFETY", "required")));

    Map<String, AreaFinding> areas = allFine();
    areas.put("HEALTH", new AreaFinding(AreaFinding.Status.CONCERN, "腿疼，已约家庭医生"));
    long visit =
        escalations.resolve(id, STAFF, new Resolution(Outcome.REACHED_BY_PHONE, areas, "已回电"));

    Map<String, Object> record = jdbc.queryForMap("select * from visit where id = ?", visit);
    assertThat(record.get("kind")).isEqualTo("PHONE");
    assertThat(record.get("purpose")).isEqualTo("CALLBACK");
    assertThat(record.get("valid")).isEqualTo(true);
    assertThat(record.get("recorded_by")).isEqualTo("staff");
    assertThat(record.get("escalation_id")).isEqualTo(id);
    assertThat(record.get("cycle_start").toString()).isEqualTo("2026-03-01");
    assertThat(
            jdbc.queryForList(
                "select area || '=' || intent from visit_answer where visit_id = ?"
                    + " and method = 'PERSON' order by id",
                String.class,
                visit))
        .containsExactly(
            "HEALTH=UNWELL",
            "LIVING=FINE",
            "FAMILY=FINE",
            "SAFETY=FINE",
            "CARE_NEEDS=FINE",
            "SPECIAL=FINE");
    Map<String, Object> row = row(id);
    assertThat(row.get("state")).isEqualTo("RESOLVED");
    assertThat(row.get("outcome")).isEqualTo("REACHED_BY_PHONE");
    assertThat(row.get("resolution_visit_id")).isEqualTo(visit);
    assertThat(actions(id)).containsExactly("OPENED", "CLAIMED", "RESOLVED");
    assertThatThrownBy(() -> escalations.resolve(id, STAFF, reached))
        .isInstanceOf(EscalationConflictException.class);
  }

  @Test
  void anUnreachableElderSeenAtHomeIsCoveredForTheCycle() {
    long routine = visit("PHONE", "UNREACHABLE");
    long id =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.UNREACHABLE, routine, null, Text.of("case.note", "多次未接")));
    assertThat(row(id).get("pool")).isEqualTo("VISITOR");

    long visit =
        escalations.resolve(
            id, SUPERVISOR, new Resolution(Outcome.HOME_VISIT_DONE, allFine(), "网格员上门"));

    assertThat(
            jdbc.queryForMap(
                "select kind, valid, status, cycle_start, cycle_end from visit where id = ?",
                visit))
        .containsEntry("kind", "HOME")
        .containsEntry("valid", true)
        .containsEntry("status", "DONE");
  }

  @Test
  void aHomeVisitTaskIsCompletedByThePlannedVisitItself() {
    long planned = visit("HOME", "PLANNED");
    long id =
        escalations.open(
            new NewEscalation(
                elder,
                EscalationType.HOME_VISIT,
                planned,
                null,
                Text.of("case.note", "本周期入户探访"),
                null,
                escalations.endOf(LocalDate.of(2026, 3, 31))));
    escalations.claim(id, STAFF);

    long visit =
        escalations.resolve(id, STAFF, new Resolution(Outcome.HOME_VISIT_DONE, allFine(), null));

    assertThat(visit).isEqualTo(planned);
    assertThat(jdbc.queryForMap("select status, valid, recorded_by from visit where id = ?", visit))
        .containsEntry("status", "DONE")
        .containsEntry("valid", true)
        .containsEntry("recorded_by", "staff");
    assertThat(((Timestamp) row(id).get("deadline")).toInstant())
        .isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
  }

  @Test
  void familyConfirmingSafetyDoesNotCountAsAVisit() {
    long id =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.UNREACHABLE, null, null, Text.of("case.note", "未接")));

    long visit =
        escalations.resolve(
            id, SUPERVISOR, new Resolution(Outcome.FAMILY_CONFIRMED_SAFE, null, "女儿说在医院陪护"));

    assertThat(jdbc.queryForMap("select valid, notes from visit where id = ?", visit))
        .containsEntry("valid", false)
        .containsEntry("notes", "女儿说在医院陪护");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit_answer where visit_id = ?", Integer.class, visit))
        .isZero();
  }

  @Test
  void otherNeedsNotesAndUnknownAreasAreRefused() {
    long id =
        escalations.open(
            NewEscalation.of(elder, EscalationType.NEEDS, null, null, Text.of("case.note", "x")));

    assertThatThrownBy(
            () ->
                escalations.resolve(
                    id,
                    SUPERVISOR,
                    new Resolution(
                        Outcome.OTHER,
                        Map.of("MOOD", new AreaFinding(AreaFinding.Status.FINE, null)),
                        null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        FieldProblem.of("notes", "required"),
                        FieldProblem.of("areas.MOOD", "escalation.unknownArea", "MOOD")));
    assertThatThrownBy(() -> escalations.resolve(id, SUPERVISOR, new Resolution(null, null, null)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(row(id).get("state")).isEqualTo("OPEN");
  }

  @Test
  void unreachableBeforeNoonIsDueTheSameDayLaterIn24Hours() {
    long morning =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.UNREACHABLE, null, null, Text.of("case.note", "x")));
    clock.setLocal("2026-03-16T15:00:00");
    long other = newElder();
    long afternoon =
        escalations.open(
            NewEscalation.of(
                other, EscalationType.UNREACHABLE, null, null, Text.of("case.note", "x")));

    assertThat(((Timestamp) row(morning).get("deadline")).toInstant())
        .isEqualTo(Instant.parse("2026-03-16T10:00:00Z")); // 18:00 in Haikou
    assertThat(((Timestamp) row(afternoon).get("deadline")).toInstant())
        .isEqualTo(Instant.parse("2026-03-17T07:00:00Z"));
  }

  @Test
  void overdueCasesGoUpToTheStreetThenTheDistrictAndStayThere() {
    long id =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.DISTRESS, null, null, Text.of("case.note", "x")));
    escalations.claim(id, STAFF);
    long calm =
        escalations.open(
            NewEscalation.of(elder, EscalationType.NEEDS, null, null, Text.of("case.note", "x")));

    assertThat(overdue.escalateOverdue()).isZero();
    clock.advance(Duration.ofMinutes(16));
    assertThat(overdue.escalateOverdue()).isEqualTo(1);
    Map<String, Object> row = row(id);
    assertThat(row.get("level")).isEqualTo("STREET");
    // The claimer keeps it (and can still resolve it); supervisors now see it too.
    assertThat(row.get("state")).isEqualTo("CLAIMED");
    assertThat(((Timestamp) row.get("deadline")).toInstant())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));

    clock.advance(Duration.ofMinutes(16));
    overdue.escalateOverdue();
    clock.advance(Duration.ofMinutes(16));
    assertThat(overdue.escalateOverdue()).isZero();
    assertThat(row(id).get("level")).isEqualTo("DISTRICT");
    assertThat(row(calm).get("level")).isEqualTo("DESK");
    assertThat(actions(id)).containsExactly("OPENED", "CLAIMED", "ESCALATED", "ESCALATED");

    clock.advance(Duration.ofDays(4));
    overdue.escalateOverdue();
    assertThat(row(calm).get("state")).isEqualTo("ESCALATED");
  }

  @Test
  void liveTransferAndFamilyResultsAreRecordedAndRaiseUrgency() {
    long id =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.DISTRESS, null, null, Text.of("case.note", "x")));
    signals.transferUnanswered(id);
    signals.transferUnanswered(id); // reported twice (AMI and dialplan): boosted once

    assertThat(row(id).get("urgent_callback")).isEqualTo(true);
    assertThat(row(id).get("priority")).isEqualTo(120);

    long unreachable =
        escalations.open(
            NewEscalation.of(
                elder, EscalationType.UNREACHABLE, null, null, Text.of("case.note", "x")));
    signals.familyStatus(
        unreachable,
        CaseSignals.FamilyStatus.VISIT_REQUESTED,
        Text.of("case.note", "联系人 138****0001 按2"));
    assertThat(row(unreachable).get("family_status")).isEqualTo("VISIT_REQUESTED");
    assertThat(row(unreachable).get("priority")).isEqualTo(80);
    assertThat(actions(unreachable)).containsExactly("OPENED", "FAMILY_VISIT_REQUESTED");
  }

  @Test
  void historyIsAppendOnly() {
    long id =
        escalations.open(
            NewEscalation.of(elder, EscalationType.NEEDS, null, null, Text.of("case.note", "x")));

    assertThatThrownBy(
            () ->
                jdbc.update(
                    "update escalation_event set detail = 'changed' where escalation_id = ?", id))
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () -> jdbc.update("delete from escalation_event where escalation_id = ?", id))
        .hasMessageContaining("append-only");
  }
}
