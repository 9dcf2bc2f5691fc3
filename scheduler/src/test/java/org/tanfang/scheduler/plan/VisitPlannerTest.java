package org.tanfang.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tanfang.scheduler.Haikou;
import org.tanfang.scheduler.cycle.CycleKind;
import org.tanfang.scheduler.cycle.VisitCycle;
import org.tanfang.scheduler.elder.Vulnerability;
import org.tanfang.scheduler.window.CallWindow;
import org.tanfang.scheduler.window.CallWindows;

class VisitPlannerTest {

  /** 2026-03-01..15; with the defaults first calls go on 1–9 March and 13–15 stay free. */
  private static final VisitCycle CYCLE =
      VisitCycle.containing(CycleKind.HALF_MONTH, LocalDate.of(2026, 3, 1), Haikou.ZONE);

  private final VisitPlanner planner = new VisitPlanner();
  private final CallWindows defaults = CallWindows.defaults();

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(Haikou.ZONE).toInstant();
  }

  private List<DueElder> elders(int count) {
    Random random = new Random(42);
    List<DueElder> elders = new ArrayList<>(count);
    for (int id = 1; id <= count; id++) {
      Vulnerability vulnerability = new Vulnerability(random.nextInt(100), 60 + random.nextInt(40));
      elders.add(new DueElder(id, vulnerability, defaults));
    }
    return elders;
  }

  /** Calls per half hour of allowed time, keyed by local start of the half hour. */
  private static Map<LocalDateTime, Long> perHalfHour(List<PlannedCall> calls) {
    return calls.stream()
        .map(call -> LocalDateTime.ofInstant(call.at(), Haikou.ZONE))
        .map(time -> time.withMinute(time.getMinute() < 30 ? 0 : 30).withSecond(0).withNano(0))
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
  }

  @Test
  void shouldSpreadFirstCallsEvenlyOverEveryAllowedHalfHourOfTheSpreadDays() {
    VisitPlan plan = planner.plan(CYCLE, elders(1000), CYCLE.start());

    Map<LocalDateTime, Long> load = perHalfHour(plan.calls());
    // 9 days × 10 half hours, each with 1000 / 90 ≈ 11 calls.
    assertThat(load).hasSize(90);
    assertThat(Collections.max(load.values()) - Collections.min(load.values()))
        .isLessThanOrEqualTo(1);
    assertThat(plan.calls()).allSatisfy(call -> assertThat(defaults.allows(call.at())).isTrue());
    assertThat(plan.unplanned()).isEmpty();
  }

  @Test
  void shouldLeaveTheLastDaysOfTheCycleForRetries() {
    VisitPlan plan = planner.plan(CYCLE, elders(500), CYCLE.start());

    LocalDate lastDay = LocalDate.ofInstant(plan.calls().get(499).at(), Haikou.ZONE);
    assertThat(lastDay).isEqualTo("2026-03-09");
    assertThat(plan.calls().get(0).at()).isEqualTo(local("2026-03-01T09:00"));
  }

  @Test
  void shouldCallTheMostVulnerableFirst() {
    DueElder frail = new DueElder(7, new Vulnerability(150, 95), defaults);
    DueElder frailYounger = new DueElder(3, new Vulnerability(150, 81), defaults);
    DueElder robust = new DueElder(1, new Vulnerability(10, 70), defaults);

    VisitPlan plan = planner.plan(CYCLE, List.of(robust, frailYounger, frail), CYCLE.start());

    assertThat(plan.calls()).extracting(PlannedCall::elderId).containsExactly(7L, 3L, 1L);
  }

  @Test
  void shouldPlanTheSameCallsWhateverTheInputOrder() {
    List<DueElder> elders = elders(2000);
    List<DueElder> shuffled = new ArrayList<>(elders);
    Collections.shuffle(shuffled, new Random(7));

    assertThat(planner.plan(CYCLE, shuffled, CYCLE.start()))
        .isEqualTo(planner.plan(CYCLE, elders, CYCLE.start()));
  }

  @Test
  void shouldNotPlanACallBeforeNow() {
    Instant now = local("2026-03-05T10:00");

    VisitPlan plan = planner.plan(CYCLE, elders(100), now);

    assertThat(plan.calls().get(0).at()).isEqualTo(now);
    assertThat(plan.calls()).allSatisfy(call -> assertThat(call.at()).isAfterOrEqualTo(now));
  }

  @Test
  void shouldUseTheDaysBeforeTheReserveForEldersPlannedLate() {
    VisitPlan plan = planner.plan(CYCLE, elders(100), local("2026-03-11T08:00"));

    assertThat(plan.calls())
        .extracting(call -> LocalDate.ofInstant(call.at(), Haikou.ZONE))
        .containsOnly(LocalDate.of(2026, 3, 11), LocalDate.of(2026, 3, 12));
  }

  @Test
  void shouldUseTheReservedDaysOnlyWhenNothingElseIsLeft() {
    VisitPlan plan = planner.plan(CYCLE, elders(10), local("2026-03-15T16:00"));

    assertThat(plan.calls())
        .allSatisfy(
            call ->
                assertThat(call.at())
                    .isBetween(local("2026-03-15T16:00"), local("2026-03-15T17:30")));
  }

  @Test
  void shouldReportEldersThatCannotBePlacedBeforeTheCycleEnds() {
    VisitPlan plan = planner.plan(CYCLE, elders(3), local("2026-03-15T18:00"));

    assertThat(plan.calls()).isEmpty();
    assertThat(plan.unplanned()).containsExactlyInAnyOrder(1L, 2L, 3L);
  }

  @Test
  void shouldRespectAnElderOwnEveningWindow() {
    CallWindows evening = defaults.forElder(List.of(CallWindow.parse("19:00-20:00")));
    List<DueElder> elders = new ArrayList<>(elders(50));
    elders.add(new DueElder(999, new Vulnerability(0, 60), evening));

    VisitPlan plan = planner.plan(CYCLE, elders, CYCLE.start());

    PlannedCall call =
        plan.calls().stream().filter(c -> c.elderId() == 999).findFirst().orElseThrow();
    ZonedDateTime at = call.at().atZone(Haikou.ZONE);
    assertThat(at.toLocalTime()).isBetween(LocalTime.of(19, 0), LocalTime.of(19, 59, 59));
  }

  @Test
  void shouldKeepTheLoadFlatForALargePopulation() {
    VisitPlan plan = planner.plan(CYCLE, elders(200_000), CYCLE.start());

    Map<LocalDateTime, Long> load = perHalfHour(plan.calls());
    assertThat(plan.calls()).hasSize(200_000);
    assertThat(Collections.max(load.values()) - Collections.min(load.values()))
        .isLessThanOrEqualTo(1);
  }

  @Test
  void shouldSpreadOverTheConfiguredShareOfTheCycle() {
    assertThat(PlanningSettings.DEFAULTS.spreadDays(15)).isEqualTo(9);
    assertThat(PlanningSettings.DEFAULTS.spreadDays(16)).isEqualTo(10);
    assertThat(PlanningSettings.DEFAULTS.spreadDays(13)).isEqualTo(8);
    assertThat(PlanningSettings.DEFAULTS.spreadDays(31)).isEqualTo(19);
    assertThat(new PlanningSettings(1.0, 3).spreadDays(15)).isEqualTo(12);
    assertThat(new PlanningSettings(0.01, 3).spreadDays(15)).isEqualTo(1);
  }
}
