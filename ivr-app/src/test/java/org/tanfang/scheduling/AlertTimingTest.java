package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/** A typhoon alert declared at 02:50 says when its calls start, and calls from that minute. */
@TanfangTest
class AlertTimingTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired SpecialRounds rounds;
  @Autowired Visits visits;
  @Autowired Attempts attempts;
  @Autowired AttemptOutcomes outcomes;
  @Autowired Windows windows;
  @Autowired MockMvc mvc;

  Rows rows;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    clock.setLocal("2026-07-01T02:50:00");
    rows = new Rows(jdbc);
    for (int i = 0; i < 3; i++) {
      rows.elder().categories("EMPTY_NEST").save();
    }
    rows.elder().categories("DISABLED_CARE").disability("SEVERE").selfCare(false).save();
  }

  private int localHour(java.time.Instant at) {
    return ZonedDateTime.ofInstant(at, clock.getZone()).getHour();
  }

  @Test
  void shouldShowTheExpectedStartOfANightAlertAndCallFromTheFirstAllowedMinute() throws Exception {
    long id =
        rounds.declareAlert(
            new AlertRequest(
                "TYPHOON",
                List.of("美兰区"),
                LocalDateTime.parse("2026-07-01T02:50"),
                LocalDateTime.parse("2026-07-02T20:00")),
            "supervisor");

    AlertTiming.Expected expected = rounds.expected(id);
    assertThat(expected.calls()).isEqualTo(3);
    assertThat(expected.homeTasks()).isEqualTo(1);
    assertThat(ZonedDateTime.ofInstant(expected.firstCall(), clock.getZone()).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-07-01T09:00"));
    assertThat(expected.lastCall()).isAfterOrEqualTo(expected.firstCall());
    assertThat(localHour(expected.lastCall())).isBetween(9, 11);

    String page =
        mvc.perform(
                get("/special-rounds")
                    .param("declared", String.valueOf(id))
                    .with(user("supervisor").roles("SUPERVISOR")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("id=\"declared-expected\"", "首通电话预计 07-01 09:00 拨出", "共 3 通", "另有 1 位老人");

    assertThat(expected.contactCalls()).isZero(); // these elders have no emergency contacts

    // Nothing is dialled in the night; from 09:00 the three calls go out.
    CountingDispatcher dialer = new CountingDispatcher(10);
    Pacer pacer =
        new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, "node-a", 200);
    assertThat(pacer.pace()).isEmpty();
    clock.setLocal("2026-07-01T08:59:00");
    assertThat(pacer.pace()).isEmpty();
    clock.setLocal("2026-07-01T09:00:00");
    assertThat(pacer.pace()).hasSize(3);
  }

  /** Two elders with a contact each (one phone elder, one visited at home) and two second ones. */
  private void giveContacts() {
    List<Long> ids = jdbc.queryForList("select id from elder order by id", Long.class);
    rows.emergencyContact(ids.get(0), 1, "张一", "儿子", "13907550001");
    rows.emergencyContact(ids.get(0), 2, "张二", "女儿", "13907550002");
    rows.emergencyContact(ids.get(3), 2, "李二", "女儿", "13907550004");
    rows.emergencyContact(ids.get(3), 1, "李一", "儿子", "13907550003");
  }

  private List<String> dialledPhones(List<Long> attemptIds) {
    return jdbc.queryForList(
        "select phone from call_attempt where id = any (?) order by phone",
        String.class,
        (Object) attemptIds.toArray(Long[]::new));
  }

  @Test
  void shouldCallEachEldersFirstContactFromTheFirstAllowedMinuteAndSayWhen() throws Exception {
    giveContacts();
    long id =
        rounds.declareAlert(
            new AlertRequest(
                "TYPHOON",
                List.of("美兰区"),
                LocalDateTime.parse("2026-07-01T02:50"),
                LocalDateTime.parse("2026-07-02T20:00")),
            "supervisor");

    AlertTiming.Expected expected = rounds.expected(id);
    assertThat(expected.calls()).isEqualTo(3);
    assertThat(expected.contactCalls()).isEqualTo(2);
    assertThat(ZonedDateTime.ofInstant(expected.firstCall(), clock.getZone()).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-07-01T09:00"));
    // The contact calls are FAMILY_NOTICE visits of the round with the alert's message, to the
    // first contact only (the home-visited elder's family too), never counted as visits.
    assertThat(
            jdbc.queryForList(
                "select a.phone from call_attempt a join visit v on v.id = a.visit_id"
                    + " where v.special_round_id = ? and v.purpose = 'FAMILY_NOTICE'"
                    + " and v.script_id = 'alert-contact-typhoon' order by a.phone",
                String.class,
                id))
        .containsExactly("13907550001", "13907550003");
    assertThat(rounds.list().get(0).visits()).isEqualTo(4);

    String page =
        mvc.perform(
                get("/special-rounds")
                    .param("declared", String.valueOf(id))
                    .with(user("supervisor").roles("SUPERVISOR")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("首通电话预计 07-01 09:00 拨出", "共 5 通", "其中 3 通打给老人，2 通打给老人的第一紧急联系人")
        .contains("共 2：已收到 0，接听未确认 0，未接通 0，待拨 2");

    CountingDispatcher dialer = new CountingDispatcher(10);
    Pacer pacer =
        new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, "node-a", 200);
    clock.setLocal("2026-07-01T08:59:00");
    assertThat(pacer.pace()).isEmpty();
    clock.setLocal("2026-07-01T09:00:00");
    List<Long> dialled = pacer.pace();
    assertThat(dialled).hasSize(5);
    assertThat(dialledPhones(dialled)).contains("13907550001", "13907550003");

    // The first contact answers and presses 1, the other does not answer: the round shows each.
    Long answered =
        jdbc.queryForObject("select id from call_attempt where phone = '13907550001'", Long.class);
    Long missed =
        jdbc.queryForObject("select id from call_attempt where phone = '13907550003'", Long.class);
    long visit =
        jdbc.queryForObject("select visit_id from call_attempt where id = ?", Long.class, answered);
    jdbc.update(
        "insert into visit_answer (visit_id, attempt_id, question_id, area, method, raw_key,"
            + " intent, reprompts, answered_at) values (?, ?, 'family-notice', 'CONTACT',"
            + " 'KEYPAD', '1', 'FINE', 0, now())",
        visit,
        answered);
    attempts.end(answered, "ANSWERED", null, clock.instant());
    outcomes.attemptEnded(answered);
    attempts.end(missed, "NO_ANSWER", null, clock.instant());
    outcomes.attemptEnded(missed);
    assertThat(rounds.contacts(id)).isEqualTo(new SpecialRounds.Contacts(2, 1, 0, 1));
    assertThat(jdbc.queryForObject("select count(*) from escalation", Integer.class))
        .as("a contact not reached opens no case")
        .isZero();
    assertThat(
            mvc.perform(get("/special-rounds").with(user("supervisor").roles("SUPERVISOR")))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("共 2：已收到 1，接听未确认 0，未接通 1，待拨 0");
  }

  @Test
  void shouldCallTheContactsOfAnUrgentAlertEarlier() {
    giveContacts();
    long urgent = declare("RED", true, false);
    AlertTiming.Expected expected = rounds.expected(urgent);
    assertThat(expected.contactCalls()).isEqualTo(2);
    assertThat(ZonedDateTime.ofInstant(expected.firstCall(), clock.getZone()).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-07-01T08:00"));
    CountingDispatcher dialer = new CountingDispatcher(10);
    Pacer pacer =
        new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, "node-a", 200);
    clock.setLocal("2026-07-01T07:59:00");
    assertThat(pacer.pace()).isEmpty();
    clock.setLocal("2026-07-01T08:00:00");
    assertThat(dialledPhones(pacer.pace())).contains("13907550001", "13907550003").hasSize(5);
  }

  @Test
  void shouldCallTheContactsAtNightOnlyWhenConfirmed() {
    giveContacts();
    long night = declare("RED", true, true);
    assertThat(rounds.expected(night).firstCall()).isEqualTo(clock.instant());
    CountingDispatcher dialer = new CountingDispatcher(10);
    Pacer pacer =
        new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, "node-a", 200);
    assertThat(dialledPhones(pacer.pace())).contains("13907550001", "13907550003");
  }

  @Test
  void shouldQueueCallsOverTheChannelsInTheEstimate() {
    for (int i = 0; i < 60; i++) {
      rows.elder().categories("EMPTY_NEST").save();
    }
    long id =
        rounds.declareAlert(
            new AlertRequest(
                "HEAT",
                List.of("美兰区"),
                LocalDateTime.parse("2026-07-01T02:50"),
                LocalDateTime.parse("2026-07-02T20:00")),
            "supervisor");

    AlertTiming.Expected expected = rounds.expected(id);
    assertThat(expected.calls()).isEqualTo(63);
    // 63 calls of 2 minutes over the channels: the last starts ceil(63 / channels) - 1 slots later.
    long slots = (63 + expected.channels() - 1) / expected.channels() - 1;
    assertThat(expected.lastCall()).isEqualTo(expected.firstCall().plusSeconds(120 * slots));
  }

  private long declare(String level, Boolean urgent, Boolean night) {
    return rounds.declareAlert(
        new AlertRequest(
            "TYPHOON",
            List.of("美兰区"),
            LocalDateTime.parse("2026-07-01T02:50"),
            LocalDateTime.parse("2026-07-02T20:00"),
            level,
            urgent,
            night),
        "supervisor");
  }

  @Test
  void shouldCallAnUrgentRedAlertFromTheCitysCallingHoursAndAtNightOnlyWhenConfirmed() {
    long urgent = declare("RED", true, false);
    AlertTiming.Expected expected = rounds.expected(urgent);
    assertThat(ZonedDateTime.ofInstant(expected.firstCall(), clock.getZone()).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-07-01T08:00"));
    CountingDispatcher dialer = new CountingDispatcher(10);
    Pacer pacer =
        new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, "node-a", 200);
    assertThat(pacer.pace()).isEmpty();
    clock.setLocal("2026-07-01T08:00:00");
    assertThat(pacer.pace()).hasSize(3); // an hour before the elders' own 09:00 window

    Rows.clean(jdbc);
    clock.setLocal("2026-07-01T02:50:00");
    new Rows(jdbc).elder().categories("EMPTY_NEST").save();
    long night = declare("RED", true, true);
    assertThat(rounds.expected(night).firstCall()).isEqualTo(clock.instant());
    assertThat(pacer.pace()).hasSize(1);
  }

  @Test
  void shouldRefuseUrgencyForAnAlertBelowRed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> declare("ORANGE", true, true))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).problems())
                    .extracting(p -> p.field() + ":" + p.rule())
                    .containsExactly("urgent:round.urgentNeedsRed"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> declare("RED", false, true))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(jdbc.queryForObject("select count(*) from special_round", Integer.class)).isZero();
  }
}
