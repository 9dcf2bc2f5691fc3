package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Originates to {@code PJSIP/<number>@trunk} through Asterisk-Java over a real socket and checks
 * the events, their order, the Cause and the Reason Asterisk 22.10.1 derives from each SIP answer
 * of the carrier (README "PJSIP trunk").
 */
class PjsipTrunkTest {

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
            .callee("1001", CalleeScript.busy())
            .callee("1002", CalleeScript.unallocated())
            .callee("1003", CalleeScript.congestion())
            .callee("1004", CalleeScript.declined())
            .callee("1005", CalleeScript.noAnswer())
            .callee("1006", CalleeScript.answers().afterMs(50).hangUpAfterCommands(1).build())
            .build()
            .start();
    for (int status : new int[] {480, 484, 408, 500, 502, 403, 487, 600}) {
      sim.callees().put("2" + status, CalleeScript.rejects(status));
    }
    sim.callees().put("3183", CalleeScript.rejects(SipReply.after(183, 486)));
    sim.callees().put("3180", CalleeScript.rejects(SipReply.after(180, 404)));
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

  @ParameterizedTest(name = "{0}: SIP {1} -> cause {2}, DialEnd {3}, Reason 0")
  @CsvSource({
    "1001, 486, 17, BUSY",
    "1002, 404, 1, NOANSWER",
    "1003, 503, 34, CONGESTION",
    "1004, 603, 21, NOANSWER",
    "2480, 480, 19, NOANSWER",
    "2484, 484, 28, NOANSWER",
    "2408, 408, 18, NOANSWER",
    "2500, 500, 38, NOANSWER",
    "2502, 502, 27, NOANSWER",
    "2403, 403, 21, NOANSWER",
    "2487, 487, 127, NOANSWER",
    "2600, 600, 17, BUSY"
  })
  void aFinalFailureResponseGivesItsCauseAndReasonZero(
      String number, int status, int cause, String dialStatus) throws Exception {
    String id = originate(number, 5000);
    List<ManagerEvent> call = awaitSettled(id);

    List<String> names = names(call);
    boolean rang = number.equals("1004");
    List<String> before =
        rang
            ? List.of(
                "Newchannel",
                "NewCallerid",
                "NewConnectedLine",
                "DialBegin",
                "Newstate",
                "DialState")
            : List.of("Newchannel", "NewCallerid", "NewConnectedLine", "DialBegin");
    assertThat(names.subList(0, before.size())).isEqualTo(before);
    assertThat(names.subList(before.size(), names.size()))
        .containsExactlyInAnyOrder("HangupRequest", "DialEnd", "Hangup", "OriginateResponse");
    assertInOrder(names, "HangupRequest", "DialEnd", "Hangup");
    assertInOrder(names, "HangupRequest", "OriginateResponse");

    assertThat(get(event(call, "HangupRequest"), "getCause")).isEqualTo(cause);
    assertThat(get(event(call, "DialEnd"), "getDialStatus")).isEqualTo(dialStatus);
    assertThat(get(event(call, "Hangup"), "getCause")).isEqualTo(cause);
    assertThat(get(event(call, "Hangup"), "getCauseTxt")).isEqualTo(HangupCause.of(cause).text());
    OriginateResponseEvent r = (OriginateResponseEvent) event(call, "OriginateResponse");
    assertThat(r.getResponse()).isEqualTo("Failure");
    assertThat(r.getReason()).isZero();
    assertThat(r.getChannel()).isEqualTo("PJSIP/" + number + "@trunk");
    assertThat(sim.callsTo(number))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.hangupCause().code()).isEqualTo(cause);
              assertThat(c.outcome()).isEqualTo(CallOutcome.of(cause));
            });
  }

  @ParameterizedTest(name = "{1} Session Progress / Ringing, then {2}")
  @CsvSource({"3183, PROGRESS, 17, BUSY", "3180, RINGING, 1, NOANSWER"})
  void aProvisionalResponseComesFirst(String number, String state, int cause, String dialStatus)
      throws Exception {
    String id = originate(number, 5000);
    List<ManagerEvent> call = awaitSettled(id);

    List<String> names = names(call);
    List<String> head =
        state.equals("RINGING")
            ? List.of("DialBegin", "Newstate", "DialState", "HangupRequest")
            : List.of("DialBegin", "DialState", "HangupRequest");
    assertThat(names.subList(3, 3 + head.size())).isEqualTo(head);
    assertThat(get(event(call, "DialState"), "getDialStatus")).isEqualTo(state);
    assertThat(get(event(call, "DialEnd"), "getDialStatus")).isEqualTo(dialStatus);
    assertThat(get(event(call, "Hangup"), "getCause")).isEqualTo(cause);
    assertThat(((OriginateResponseEvent) event(call, "OriginateResponse")).getReason()).isZero();
  }

  @Test
  void theOriginateTimeoutCancelsWithCause19AndReason3AndNoDialEnd() throws Exception {
    String id = originate("1005", 300);
    List<ManagerEvent> call = awaitSettled(id);

    List<String> names = names(call);
    assertThat(names.subList(0, 6))
        .containsExactly(
            "Newchannel", "NewCallerid", "NewConnectedLine", "DialBegin", "Newstate", "DialState");
    assertThat(names.subList(6, names.size()))
        .containsExactlyInAnyOrder("Hangup", "OriginateResponse");
    assertThat(get(event(call, "Hangup"), "getCause")).isEqualTo(19);
    OriginateResponseEvent r = (OriginateResponseEvent) event(call, "OriginateResponse");
    assertThat(r.getResponse()).isEqualTo("Failure");
    assertThat(r.getReason()).isEqualTo(3);
  }

  @Test
  void anAnsweredCallEndedByTheFarEndsByeIsNormalClearing() throws Exception {
    String id = originate("1006", 5000);
    await().atMost(Duration.ofSeconds(10)).until(() -> names(of(id)).contains("Hangup"));
    List<String> names = names(of(id));

    assertThat(names.subList(0, 4))
        .containsExactly("Newchannel", "NewCallerid", "NewConnectedLine", "DialBegin");
    assertThat(names.subList(4, names.size()))
        .isIn(
            List.of(
                "Newstate",
                "DialState",
                "Newstate",
                "DialEnd",
                "OriginateResponse",
                "HangupRequest",
                "Hangup"),
            List.of(
                "Newstate",
                "DialState",
                "Newstate",
                "OriginateResponse",
                "DialEnd",
                "HangupRequest",
                "Hangup"));
    List<ManagerEvent> call = of(id);
    assertThat(get(event(call, "DialEnd"), "getDialStatus")).isEqualTo("ANSWER");
    OriginateResponseEvent r = (OriginateResponseEvent) event(call, "OriginateResponse");
    assertThat(r.getResponse()).isEqualTo("Success");
    assertThat(r.getReason()).isEqualTo(4);
    assertThat(get(event(call, "HangupRequest"), "getCause")).isEqualTo(16);
    assertThat(get(event(call, "Hangup"), "getCause")).isEqualTo(16);
  }

  @Test
  void everyOrderOfARejectionIsOneOfTheScripts() throws Exception {
    // The seeded order random varies the response's place among DialEnd and Hangup.
    java.util.Set<List<String>> seen = new java.util.HashSet<>();
    for (int i = 0; i < 12; i++) {
      List<String> names = names(awaitSettled(originate("1001", 5000)));
      List<String> tail = names.subList(4, names.size());
      assertThat(
              PjsipScripts.REJECTED.orders().stream()
                  .map(o -> o.stream().map(PjsipTrunkTest::eventName).toList()))
          .contains(tail);
      seen.add(tail);
    }
    assertThat(seen).hasSizeGreaterThan(1);
  }

  private static String eventName(PjsipScripts.Kind k) {
    return switch (k) {
      case NEWSTATE -> "Newstate";
      case DIAL_STATE -> "DialState";
      case DIAL_END -> "DialEnd";
      case HANGUP_REQUEST -> "HangupRequest";
      case HANGUP -> "Hangup";
      case ORIGINATE_RESPONSE -> "OriginateResponse";
    };
  }

  private int seq;

  private String originate(String number, long timeoutMs) throws Exception {
    String id = "pjsip-" + number + "-" + seq++;
    var a = OriginateTest.originate(number, id, true, timeoutMs);
    assertThat(connection.sendAction(a).getResponse()).isEqualTo("Success");
    return id;
  }

  private List<ManagerEvent> awaitSettled(String id) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              List<String> n = names(of(id));
              return n.contains("OriginateResponse") && n.contains("Hangup");
            });
    return of(id);
  }

  /**
   * The events about the originate's channel (by Uniqueid, or DestUniqueid for Dial events);
   * Asterisk-Java also raises a legacy DialEvent for each DialBegin, which is left out.
   */
  private List<ManagerEvent> of(String id) {
    return events.stream()
        .filter(e -> !e.getClass().getSimpleName().equals("DialEvent"))
        .filter(e -> id.equals(idOf(e)))
        .toList();
  }

  private static String idOf(ManagerEvent e) {
    Object dest = get(e, "getDestUniqueId");
    return dest != null ? (String) dest : (String) get(e, "getUniqueId");
  }

  private static List<String> names(List<ManagerEvent> call) {
    return call.stream().map(PjsipTrunkTest::name).toList();
  }

  private static String name(ManagerEvent e) {
    String n = e.getClass().getSimpleName().replaceFirst("Event$", "");
    return switch (n) {
      case "NewChannel" -> "Newchannel";
      case "NewState" -> "Newstate";
      case "NewCallerId" -> "NewCallerid";
      default -> n;
    };
  }

  private static ManagerEvent event(List<ManagerEvent> call, String name) {
    return call.stream().filter(e -> name(e).equals(name)).findFirst().orElseThrow();
  }

  private static void assertInOrder(List<String> names, String... order) {
    int last = -1;
    for (String n : order) {
      int i = names.indexOf(n);
      assertThat(i).as(n + " in " + names).isGreaterThan(last);
      last = i;
    }
  }

  private static Object get(ManagerEvent e, String getter) {
    try {
      Method m = e.getClass().getMethod(getter);
      return m.invoke(e);
    } catch (NoSuchMethodException x) {
      return null;
    } catch (ReflectiveOperationException x) {
      throw new IllegalStateException(x);
    }
  }
}
