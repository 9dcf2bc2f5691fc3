package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.Telephony;
import org.tanfang.testsupport.TelephonyEvents;
import org.tanfang.testsupport.TestElders;
import org.tanfang.visits.Attempts;
import org.tanfang.visits.Visits;

/**
 * At start-up a node ends the calls left DIALING/IN_CALL by a node that is gone: its own name
 * (crashed before), a node whose Quartz check-in lapsed or that has none; a live node's calls stay.
 */
@TanfangTest
class StartupReconcilerTest {
  private static final String SCHED = "tanfang";

  @Autowired StartupReconciler reconciler;
  @Autowired DialerProperties props;
  @Autowired Visits visits;
  @Autowired Attempts attempts;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired UserAccounts accounts;
  @Autowired JdbcTemplate jdbc;
  @Autowired MockMvc mvc;
  @Autowired AsteriskSim sim;
  @Autowired Dialer dialer;
  @Autowired TelephonyEvents events;

  private Elder elder;
  private int seq;

  @BeforeEach
  void setUp() {
    Telephony.cleanSlate(sim, dialer, jdbc, events);
    if (!accounts.exists("node-staff")) {
      accounts.create("node-staff", "node-staff-password", Role.STAFF, "节点测试坐席");
    }
    elder =
        elders.create(
            TestElders.form(
                "节点老人", TestElders.idNumber(LocalDate.of(1944, 4, 4), 77, false), "13800007777"));
  }

  @AfterEach
  void tidy() {
    jdbc.update(
        "delete from qrtz_scheduler_state where sched_name = ? and instance_name like 'test-%'",
        SCHED);
    jdbc.update(
        "delete from qrtz_scheduler_state where sched_name = ? and instance_name = ?",
        SCHED,
        props.node() + "#twin");
    // No call left open for the next test class.
    for (long id :
        jdbc.queryForList(
            "select id from call_attempt where status in ('DIALING', 'IN_CALL')", Long.class)) {
      attempts.end(id, "FAILED", null, Instant.now());
    }
    jdbc.update("update staff_call set status = 'ENDED' where status <> 'ENDED'");
  }

  /** A dialled attempt claimed by {@code node}, answered when {@code up}. */
  private long call(String node, boolean up) {
    Instant now = Instant.now();
    long visit = visits.openOneOff(elder.id(), "TEST", "test-call", now);
    long id =
        attempts.add(new Attempts.NewAttempt(visit, 1, elder.primaryPhone(), 0, 100, now), now);
    assertThat(attempts.claimChannel(id, "pbx1", "tf-" + id + "-node" + seq++, node, now)).isTrue();
    if (up) {
      attempts.answered(id, 4, now);
    }
    return id;
  }

  private long staffCall(String node) {
    long visit = visits.openOneOff(elder.id(), "TEST", "test-call", Instant.now());
    long escalation =
        escalations.open(
            NewEscalation.of(
                elder.id(),
                EscalationType.DISTRESS,
                visit,
                null,
                Text.of("reason.distressTransferred")));
    String channel = "tfcb-" + escalation + "-node" + seq++;
    jdbc.update("insert into dialer_channel_node (channel_id, node) values (?, ?)", channel, node);
    return jdbc.queryForObject(
        "insert into staff_call (escalation_id, username, staff_phone, phone, pbx, channel_id,"
            + " status, created_at, answered_at) values (?, 'node-staff', '8001', ?, 'pbx1', ?,"
            + " 'IN_CALL', now(), now()) returning id",
        Long.class,
        escalation,
        elder.primaryPhone(),
        channel);
  }

  private void checkIn(String instance, long agoMillis) {
    jdbc.update(
        "insert into qrtz_scheduler_state (sched_name, instance_name, last_checkin_time,"
            + " checkin_interval) values (?, ?, (extract(epoch from now()) * 1000)::bigint - ?,"
            + " 5000)",
        SCHED,
        instance,
        agoMillis);
  }

  private Map<String, Object> attempt(long id) {
    return jdbc.queryForMap("select * from call_attempt where id = ?", id);
  }

  private String staffStatus(long id) {
    return jdbc.queryForObject("select status from staff_call where id = ?", String.class, id);
  }

