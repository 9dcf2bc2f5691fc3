package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Originates through Asterisk-Java and checks the outcome events a real Asterisk 22 sends. */
class OriginateTest {

  private AsteriskSim sim;
  private TestAgiServer agi;
  private ManagerConnection connection;
  private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    agi = new TestAgiServer("checkin", (request, channel) -> channel.answer());
    sim =
        AsteriskSim.builder()
            .amiPort(0)
            .user("tanfang", "secret")
            .agi("127.0.0.1", agi.port())
            .callee("13800000001", CalleeScript.answers().afterMs(100).build())
            .callee("13800000002", CalleeScript.busy())
            .callee("13800000003", CalleeScript.noAnswer())
            .callee("13800000004", CalleeScript.congestion())
            .callee("13800000005", CalleeScript.unallocated())
            .callee("13800000006", CalleeScript.answers().afterMs(5000).build())
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

  @ParameterizedTest
  @CsvSource({
    "13800000001, Success, 4, 16",
    "13800000002, Failure, 0, 17",
    "13800000003, Failure, 3, 19",
    "13800000004, Failure, 0, 34",
    "13800000005, Failure, 0, 1",
    "13800000006, Failure, 3, 19"
  })
  void asyncOriginateReportsTheOutcome(String number, String response, int reason, int cause)
      throws Exception {
    String channelId = "call-" + number;
    ManagerResponse queued = connection.sendAction(originate(number, channelId, true, 400));
    assertThat(queued.getResponse()).isEqualTo("Success");

    OriginateResponseEvent outcome = awaitEvent(OriginateResponseEvent.class, channelId);
    assertThat(outcome.getResponse()).isEqualTo(response);
    assertThat(outcome.getReason()).isEqualTo(reason);
    assertThat(outcome.getUniqueId()).isEqualTo(channelId);
    assertThat(outcome.getContext()).isEqualTo("checkin");
    assertThat(outcome.getCallerIdNum()).isEqualTo("4000");

    HangupEvent hangup = awaitEvent(HangupEvent.class, channelId);
    assertThat(hangup.getCause()).isEqualTo(cause);
    assertThat(sim.callsTo(number)).singleElement().satisfies(c -> assertThat(c.ended()).isTrue());
  }

  @Test
  void aFailedCallWithoutChannelIdHasNoUniqueid() throws Exception {
    OriginateAction action = originate("13800000002", null, true, 400);
    action.setActionId("busy-1");
    connection.sendAction(action);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                find(OriginateResponseEvent.class, e -> "busy-1".equals(e.getActionId()))
                    .isPresent());
    OriginateResponseEvent e =
        find(OriginateResponseEvent.class, x -> "busy-1".equals(x.getActionId())).orElseThrow();
    assertThat(e.getUniqueId()).isNull();
    assertThat(e.getChannel()).isEqualTo("PJSIP/13800000002@trunk");
  }

  @Test
  void originateVariablesReachTheChannel() throws Exception {
    OriginateAction action = originate("13800000001", "vars-1", true, 2000);
    action.setVariable("ELDER_ID", "42");
    action.setVariable("CHANNEL(language)", "zh");
    connection.sendAction(action);

    NewChannelEvent created = awaitEvent(NewChannelEvent.class, "vars-1");
    assertThat(created.getChannel()).startsWith("PJSIP/trunk-");
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.callsTo("13800000001").get(0).ended());
    CallRecord call = sim.callsTo("13800000001").get(0);
    assertThat(call.originate().variables())
        .containsEntry("ELDER_ID", "42")
        .containsEntry("CHANNEL(language)", "zh");
    assertThat(call.variablesAtAgiEnd()).containsEntry("ELDER_ID", "42");
  }

  @Test
  void syncOriginateRepliesOnlyOnceAnsweredOrFailed() throws Exception {
    ManagerResponse answered =
        connection.sendAction(originate("13800000001", "sync-1", false, 2000), 10_000);
    assertThat(answered.getResponse()).isEqualTo("Success");
    assertThat(sim.callsTo("13800000001").get(0).outcome()).isEqualTo(CallOutcome.ANSWERED);

    ManagerResponse busy =
        connection.sendAction(originate("13800000002", "sync-2", false, 2000), 10_000);
    assertThat(busy.getResponse()).isEqualTo("Error");
    assertThat(busy.getMessage()).isEqualTo("Originate failed");
  }

  static OriginateAction originate(String number, String channelId, boolean async, long timeout) {
    OriginateAction a = new OriginateAction();
    a.setChannel("PJSIP/" + number + "@trunk");
    a.setContext("checkin");
    a.setExten("s");
    a.setPriority(1);
    a.setTimeout(timeout);
    a.setCallerId("Tanfang <4000>");
    a.setAsync(async);
    if (channelId != null) {
      a.setChannelId(channelId);
    }
    return a;
  }

  private <T extends ManagerEvent> T awaitEvent(Class<T> type, String uniqueId) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> find(type, e -> uniqueId.equals(uniqueIdOf(e))).isPresent());
    return find(type, e -> uniqueId.equals(uniqueIdOf(e))).orElseThrow();
  }

  private static String uniqueIdOf(ManagerEvent e) {
    if (e instanceof OriginateResponseEvent o) {
      return o.getUniqueId();
    }
    if (e instanceof HangupEvent h) {
      return h.getUniqueId();
    }
    if (e instanceof NewChannelEvent n) {
      return n.getUniqueId();
    }
    return null;
  }

  private <T extends ManagerEvent> Optional<T> find(
      Class<T> type, java.util.function.Predicate<T> match) {
    return events.stream().filter(type::isInstance).map(type::cast).filter(match).findFirst();
  }
}
