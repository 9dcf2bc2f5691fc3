package org.tanfang.visitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.callflow.ConversationEnded;
import org.tanfang.callflow.ConversationsEnded;
import org.tanfang.escalation.AreaFinding;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.Outcome;
import org.tanfang.escalation.Resolution;
import org.tanfang.scheduling.CyclePlanning;
import org.tanfang.scheduling.ElderCycle;
import org.tanfang.scheduling.Replanning;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/** An UNWELL answer (or a special-situation need) turns the next visit into a home visit. */
@TanfangTest
class HealthRuleTest {
  private static final Duration SECONDS = Duration.ofSeconds(20);

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired ApplicationEventPublisher events;
  @Autowired Replanning replanning;
  @Autowired CyclePlanning planning;
  @Autowired ElderCycle cycles;
  @Autowired Escalations escalations;
  Rows rows;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    clock.setLocal("2026-03-16T10:00:00");
    replanning.setEnabled(true);
  }

  @AfterEach
  void tearDown() {
    replanning.setEnabled(false);
  }

  /** A self-sufficient monthly elder whose March robocall just ended with this answer. */
  private long[] calledWith(String questionId, String area, String intent) {
    long[] called =
        answered(rows.elder().categories("EMPTY_NEST").save(), "ROUTINE", questionId, area, intent);
    events.publishEvent(
        new ConversationEnded(called[1], called[0], null, "COMPLETED", clock.instant()));
    return called;
  }

  /** The elder's March robocall with this answer, its end not yet told. */
  private long[] answered(
      long elder, String purpose, String questionId, String area, String intent) {
    long visit =
        rows.visit(elder)
            .purpose(purpose)
            .status("DONE")
            .valid(true)
            .outcome("COMPLETED")
            .cycle(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31))
            .save();
    rows.answer(visit)
        .to("health", "HEALTH")
        .keyed("special".equals(questionId) ? "FINE" : intent)
        .save();
    if ("special".equals(questionId)) {
      rows.answer(visit).to("special", area).keyed(intent).save();
    }
    return new long[] {elder, visit};
  }

  private int openNeeds(long elder) {
    return jdbc.queryForObject(
        "select count(*) from home_visit_need where elder_id = ? and cleared_at is null",
        Integer.class,
        elder);
  }

  @Test
  void givenSeveralConversationsEndedInOneBatch_thenEachElderIsJudgedOnItsOwnCall() {
    long[] unwell =
        answered(
            rows.elder().categories("EMPTY_NEST").save(), "ROUTINE", "health", "HEALTH", "UNWELL");
    long[] earlier = calledWith("health", "HEALTH", "UNWELL");
    await("the earlier need").atMost(SECONDS).until(() -> openNeeds(earlier[0]) == 1);
    // A later call of that elder (a call-back: one routine visit per cycle) finds them well.
    long[] wellAgain = answered(earlier[0], "CALLBACK", "health", "HEALTH", "FINE");
    long[] fine =
        answered(
            rows.elder().categories("EMPTY_NEST").save(), "ROUTINE", "health", "HEALTH", "FINE");

    events.publishEvent(
        new ConversationsEnded(
            java.util.List.of(
                new ConversationEnded(unwell[1], unwell[0], null, "COMPLETED", clock.instant()),
                new ConversationEnded(
                    wellAgain[1], wellAgain[0], null, "COMPLETED", clock.instant()),
                new ConversationEnded(fine[1], fine[0], null, "COMPLETED", clock.instant()))));

    assertThat(openNeeds(unwell[0])).as("opened by its UNWELL answer").isEqualTo(1);
    assertThat(openNeeds(earlier[0])).as("cleared by the later FINE visit").isZero();
    assertThat(
            jdbc.queryForObject(
                "select cleared_by_visit from home_visit_need where elder_id = ?",
                Long.class,
                earlier[0]))
        .isEqualTo(wellAgain[1]);
    assertThat(openNeeds(fine[0])).as("nothing to open or clear").isZero();
  }

  private int homeVisits(long elder, String status, String cycleStart) {
    return jdbc.queryForObject(
        "select count(*) from visit where elder_id = ? and kind = 'HOME' and purpose = 'ROUTINE'"
            + " and status = ? and cycle_start = ?::date",
        Integer.class,
        elder,
        status,
        cycleStart);
  }

  private long homeCase(long elder) {
    return jdbc.queryForObject(
        "select id from escalation where elder_id = ? and type = 'HOME_VISIT'", Long.class, elder);
  }

  private static Map<String, AreaFinding> areas(AreaFinding.Status health) {
    Map<String, AreaFinding> areas = new LinkedHashMap<>();
    for (String a :
        new String[] {"HEALTH", "LIVING", "FAMILY", "SAFETY", "CARE_NEEDS", "SPECIAL"}) {
      areas.put(a, new AreaFinding(AreaFinding.Status.FINE, null));
    }
    areas.put(
        "HEALTH", new AreaFinding(health, health == AreaFinding.Status.CONCERN ? "咳嗽" : null));
    return areas;
  }

  @Autowired org.springframework.test.web.servlet.MockMvc mvc;

  private String elderPage(long elder, String language) {
    try {
      return mvc.perform(
              org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                      "/elders/" + elder + "/cycle-card")
                  .param("lang", language)
                  .with(
                      org.springframework.security.test.web.servlet.request
                          .SecurityMockMvcRequestPostProcessors.user("admin")
                          .roles("ADMIN")))
          .andReturn()
          .getResponse()
          .getContentAsString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldTurnTheNextVisitIntoAHomeVisitUntilAVisitFindsTheElderWell() {
    long elder = calledWith("health", "HEALTH", "UNWELL")[0];

    await("a home visit this cycle")
        .atMost(SECONDS)
        .until(() -> homeVisits(elder, "PLANNED", "2026-03-01") == 1);
    await("its task on the visitors' list")
        .atMost(SECONDS)
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from escalation where elder_id = ? and type = 'HOME_VISIT'",
                        Integer.class,
                        elder)
                    == 1);
    ElderCycle.View card = cycles.of(elder).orElseThrow();
    assertThat(card.homeBecause()).isNotNull();
    assertThat(card.homeBecause().key()).isEqualTo("homeNeed.health");
    assertThat(card.homeBecause().text()).contains("健康状况", "不太好");
    // The elder page's cycle card (loaded into /elders/{id}) says why, in the reader's language.
    assertThat(elderPage(elder, "zh_CN")).contains("入户探访原因", "id=\"cycle-home-because\"");
    assertThat(elderPage(elder, "en")).contains("Home visit because");

    // The visitor finds the elder still unwell: the rule stays in force for April.
    escalations.resolve(
        homeCase(elder),
        new Escalations.Actor("admin", true),
        new Resolution(Outcome.HOME_VISIT_DONE, areas(AreaFinding.Status.CONCERN), "上门看望"));
    assertThat(homeVisits(elder, "DONE", "2026-03-01")).isEqualTo(1);
    clock.setLocal("2026-04-01T00:05:00");
    planning.planCurrentCycles();
    assertThat(homeVisits(elder, "PLANNED", "2026-04-01")).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where elder_id = ? and kind = 'PHONE' and cycle_start = '2026-04-01'",
                Integer.class,
                elder))
        .isZero();

    // The April home visit finds the elder well: back to robocalls, at once.
    await("April's home-visit case")
        .atMost(SECONDS)
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from escalation where elder_id = ? and type = 'HOME_VISIT' and state <> 'RESOLVED'",
                        Integer.class,
                        elder)
                    == 1);
    long april =
        jdbc.queryForObject(
            "select id from escalation where elder_id = ? and type = 'HOME_VISIT' and state <> 'RESOLVED'",
            Long.class,
            elder);
    escalations.resolve(
        april,
        new Escalations.Actor("admin", true),
        new Resolution(Outcome.HOME_VISIT_DONE, areas(AreaFinding.Status.FINE), null));
    await("the rule cleared")
        .atMost(SECONDS)
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from home_visit_need where elder_id = ? and cleared_at is null",
                        Integer.class,
                        elder)
                    == 0);
    assertThat(cycles.of(elder).orElseThrow().homeBecause()).isNull();
    clock.setLocal("2026-05-01T00:05:00");
    planning.planCurrentCycles();
    assertThat(homeVisits(elder, "PLANNED", "2026-05-01")).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where elder_id = ? and kind = 'PHONE' and cycle_start = '2026-05-01'",
                Integer.class,
                elder))
        .isEqualTo(1);
  }

  @Test
  void shouldAlsoSendAPersonForAFamilyChangeOrHardshipAnswer() {
    long elder = calledWith("special", "SPECIAL", "NEEDS")[0];

    await("a home visit this cycle")
        .atMost(SECONDS)
        .until(() -> homeVisits(elder, "PLANNED", "2026-03-01") == 1);
    assertThat(cycles.of(elder).orElseThrow().homeBecause().key()).isEqualTo("homeNeed.special");
  }

  @Test
  void shouldLeaveAWellElderOnRobocalls() {
    long elder = calledWith("health", "HEALTH", "FINE")[0];

    planning.planCurrentCycles();
    assertThat(homeVisits(elder, "PLANNED", "2026-03-01")).isZero();
    assertThat(jdbc.queryForObject("select count(*) from home_visit_need", Integer.class)).isZero();
  }
}