  @Test
  void callsOfThisNodeAndOfGoneNodesAreEndedWithAReasonTheCallsPageShows() throws Exception {
    checkIn("test-gone#1a2b3c4d", 60_000); // last seen a minute ago: lapsed
    checkIn("test-live#5e6f7a8b", 1_000); // checked in a second ago
    long mine = call(props.node(), true);
    long gone = call("test-gone", false);
    long vanished = call("test-vanished", true); // no check-in row at all (recovered, removed)
    long live = call("test-live", true);
    long goneStaff = staffCall("test-gone");
    long liveStaff = staffCall("test-live");

    assertThat(reconciler.reconcile()).isEqualTo(4);

    assertThat(attempt(mine))
        .containsEntry("status", "ENDED")
        .containsEntry("result", "ANSWERED")
        .containsEntry("hangup_cause", 0)
        .containsEntry("hangup_cause_text", StartupReconciler.REASON);
    assertThat(attempt(gone))
        .containsEntry("status", "ENDED")
        .containsEntry("result", "FAILED")
        .containsEntry("hangup_cause_text", StartupReconciler.REASON);
    assertThat(attempt(vanished)).containsEntry("status", "ENDED");
    assertThat(attempt(live)).containsEntry("status", "IN_CALL");
    assertThat(staffStatus(goneStaff)).isEqualTo("ENDED");
    assertThat(
            jdbc.queryForObject(
                "select result from staff_call where id = ?", String.class, goneStaff))
        .isEqualTo("PBX_LOST");
    assertThat(staffStatus(liveStaff)).isEqualTo("IN_CALL");
    // The visits of the ended attempts are closed, as after any call.
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit v join call_attempt a on a.visit_id = v.id"
                    + " where a.id in (?, ?, ?) and v.status in ('PLANNED', 'IN_PROGRESS')",
                Integer.class,
                mine,
                gone,
                vanished))
        .isZero();

    String page =
        mvc.perform(get("/calls").with(user("staff").roles("STAFF")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("拨打节点已停止，启动时结束此通话（对账）");
    String en =
        mvc.perform(get("/calls").param("lang", "en").with(user("staff").roles("STAFF")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(en).contains("the node that placed it had stopped: ended at start-up (reconciled)");

    // Idempotent: a second start-up finds nothing more to end.
    assertThat(reconciler.reconcile()).isZero();
  }

  /**
   * An inbound_call row of {@code node}, with its IN_CALL attempt when {@code visit} is not null.
   */
  private long callIn(String node, Long visit, String from) {
    Instant now = Instant.now();
    Long attempt = null;
    if (visit != null) {
      attempt = attempts.addInbound(visit, from, node, now);
      visits.inProgress(visit, now);
      visits.conversationStarted(visit, "checkin-v1", now);
    }
    return jdbc.queryForObject(
        "insert into inbound_call (caller_number, dialled, channel, node, elder_id, identified_by,"
            + " attempt_id, started_at) values (?, '089866120000', 'PJSIP/trunk-0000000' || ?, ?,"
            + " ?, ?, ?, now()) returning id",
        Long.class,
        from,
        seq++,
        node,
        visit == null ? null : elder.id(),
        visit == null ? null : "CALLER_ID",
        attempt);
  }

  private Map<String, Object> inbound(long id) {
    return jdbc.queryForMap("select * from inbound_call where id = ?", id);
  }

  @Test
  void callsIntoTheLineLeftInCallByAGoneNodeAreEndedWithAReasonAndTheVisitIsNotCounted()
      throws Exception {
    checkIn("test-gone#1a2b3c4d", 60_000);
    checkIn("test-live#5e6f7a8b", 1_000);
    // The elder's planned visit of the cycle; the crashed node had identified the caller and was
    // mid-conversation: identity confirmed, the health question not yet answered.
    long planned = new org.tanfang.testsupport.Rows(jdbc).visit(elder.id()).inMarch2026().save();
    long cutOff =
        callIn("test-gone", visits.forInboundCall(elder.id(), Instant.now()), elder.primaryPhone());
    assertThat(((Number) inbound(cutOff).get("attempt_id")).longValue()).isPositive();
    assertThat(
            jdbc.queryForObject(
                "select visit_id from call_attempt where id = (select attempt_id from inbound_call"
                    + " where id = ?)",
                Long.class,
                cutOff))
        .isEqualTo(planned);
    long cutOffAttempt = ((Number) inbound(cutOff).get("attempt_id")).longValue();
    // A one-off inbound visit (another call of the same elder the gone node served) and an
    // unidentified caller waiting for the queue when the node died.
    long oneOff = visits.openOneOff(elder.id(), "ROUTINE", Visits.INBOUND, Instant.now());
    long oneOffCall = callIn(props.node(), oneOff, elder.primaryPhone());
    long oneOffAttempt = ((Number) inbound(oneOffCall).get("attempt_id")).longValue();
    long unknown = callIn("test-gone", null, "13912340000");
    long liveCall = callIn("test-live", null, "13912340001");

    // Two attempts and three inbound_call rows of gone nodes (this node's own name counts).
    assertThat(reconciler.reconcile()).isEqualTo(5);

    assertThat(attempt(cutOffAttempt))
        .containsEntry("status", "ENDED")
        .containsEntry("result", "ANSWERED")
        .containsEntry("direction", "IN")
        .containsEntry("hangup_cause", 0)
        .containsEntry("hangup_cause_text", StartupReconciler.REASON_INBOUND);
    assertThat(attempt(oneOffAttempt))
        .containsEntry("status", "ENDED")
        .containsEntry("hangup_cause_text", StartupReconciler.REASON_INBOUND);
    assertThat(inbound(cutOff)).containsEntry("result", "LOST");
    assertThat(inbound(cutOff).get("ended_at")).isNotNull();
    assertThat(inbound(oneOffCall)).containsEntry("result", "LOST");
    assertThat(inbound(unknown)).containsEntry("result", "LOST");
    assertThat(inbound(liveCall).get("ended_at")).isNull();
    // Not counted: the planned visit goes back to the scheduler, the one-off closes invalid.
    Map<String, Object> visit = jdbc.queryForMap("select * from visit where id = ?", planned);
    assertThat(visit.get("valid")).isEqualTo(false);
    assertThat(visit.get("status")).isIn("PLANNED", "UNREACHABLE");
    assertThat(jdbc.queryForObject("select valid from visit where id = ?", Boolean.class, oneOff))
        .isFalse();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from visit where elder_id = ? and (valid or status = 'DONE'"
                    + " and id <> ?)",
                Integer.class,
                elder.id(),
                oneOff))
        .isZero();

    String page =
        mvc.perform(get("/calls").with(user("admin").roles("SUPERVISOR")))
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(page).contains("接听此来电的节点已停止，启动时结束此通话（对账）", "节点停止，通话中断");
    String en =
        mvc.perform(get("/calls").param("lang", "en").with(user("admin").roles("SUPERVISOR")))
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(en)
        .contains(
            "the node that answered this call into the line had stopped: ended at start-up"
                + " (reconciled)",
            "cut off: the node stopped");

    assertThat(reconciler.reconcile()).isZero();
  }

  @Test
  void aLiveTwinWithThisNodesNameKeepsItsCalls() throws Exception {
    checkIn(props.node() + "#twin", 500); // another live node configured with the same name
    long mine = call(props.node(), true);
    // The twin lives: it goes on checking in (a killed run's row would not change).
    java.util.concurrent.ScheduledExecutorService twin =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    twin.scheduleAtFixedRate(
        () ->
            jdbc.update(
                "update qrtz_scheduler_state set last_checkin_time ="
                    + " (extract(epoch from clock_timestamp()) * 1000)::bigint"
                    + " where sched_name = ? and instance_name = ?",
                SCHED,
                props.node() + "#twin"),
        100,
        100,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    try {
      assertThat(reconciler.reconcile()).isZero();
    } finally {
      twin.shutdownNow();
      twin.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(attempt(mine)).containsEntry("status", "IN_CALL");
  }

  @Test
  void aRunOfThisNodeKilledMomentsAgoIsGoneOnceItsCheckInLapses() {
    // This node's previous run, killed a second ago: its check-in row looks alive but never moves.
    checkIn(props.node() + "#twin", 1_000);
    long mine = call(props.node(), true);

    assertThat(reconciler.reconcile()).isEqualTo(1);
    assertThat(attempt(mine))
        .containsEntry("status", "ENDED")
        .containsEntry("hangup_cause_text", StartupReconciler.REASON);
  }
}
