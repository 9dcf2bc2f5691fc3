package org.tanfang.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.tanfang.scheduler.dispatch.AttemptOutcomes;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/** The policy per carrier result (README "Carrier announcements, voicemail and storms"). */
@TanfangTest
@RecordApplicationEvents
class CarrierResultPolicyTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired Visits visits;
  @Autowired Attempts attempts;
  @Autowired MutableClock clock;
  @Autowired CyclePlanning planning;
  @Autowired AttemptOutcomes outcomes;
  @Autowired Windows windows;
  @Autowired ApplicationEvents events;
  Rows rows;
  CountingDispatcher dialer;
  Pacer pacer;

  @BeforeEach
  void clean() {
    Rows.clean(jdbc);
    rows = new Rows(jdbc);
    dialer = new CountingDispatcher(10);
    pacer = new Pacer(jdbc, visits, attempts, clock, dialer, outcomes, windows, "test", 200);
    clock.setLocal("2026-03-01T00:05:00");
  }

  private long firstCallDialled(long elderId) {
    planning.planCurrentCycles();
    clock.set(
        jdbc.queryForObject(
            "select a.due_at from call_attempt a join visit v on v.id = a.visit_id"
                + " where v.elder_id = ?",
            Instant.class,
            elderId));
    assertThat(pacer.pace()).hasSize(1);
    return dialer.order.get(dialer.order.size() - 1);
  }

  /** The call flow heard the carrier, then the channel hung up: as the dialer ends it. */
  private void endDetected(long attemptId, String result) {
    clock.advance(Duration.ofMinutes(1));
    dialer.hangUpAll();
    attempts.detected(attemptId, result, new Attempts.Evidence("the number", 3.5, "SPEECH"));
    attempts.end(attemptId, "FAILED", 1, clock.instant());
    outcomes.attemptEnded(attemptId);
  }

  private Map<String, Object> latestAttempt() {
    return jdbc.queryForMap("select * from call_attempt order by attempt_no desc limit 1");
  }

  private long dialNext() {
    clock.set(((Timestamp) latestAttempt().get("due_at")).toInstant());
    assertThat(pacer.pace()).hasSize(1);
    return dialer.order.get(dialer.order.size() - 1);
  }

  private Instant due() {
    return ((Timestamp) latestAttempt().get("due_at")).toInstant();
  }

  @Test
  void shouldCorrectANumberThatDoesNotExistAndDialTheNextAtOnceNeverAgain() {
    long elder = rows.elder().phones("13908981111", "13708982222").save();
    long first = firstCallDialled(elder);

    endDetected(first, "NO_SUCH_NUMBER");

    Map<String, Object> row = jdbc.queryForMap("select * from call_attempt where id = ?", first);
    assertThat(row.get("result")).isEqualTo("NO_SUCH_NUMBER");
    assertThat(row.get("evidence_transcript")).isEqualTo("the number");
    assertThat(row.get("evidence_source")).isEqualTo("SPEECH");
    assertThat(
            jdbc.queryForMap(
                "select c.phone, a.result as reason from phone_correction c"
                    + " join call_attempt a on a.id = c.attempt_id"))
        .containsEntry("phone", "13908981111")
        .containsEntry("reason", "NO_SUCH_NUMBER");
    assertThat(latestAttempt().get("phone_index")).isEqualTo(1);
    assertThat(due()).isEqualTo(clock.instant());

    for (int i = 0; i < 3; i++) {
      long next = dialNext();
      clock.advance(Duration.ofMinutes(1));
      dialer.hangUpAll();
      attempts.end(next, "NO_ANSWER", 3, clock.instant());
      outcomes.attemptEnded(next);
    }
    assertThat(
            jdbc.queryForList(
                "select distinct phone from call_attempt where attempt_no > 1", String.class))
        .containsExactly("13708982222");
  }

  @Test
  void shouldOpenALivingSupportFollowUpForASuspendedLine() {
    long elder = rows.elder().phones("13908983333").save();
    long first = firstCallDialled(elder);

    endDetected(first, "SUSPENDED");

    assertThat(
            jdbc.queryForObject(
                "select a.result from phone_correction c join call_attempt a on a.id = c.attempt_id",
                String.class))
        .isEqualTo("SUSPENDED");
    assertThat(
            jdbc.queryForMap(
                "select type, needs, attempt_id from escalation where type = 'FOLLOW_UP'"))
        .containsEntry("needs", "LIVING")
        .containsEntry("attempt_id", first);
    assertThat(events.stream(PhoneSuspended.class)).singleElement();
  }

  @Test
  void shouldRetryASwitchedOffPhoneLaterThenHandTheElderToAPersonOnTheSecondDay() {
    long elder = rows.elder().phones("13908984444").save();
    long first = firstCallDialled(elder);
    Instant firstEnd = clock.instant().plus(Duration.ofMinutes(1));

    endDetected(first, "SWITCHED_OFF");
    assertThat(due()).isEqualTo(windows.defaults().nextAllowed(firstEnd.plus(Duration.ofHours(2))));
    endDetected(dialNext(), "SWITCHED_OFF");
    endDetected(dialNext(), "SWITCHED_OFF");
    Instant nextDay = due();
    assertThat(nextDay.atZone(MutableClock.SHANGHAI).toLocalDate())
        .isEqualTo(firstEnd.atZone(MutableClock.SHANGHAI).toLocalDate().plusDays(1));
    assertThat(events.stream(NeedsPersonEvent.class)).isEmpty();

    endDetected(dialNext(), "SWITCHED_OFF");

    assertThat(jdbc.queryForObject("select status from visit", String.class))
        .isEqualTo("UNREACHABLE");
    assertThat(events.stream(NeedsPersonEvent.class))
        .singleElement()
        .satisfies(e -> assertThat(e.reason().key()).isEqualTo("reason.switchedOff"));
    assertThat(jdbc.queryForObject("select count(*) from phone_correction", Integer.class))
        .isZero();
  }

  @Test
  void shouldRetryAVoicemailAnswerInTheNextCallWindow() {
    long elder = rows.elder().phones("13908985555").save();
    long first = firstCallDialled(elder);
    Instant firstEnd = clock.instant().plus(Duration.ofMinutes(1));

    endDetected(first, "VOICEMAIL");

    Instant retry = due();
    assertThat(retry).isEqualTo(windows.defaults().nextWindowAfter(firstEnd));
    assertThat(retry).isAfter(firstEnd.plus(Duration.ofMinutes(30)));
    assertThat(jdbc.queryForObject("select count(*) from phone_correction", Integer.class))
        .isZero();
    assertThat(jdbc.queryForObject("select count(*) from escalation", Integer.class)).isZero();
  }
}
