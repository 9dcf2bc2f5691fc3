package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulated [tanfang-staff]: a check-in script sets TANFANG_TRANSFER=staff, the call queues,
 * members are rung, and the app_queue events arrive through Asterisk-Java with their fields filled
 * (so the header names match what Asterisk-Java maps); unanswered calls run the follow-up AGI.
 */
class StaffQueueTest {

  private static final String ELDER = "13800000001";
  private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> followUps = new CopyOnWriteArrayList<>();
  private AsteriskSim sim;
  private TestAgiServer agi;
  private ManagerConnection connection;

  @BeforeEach
  void start() throws Exception {
    agi =
        new TestAgiServer(
            Map.of(
                "checkin",
                (request, channel) -> {
                  channel.streamFile("transfer");
                  channel.setVariable("TANFANG_TRANSFER", "staff");
                  channel.setVariable("TANFANG_QUEUE_TIMEOUT", "2");
                },
                "transfer-unanswered",
                (request, channel) -> {
                  followUps.add(String.join(",", request.getArguments()));
                  channel.streamFile("/prompts/cmn/staff-callback");
                }));
    sim =
        AsteriskSim.builder()
            .amiPort(0)
            .user("tanfang", "secret")
            .agi("127.0.0.1", agi.port())
            .callee(ELDER, CalleeScript.answers().build())
            .staffQueue(q -> q.memberTimeoutMs(600).retryMs(100))
            .build()
            .start();
    connection =
        new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "tanfang", "secret")
            .createManagerConnection();
    connection.addEventListener(events::add);
    connection.login();
  }

  @AfterEach
  void stop() {
    connection.logoff();
    sim.close();
    agi.close();
  }

  @Test
  void aMemberWhoAnswersIsConnectedAndNamedInAgentConnect() throws Exception {
    sim.staffPhones().add(StaffPhone.neverAnswering("staff2"));
    sim.staffPhones().add(StaffPhone.answering("staff1", 200, 300).named("Wang Li"));

    CallRecord call = originate("tf-1-aa");

    QueueCallerJoinEvent join = awaitEvent(QueueCallerJoinEvent.class);
    assertThat(join.getQueue()).isEqualTo("tanfang-staff");
    assertThat(join.getUniqueId()).isEqualTo("tf-1-aa");
    assertThat(join.getPosition()).isEqualTo(1);
    assertThat(join.getCount()).isEqualTo(1);
    AgentCalledEvent first = awaitEvent(AgentCalledEvent.class);
    assertThat(first.getQueue()).isEqualTo("tanfang-staff");
    assertThat(first.getMemberName()).isEqualTo("staff2");
    assertThat(first.getInterface()).isEqualTo("PJSIP/staff2");
    assertThat(first.getUniqueId()).isEqualTo("tf-1-aa");
    assertThat(first.getDestChannel()).startsWith("PJSIP/staff2-");
    assertThat(first.getDestLinkedId()).isEqualTo("tf-1-aa");
    AgentRingNoAnswerEvent rna = awaitEvent(AgentRingNoAnswerEvent.class);
    assertThat(rna.getMemberName()).isEqualTo("staff2");
    assertThat(rna.getRingtime()).isBetween(500L, 2000L); // ms, as app_queue reports it
    AgentConnectEvent connect = awaitEvent(AgentConnectEvent.class);
    assertThat(connect.getQueue()).isEqualTo("tanfang-staff");
    assertThat(connect.getMemberName()).isEqualTo("Wang Li");
    assertThat(connect.getInterface()).isEqualTo("PJSIP/staff1");
    assertThat(connect.getUniqueId()).isEqualTo("tf-1-aa");
    assertThat(connect.getLinkedId()).isEqualTo("tf-1-aa");
    assertThat(connect.getHoldTime()).isNotNull();
    assertThat(connect.getRingtime()).isNotNull();
    assertThat(connect.getDestChannel()).startsWith("PJSIP/staff1-");
    AgentCompleteEvent complete = awaitEvent(AgentCompleteEvent.class);
    assertThat(complete.getReason()).isEqualTo("agent");
    assertThat(complete.getTalkTime()).isNotNull();
    awaitEnd(call);

    assertThat(names())
        .containsSubsequence(
            "QueueCallerJoinEvent",
            "AgentCalledEvent",
            "DialBeginEvent",
            "AgentRingNoAnswerEvent",
            "DialEndEvent",
            "AgentCalledEvent",
            "DialEndEvent",
            "QueueCallerLeaveEvent",
            "AgentConnectEvent",
            "AgentCompleteEvent",
            "HangupEvent");
    assertThat(call.agentsCalled()).containsExactly("staff2", "Wang Li");
    assertThat(call.answeredBy()).isEqualTo("Wang Li");
    assertThat(call.queueResult()).isEqualTo("CONNECTED");
    assertThat(followUps).isEmpty();
  }

  @Test
  void nobodyAnsweringTimesOutAndRunsTheFollowUpAgi() throws Exception {
    sim.staffPhones().add(StaffPhone.neverAnswering("staff1"));

    CallRecord call = originate("tf-2-bb");

    awaitEnd(call);
    assertThat(call.queueResult()).isEqualTo("TIMEOUT");
    assertThat(followUps).containsExactly("TIMEOUT");
    assertThat(call.agiRequests()).hasSize(2);
    assertThat(call.agiRequests().get(1)).endsWith("/transfer-unanswered");
    assertThat(call.prompts()).endsWith("/prompts/cmn/staff-callback");
    assertThat(awaitEvent(QueueCallerLeaveEvent.class).getCount()).isZero();
    assertThat(events).noneMatch(e -> e instanceof AgentConnectEvent);
    // As app_queue does (trace 06b): each unanswered ring ends in DialEnd NOANSWER then CANCEL,
    // and the timeout itself is reported as QueueCallerAbandon before QueueCallerLeave.
    List<String> statuses =
        events.stream()
            .filter(
                e -> e instanceof DialEndEvent d && d.getDestChannel().startsWith("PJSIP/staff"))
            .map(e -> ((DialEndEvent) e).getDialStatus())
            .toList();
    assertThat(statuses).isNotEmpty().hasSize(statuses.size() / 2 * 2);
    for (int i = 0; i < statuses.size(); i += 2) {
      assertThat(statuses.subList(i, i + 2)).containsExactly("NOANSWER", "CANCEL");
    }
    assertThat(names()).containsSubsequence("QueueCallerAbandonEvent", "QueueCallerLeaveEvent");
  }

  @Test
  void withIvrAppUnreachableTheDialplanQueuesAndPlaysTheBusyPrompt() throws Exception {
    // Nobody listens for FastAGI: the check-in AGI fails (AGISTATUS=FAILURE), so the dialplan
    // queues the call with its default timeout, and the follow-up AGI fails too: staff-busy.
    try (AsteriskSim dead =
        AsteriskSim.builder()
            .amiPort(0)
            .user("tanfang", "secret")
            .agi("127.0.0.1", TestAgiServer.freePort())
            .callee(ELDER, CalleeScript.answers().build())
            .staffPhone(StaffPhone.neverAnswering("staff1"))
            .staffQueue(q -> q.defaultQueueTimeoutSeconds(1).memberTimeoutMs(300))
            .build()
            .start()) {
      ManagerConnection c =
          new ManagerConnectionFactory("127.0.0.1", dead.amiPort(), "tanfang", "secret")
              .createManagerConnection();
      c.login();
      try {
        c.sendAction(originateAction("tf-3-cc"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !dead.callsTo(ELDER).isEmpty());
        CallRecord call = dead.callsTo(ELDER).get(0);
        await().atMost(Duration.ofSeconds(8)).until(call::ended);
        assertThat(call.queueResult()).isEqualTo("TIMEOUT");
        assertThat(call.agentsCalled()).isNotEmpty();
        assertThat(call.prompts())
            .containsExactly("/var/lib/asterisk/sounds/tanfang/cmn/staff-busy");
      } finally {
        c.logoff();
      }
    }
  }

  @Test
  void theCallerHangingUpWhileQueuedAbandons() throws Exception {
    sim.staffPhones().add(StaffPhone.neverAnswering("staff1"));
    CallRecord call = originate("tf-4-dd");
    awaitEvent(AgentCalledEvent.class);

    sim.hangup(ELDER);

    QueueCallerAbandonEvent abandon = awaitEvent(QueueCallerAbandonEvent.class);
    assertThat(abandon.getQueue()).isEqualTo("tanfang-staff");
    assertThat(abandon.getUniqueId()).isEqualTo("tf-4-dd");
    assertThat(abandon.getPosition()).isEqualTo(1);
    assertThat(abandon.getOriginalPosition()).isEqualTo(1);
    assertThat(abandon.getHoldTime()).isNotNull();
    awaitEnd(call);
    assertThat(call.queueResult()).isEqualTo("ABANDONED");
    assertThat(names())
        .containsSubsequence(
            "AgentCalledEvent",
            "DialEndEvent",
            "QueueCallerAbandonEvent",
            "QueueCallerLeaveEvent",
            "HangupEvent");
    assertThat(events)
        .filteredOn(
            e -> e instanceof DialEndEvent d && d.getDestChannel().startsWith("PJSIP/staff"))
        .singleElement()
        .satisfies(e -> assertThat(((DialEndEvent) e).getDialStatus()).isEqualTo("CANCEL"));
    assertThat(followUps).isEmpty();
  }

  @Test
  void theQueueEventsCarryAppQueuesHeadersInOrder() throws Exception {
    sim.staffPhones().add(StaffPhone.answering("staff1", 100, 100));
    try (RawAmiClient raw = new RawAmiClient(sim.amiPort())) {
      raw.send("Action: Login", "Username: tanfang", "Secret: secret");
      assertThat(raw.response().get("Response")).isEqualTo("Success");
      originate("tf-5-ee");
      AmiMessage connect = raw.event("AgentConnect");
      List<String> names = connect.headers().stream().map(AmiMessage.Header::name).toList();
      assertThat(connect.get("Privilege")).isEqualTo("agent,all");
      assertThat(names)
          .containsSubsequence(
              "Channel",
              "Uniqueid",
              "Linkedid",
              "DestChannel",
              "DestUniqueid",
              "DestLinkedid",
              "Queue",
              "Interface",
              "MemberName",
              "HoldTime",
              "RingTime");
      AmiMessage complete = raw.event("AgentComplete");
      assertThat(complete.headers().stream().map(AmiMessage.Header::name).toList())
          .containsSubsequence(
              "Queue", "Interface", "MemberName", "HoldTime", "TalkTime", "Reason");
    }
  }

  private CallRecord originate(String channelId) throws Exception {
    connection.sendAction(originateAction(channelId));
    await().atMost(Duration.ofSeconds(5)).until(() -> !sim.callsTo(ELDER).isEmpty());
    return sim.callsTo(ELDER).get(sim.callsTo(ELDER).size() - 1);
  }

  private static OriginateAction originateAction(String channelId) {
    OriginateAction a = new OriginateAction();
    a.setChannel("PJSIP/" + ELDER + "@trunk");
    a.setContext("tanfang-checkin");
    a.setExten("s");
    a.setPriority(1);
    a.setTimeout(5000L);
    a.setAsync(true);
    a.setChannelId(channelId);
    return a;
  }

  /** The sim logs the end as it sends it; this client hears the caller's Hangup a moment later. */
  private void awaitEnd(CallRecord call) {
    await()
        .atMost(Duration.ofSeconds(8))
        .until(
            () ->
                call.ended()
                    && events.stream()
                        .anyMatch(
                            e ->
                                e instanceof HangupEvent h
                                    && call.channel().equals(h.getChannel())));
  }

  private <T extends ManagerEvent> T awaitEvent(Class<T> type) {
    await().atMost(Duration.ofSeconds(8)).until(() -> events.stream().anyMatch(type::isInstance));
    return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private List<String> names() {
    return events.stream().map(e -> e.getClass().getSimpleName()).toList();
  }

  @SuppressWarnings("unused")
  private static boolean isHangup(ManagerEvent e) {
    return e instanceof HangupEvent;
  }
}
