package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.spreadsheet.ElderImport;
import org.tanfang.registry.spreadsheet.ImportOptions;
import org.tanfang.registry.spreadsheet.ImportReport;
import org.tanfang.scheduler.elder.ElderStatus;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestElders;

/** Creating, importing, resuming or changing an elder plans that elder's cycle at once. */
@TanfangTest
class PlanAtOnceTest {
  private static final Duration SECONDS = Duration.ofSeconds(20);

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired ElderImport elderImport;
  @Autowired ElderService elders;
  @Autowired Replanning replanning;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    clock.setLocal("2026-03-16T10:00:00");
    replanning.setEnabled(true);
  }

  @AfterEach
  void tearDown() {
    replanning.setEnabled(false);
  }

  private Integer open(long elderId, String kind) {
    return jdbc.queryForObject(
        "select count(*) from visit where elder_id = ? and kind = ? and purpose = 'ROUTINE'"
            + " and status = 'PLANNED' and cycle_start <= '2026-03-16' and cycle_end >= '2026-03-16'",
        Integer.class,
        elderId,
        kind);
  }

  private long idOf(String idNumber) {
    return elders.findByIdNumber(idNumber).orElseThrow().id();
  }

  @Test
  void shouldPlanImportedEldersWithinAMinuteAndOpenTheirHomeVisitTasks() {
    String phoneId = TestElders.idNumber(LocalDate.of(1944, 2, 2), 1, true);
    String homeId = TestElders.idNumber(LocalDate.of(1938, 3, 3), 2, false);
    String csv =
        "姓名,身份证号,联系电话,家庭住址,所属区,镇街,村居,类别,失能等级,生活自理\r\n"
            + "林亚一,"
            + phoneId
            + ",13908980001,海甸街道1号,美兰区,海甸街道,沿江社区,空巢,无,是\r\n"
            + "陈阿二,"
            + homeId
            + ",13908980002,海甸街道2号,美兰区,海甸街道,沿江社区,失能,重度,否\r\n";

    ImportReport report =
        elderImport.run("名单.csv", csv.getBytes(StandardCharsets.UTF_8), ImportOptions.defaults());
    assertThat(report.committed()).isTrue();
    long phone = idOf(phoneId);
    long home = idOf(homeId);

    await("both imported elders planned")
        .atMost(SECONDS)
        .until(() -> open(phone, "PHONE") == 1 && open(home, "HOME") == 1);
    // Still 10:00 on the moved clock: planned by 10:01, not at the next daily run.
    assertThat(clock.instant()).isBefore(Instant.parse("2026-03-16T02:01:00Z"));
    Instant due =
        jdbc.queryForObject(
            "select a.due_at from call_attempt a join visit v on v.id = a.visit_id"
                + " where v.elder_id = ? and a.status = 'SCHEDULED'",
            Instant.class,
            phone);
    assertThat(due).isAfterOrEqualTo(clock.instant());
    assertThat(due).isBefore(Instant.parse("2026-04-01T00:00:00+08:00"));
    await("the home-visit task on the desk")
        .atMost(SECONDS)
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from escalation where elder_id = ? and type = 'HOME_VISIT'",
                        Integer.class,
                        home)
                    == 1);
  }

  @Test
  void shouldReplanWhenTheElderChangesAndWhenPausedOrResumed() {
    ElderForm form = TestElders.form("王阿三", TestElders.idNumber(LocalDate.of(1944, 4, 4), 3, true));
    long id = elders.create(form).id();
    await("the created elder planned").atMost(SECONDS).until(() -> open(id, "PHONE") == 1);

    // A later call window: the first call moves into it.
    elders.update(id, window(form, "15:00", "16:00"));
    await("the first call moved into the new window")
        .atMost(SECONDS)
        .until(
            () -> {
              Instant due =
                  jdbc.queryForObject(
                      "select a.due_at from call_attempt a join visit v on v.id = a.visit_id"
                          + " where v.elder_id = ? and a.status = 'SCHEDULED'",
                      Instant.class,
                      id);
              int hour = ZonedDateTime.ofInstant(due, clock.getZone()).getHour();
              return hour == 15;
            });

    // Now severely disabled: no more robocall, a home visit instead.
    elders.update(id, severelyDisabled(window(form, "15:00", "16:00")));
    await("the phone visit replaced by a home visit")
        .atMost(SECONDS)
        .until(() -> open(id, "PHONE") == 0 && open(id, "HOME") == 1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from call_attempt a join visit v on v.id = a.visit_id"
                    + " where v.elder_id = ? and a.status = 'SCHEDULED'",
                Integer.class,
                id))
        .isZero();

    elders.changeStatus(id, ElderStatus.PAUSED, "住院");
    await("paused: nothing open").atMost(SECONDS).until(() -> open(id, "HOME") == 0);

    elders.changeStatus(id, ElderStatus.ACTIVE, null);
    await("resumed: planned again").atMost(SECONDS).until(() -> open(id, "HOME") == 1);
  }

  private static ElderForm window(ElderForm f, String start, String end) {
    return new ElderForm(
        f.name(),
        f.sex(),
        f.birthDate(),
        f.idNumber(),
        f.address(),
        f.district(),
        f.street(),
        f.community(),
        f.grid(),
        f.primaryPhone(),
        f.alternatePhones(),
        f.categories(),
        f.disabilityLevel(),
        f.disabilityGrade(),
        f.selfCare(),
        f.dialect(),
        start,
        end,
        f.consent(),
        f.emergencyContacts(),
        f.visitor(),
        f.notes());
  }

  private static ElderForm severelyDisabled(ElderForm f) {
    return new ElderForm(
        f.name(),
        f.sex(),
        f.birthDate(),
        f.idNumber(),
        f.address(),
        f.district(),
        f.street(),
        f.community(),
        f.grid(),
        f.primaryPhone(),
        f.alternatePhones(),
        List.of("失能"),
        "重度",
        f.disabilityGrade(),
        false,
        f.dialect(),
        f.callWindowStart(),
        f.callWindowEnd(),
        f.consent(),
        f.emergencyContacts(),
        f.visitor(),
        f.notes());
  }
}
