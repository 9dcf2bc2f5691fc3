package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.Dialer;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;

/**
 * The database fails during a call into the line: the caller is put through to the staff queue,
 * never left in silence or hung up on. The failure is real, raised by PostgreSQL itself: a trigger
 * this test installs makes one write fail with SQLSTATE 08006 (connection failure) — the call's
 * first write ({@code inbound_call}), the opening of the visit ({@code call_attempt}), or the
 * health answer in the middle of the check-in ({@code visit_answer}).
 */
@TanfangTest
class InboundDatabaseFailureTest {
  private static final String PROMPTS = "/var/lib/asterisk/sounds/tanfang/cmn/";
  private static final String LINE = "089866120000";

  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired TelephonyEvents events;
  @Autowired javax.sql.DataSource dataSource;
  @Autowired PhonePins pins;

  private String failing;

  @BeforeEach
  void cleanSlate() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    jdbc.execute(
        "create or replace function tf_test_database_down() returns trigger language plpgsql as"
            + " $$ begin raise exception 'test: the database is down' using errcode = '08006';"
            + " end $$");
  }

  @AfterEach
  void databaseBack() {
    if (failing != null) {
      jdbc.execute("drop trigger if exists tf_test_down on " + failing);
      failing = null;
    }
    jdbc.execute("drop function if exists tf_test_database_down()");
  }

  private void failWrites(String table, String when) {
    failing = table;
    jdbc.execute(
        "create trigger tf_test_down before insert on "
            + table
            + " for each row "
            + when
            + " execute function tf_test_database_down()");
  }

  @ParameterizedTest
  @ValueSource(strings = {"inbound_call", "call_attempt", "visit_answer"})
  void whenTheDatabaseFailsDuringACallIntoTheLine_thenTheCallerReachesTheStaffQueue(String table) {
    Elder elder =
        Telephony.elder(
            elders, sim, CalleeScript.answers().thenAlways(new CalleeReply.Digits("1", 0)).build());
    // visit_answer: the identity answer is written, the health answer fails mid-conversation.
    failWrites(table, "visit_answer".equals(table) ? "when (new.question_id = 'health')" : "");

    CallRecord call = sim.callIn(elder.primaryPhone(), LINE);

    await().atMost(Duration.ofSeconds(20)).until(() -> call.hangupCause() != null);
    assertThat(call.variablesSet()).containsEntry("TANFANG_TRANSFER", "staff");
    assertThat(call.queueResult()).as("the caller waited in the staff queue").isNotNull();
    List<String> prompts = call.prompts();
    assertThat(prompts).endsWith(PROMPTS + "transfer");
    assertThat(prompts).doesNotContain(PROMPTS + "goodbye");
    if ("visit_answer".equals(table)) {
      assertThat(prompts).contains(PROMPTS + "confirm-identity", PROMPTS + "q-health");
    }
    if (!"inbound_call".equals(table)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  "STAFF"
                      .equals(
                          jdbc.queryForObject("select result from inbound_call", String.class)));
    }
    assertThat(jdbc.queryForObject("select count(*) from visit where valid", Integer.class))
        .as("nothing counts as a visit")
        .isZero();
  }

  /**
   * A table the line needs before the conversation is locked (the call's row, the caller lookup,
   * the visit's attempt): each of those steps gives up within the read budget and the caller is put
   * through to the staff queue while the lock is still held, never left in silence waiting for it.
   * Nothing is left half-opened.
   */
  @ParameterizedTest
  @ValueSource(strings = {"inbound_call", "elder", "call_attempt"})
  void whenATableTheLineNeedsIsLocked_thenTheCallerReachesStaffWithoutWaitingForIt(String table)
      throws Exception {
    Elder elder =
        Telephony.elder(
            elders, sim, CalleeScript.answers().thenAlways(new CalleeReply.Digits("1", 0)).build());
    CallRecord call;
    try (java.sql.Connection locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      try (java.sql.Statement s = locker.createStatement()) {
        s.execute("lock table " + table + " in access exclusive mode");
      }
      call = sim.callIn(elder.primaryPhone(), LINE);
      // Held until the caller is with staff: a step waiting for the lock would never get there.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "staff".equals(call.variablesSet().get("TANFANG_TRANSFER")));
      assertThat(call.prompts()).endsWith(PROMPTS + "transfer");
      assertThat(call.prompts()).doesNotContain(PROMPTS + "q-health");
      locker.rollback();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> call.hangupCause() != null);
    assertThat(call.queueResult()).as("the caller waited in the staff queue").isNotNull();
    await().atMost(Duration.ofSeconds(20)).until(events::writesSettled);
    assertThat(jdbc.queryForObject("select count(*) from call_attempt", Integer.class))
        .as("no attempt left open for a call that went to staff without it")
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from inbound_call where result is distinct from 'STAFF'",
                Integer.class))
        .as("a call's row, if the lock let it be written, says the caller went to staff")
        .isZero();
  }

  private static final String STRANGER = "13912340000";
  private static final String PIN = "2580";

  /** An unknown number whose caller types {@code elder}'s number and {@code pin}, then 1s. */
  private void strangerTypes(Elder elder, String pin) {
    sim.callees()
        .put(
            STRANGER,
            CalleeScript.answers()
                .press(elder.primaryPhone() + "#")
                .press(pin + "#")
                .thenAlways(new CalleeReply.Digits("1", 0))
                .build());
  }

  private java.util.Map<String, Object> pinRow(long elderId) {
    return jdbc.queryForMap(
        "select phone_pin_failed, phone_pin_locked_until from elder where id = ?", elderId);
  }

  /**
   * The PIN's verdict is written within the read budget too: the elder's row is locked (another
   * transaction holds it FOR UPDATE: the PIN can be read, not its failure count written), so the
   * caller who typed the right PIN is put through to staff while the lock is held instead of
   * waiting for it; no visit is opened, the count is untouched.
   */
  @org.junit.jupiter.api.Test
  void whenTheElderRowIsLockedAtThePinCheck_thenTheCallerReachesStaffWithoutWaitingForIt()
      throws Exception {
    Elder elder =
        Telephony.elder(
            elders, sim, CalleeScript.answers().thenAlways(new CalleeReply.Digits("1", 0)).build());
    pins.set(elder.id(), PIN, PIN);
    strangerTypes(elder, PIN);
    CallRecord call;
    try (java.sql.Connection locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      try (java.sql.PreparedStatement s =
          locker.prepareStatement("select 1 from elder where id = ? for update")) {
        s.setLong(1, elder.id());
        s.executeQuery().close();
      }
      call = sim.callIn(STRANGER, LINE);
      // Held until the caller is with staff: a verdict waiting for the lock would never get there.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "staff".equals(call.variablesSet().get("TANFANG_TRANSFER")));
      assertThat(call.prompts()).contains(PROMPTS + "inbound-pin").endsWith(PROMPTS + "transfer");
      assertThat(call.prompts()).doesNotContain(PROMPTS + "confirm-identity");
      locker.rollback();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> call.hangupCause() != null);
    assertThat(call.queueResult()).as("the caller waited in the staff queue").isNotNull();
    await().atMost(Duration.ofSeconds(20)).until(events::writesSettled);
    assertThat(jdbc.queryForObject("select count(*) from call_attempt", Integer.class)).isZero();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "STAFF"
                    .equals(jdbc.queryForObject("select result from inbound_call", String.class)));
    assertThat(pinRow(elder.id()).get("phone_pin_failed")).isEqualTo(0);
  }

  /**
   * The verdict of a wrong PIN is one transaction: the fifth wrong entry in a row locks the PIN and
   * writes the lock's audit row; PostgreSQL fails the audit row (08006), so the lock is not written
   * either (before, the PIN stayed locked with no audit row saying so). The caller is put through
   * to staff.
   */
  @org.junit.jupiter.api.Test
  void whenTheLocksAuditRowFails_thenThePinIsNotLockedEitherAndTheCallerReachesStaff() {
    Elder elder =
        Telephony.elder(
            elders, sim, CalleeScript.answers().thenAlways(new CalleeReply.Digits("1", 0)).build());
    pins.set(elder.id(), PIN, PIN);
    jdbc.update("update elder set phone_pin_failed = 4 where id = ?", elder.id());
    strangerTypes(elder, "7391");
    failWrites("audit_event", "when (new.action = 'LOCK_PHONE_PIN')");

    CallRecord call = sim.callIn(STRANGER, LINE);

    await().atMost(Duration.ofSeconds(30)).until(() -> call.hangupCause() != null);
    assertThat(call.variablesSet()).containsEntry("TANFANG_TRANSFER", "staff");
    assertThat(call.prompts()).endsWith(PROMPTS + "transfer");
    assertThat(call.prompts()).doesNotContain(PROMPTS + "inbound-pin-retry");
    assertThat(call.queueResult()).as("the caller waited in the staff queue").isNotNull();
    java.util.Map<String, Object> row = pinRow(elder.id());
    assertThat(row.get("phone_pin_locked_until")).as("not locked without its audit row").isNull();
    assertThat(row.get("phone_pin_failed")).as("the count as it was").isEqualTo(4);
  }
}
