package org.tanfang.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.scheduler.elder.Category;
import org.tanfang.shared.FieldProblem;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;

/** The outcome log's query on a real PostgreSQL: each filter, paging, Haikou day boundaries. */
@TanfangTest
class OutcomeLogQueryTest {
  @Autowired OutcomeLog log;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  LogFixtures data;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    data = new LogFixtures(jdbc);
    data.clean();
  }

  private OutcomeFilter filter(String... nameValues) {
    String[] v = new String[10];
    List<String> names =
        List.of(
            "from",
            "to",
            "district",
            "street",
            "community",
            "outcome",
            "intent",
            "category",
            "kind",
            "purpose");
    for (int i = 0; i < nameValues.length; i += 2) {
      v[names.indexOf(nameValues[i])] = nameValues[i + 1];
    }
    return OutcomeFilter.of(
        new OutcomeParams(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]), clock);
  }

  private List<Long> ids(OutcomeFilter filter) {
    return log.page(filter, 0, 200).items().stream().map(OutcomeRow::visitId).toList();
  }

  @Test
  void givenNoDates_thenTheLastSevenHaikouDaysUpToTodayAreShownNewestFirst() {
    long elder = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    data.phoneVisit(elder, "ROUTINE", "DONE", "COMPLETED", "2026-03-08T23:59");
    long firstDay = data.phoneVisit(elder, "ROUTINE", "DONE", "COMPLETED", "2026-03-09T00:00");
    long today = data.phoneVisit(elder, "ROUTINE", "DONE", "COMPLETED", "2026-03-15T23:59");
    data.phoneVisit(elder, "ROUTINE", "DONE", "COMPLETED", "2026-03-16T00:00");

    OutcomeFilter filter = filter();

    assertThat(filter.from()).hasToString("2026-03-09");
    assertThat(filter.to()).hasToString("2026-03-15");
    assertThat(ids(filter)).containsExactly(today, firstDay);
  }

  @Test
  void givenADateRange_thenBothEndsAreWholeLocalDays() {
    long elder = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    long early = data.phoneVisit(elder, "ROUTINE", "DONE", "COMPLETED", "2026-03-01T00:00");
    // 07:59 local is still the previous day in UTC: a UTC-dated query would lose it.
    long lateUtc = data.phoneVisit(elder, "ROUTINE", "DONE", "COMPLETED", "2026-03-02T07:59");
    data.phoneVisit(elder, "ROUTINE", "DONE", "COMPLETED", "2026-03-03T00:00");
    data.phoneVisit(elder, "ROUTINE", "DONE", "COMPLETED", "2026-02-28T23:59");

    assertThat(ids(filter("from", "2026-03-01", "to", "2026-03-02")))
        .containsExactly(lateUtc, early);
  }

  @Test
  void givenRegionFilters_thenEachNarrowsToItsPlace() {
    long yanjiang = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    long renmin = data.elder("符德福", "美兰区", "海甸街道", "人民路社区", "LIVING_ALONE");
    long baisha = data.elder("王阿婆", "美兰区", "白沙街道", "白沙社区", "LIVING_ALONE");
    long longhua = data.elder("陈阿公", "龙华区", "金宇街道", "金宇社区", "LIVING_ALONE");
    long v1 = data.phoneVisit(yanjiang, "ROUTINE", "DONE", "COMPLETED", "2026-03-14T10:00");
    long v2 = data.phoneVisit(renmin, "ROUTINE", "DONE", "COMPLETED", "2026-03-14T11:00");
    long v3 = data.phoneVisit(baisha, "ROUTINE", "DONE", "COMPLETED", "2026-03-14T12:00");
    data.phoneVisit(longhua, "ROUTINE", "DONE", "COMPLETED", "2026-03-14T13:00");

    assertThat(ids(filter("district", "美兰区"))).containsExactly(v3, v2, v1);
    assertThat(ids(filter("district", "美兰区", "street", "海甸街道"))).containsExactly(v2, v1);
    assertThat(ids(filter("community", "沿江社区"))).containsExactly(v1);
  }

  @Test
  void givenOutcomeFilters_thenEachVisitHasExactlyOneOutcome() {
    long elder = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    long completed = data.phoneVisit(elder, "ROUTINE", "DONE", "COMPLETED", "2026-03-14T09:00");
    data.dial(completed, 1, "NO_ANSWER", "2026-03-14T08:30");
    data.dial(completed, 2, "ANSWERED", "2026-03-14T09:00");
    long retrying =
        data.visit(elder, "PHONE", "ROUTINE", "PLANNED", null, false, "2026-03-14T10:00");
    data.dial(retrying, 1, "NO_ANSWER", "2026-03-14T10:00");
    data.dial(retrying, 2, "BUSY", "2026-03-14T10:30");
    long unreachable =
        data.visit(elder, "PHONE", "ROUTINE", "UNREACHABLE", null, false, "2026-03-14T11:00");
    data.dial(unreachable, 1, "NO_ANSWER", "2026-03-14T11:00");
    long home = data.homeVisit(elder, "2026-03-14T12:00");
    long open = data.visit(elder, "PHONE", "ROUTINE", "PLANNED", null, false, "2026-03-14T13:00");
    long transferred =
        data.phoneVisit(elder, "ROUTINE", "PLANNED", "TRANSFERRED", "2026-03-14T14:00");

    assertThat(ids(filter("outcome", "COMPLETED"))).containsExactly(completed);
    assertThat(ids(filter("outcome", "busy"))).containsExactly(retrying);
    assertThat(ids(filter("outcome", "NO_ANSWER"))).isEmpty();
    assertThat(ids(filter("outcome", "UNREACHABLE"))).containsExactly(unreachable);
    assertThat(ids(filter("outcome", "HOME_VISIT_DONE"))).containsExactly(home);
    assertThat(ids(filter("outcome", "PENDING"))).containsExactly(open);
    assertThat(ids(filter("outcome", "TRANSFERRED"))).containsExactly(transferred);
    assertThat(ids(filter())).hasSize(6);

    OutcomeRow row = log.page(filter("outcome", "BUSY"), 0, 10).items().get(0);
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(row.lastResult()).isEqualTo("BUSY");
    assertThat(row.kind()).isEqualTo(VisitKind.PHONE);
  }

  @Test
  void givenIntentCategoryKindAndPurposeFilters_thenEachNarrows() {
    long alone = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    long childless = data.elder("符德福", "美兰区", "海甸街道", "沿江社区", "SOLITARY_CHILDLESS");
    long help = data.phoneVisit(alone, "ROUTINE", "DONE", "TRANSFERRED", "2026-03-14T09:00");
    data.answer(help, "IDENTITY", "YES", null);
    data.answer(help, "HEALTH", "UNWELL", null);
    data.answer(help, "CARE_NEEDS", "HELP", "MEDICINE");
    long fine = data.phoneVisit(alone, "WEATHER_ALERT", "DONE", "COMPLETED", "2026-03-14T10:00");
    data.answer(fine, "IDENTITY", "YES", null);
    data.answer(fine, "HEALTH", "FINE", null);
    long home = data.homeVisit(childless, "2026-03-14T11:00");

    assertThat(ids(filter("intent", "HELP"))).containsExactly(help);
    assertThat(ids(filter("intent", "yes"))).containsExactly(fine, help);
    assertThat(ids(filter("category", "孤寡"))).containsExactly(home);
    assertThat(ids(filter("category", "LIVING_ALONE"))).containsExactly(fine, help);
    assertThat(ids(filter("kind", "HOME"))).containsExactly(home);
    assertThat(ids(filter("purpose", "WEATHER_ALERT"))).containsExactly(fine);
    assertThat(ids(filter("district", "美兰区", "kind", "PHONE", "intent", "FINE")))
        .containsExactly(fine);

    OutcomeRow row = log.page(filter("intent", "HELP"), 0, 10).items().get(0);
    assertThat(row.worstIntent()).isEqualTo("HELP");
    assertThat(row.needs()).isEqualTo("MEDICINE");
    assertThat(row.categories()).containsExactly(Category.LIVING_ALONE);
    assertThat(row.idNumberMasked()).contains("****").hasSize(18);
    assertThat(row.elderName()).isEqualTo("林亚妹");
  }

  @Test
  void givenMoreRowsThanAPage_thenPagesSplitThemNewestFirstWithoutOverlap() {
    long elder = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    List<Long> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // two visits at the same minute: the id keeps the order stable
      made.add(
          0,
          data.phoneVisit(
              elder, "ROUTINE", "DONE", "COMPLETED", "2026-03-1" + (i / 2 + 1) + "T10:00"));
    }

    OutcomeLog.Page first = log.page(filter(), 0, 2);
    OutcomeLog.Page second = log.page(filter(), 1, 2);
    OutcomeLog.Page last = log.page(filter(), 2, 2);

    assertThat(first.total()).isEqualTo(5);
    assertThat(first.totalPages()).isEqualTo(3);
    List<Long> all = new ArrayList<>();
    for (OutcomeLog.Page p : List.of(first, second, last)) {
      p.items().forEach(r -> all.add(r.visitId()));
    }
    assertThat(last.items()).hasSize(1);
    assertThat(all).isEqualTo(made);
  }

  @Test
  void givenBadFilters_thenEveryProblemIsNamed() {
    assertThatThrownBy(
            () -> filter("from", "2026-13-01", "outcome", "LOST", "intent", "x", "category", "y"))
        .isInstanceOfSatisfying(
            InvalidFilterException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field, FieldProblem::rule)
                    .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("from", "date.invalid"),
                        org.assertj.core.groups.Tuple.tuple("outcome", "code.unknown"),
                        org.assertj.core.groups.Tuple.tuple("intent", "code.unknown"),
                        org.assertj.core.groups.Tuple.tuple("category", "categories.unknown")));
    assertThatThrownBy(() -> filter("from", "2026-03-10", "to", "2026-03-09"))
        .isInstanceOfSatisfying(
            InvalidFilterException.class,
            e -> assertThat(e.problems().get(0).rule()).isEqualTo("range.order"));
  }
}
