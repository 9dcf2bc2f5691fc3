package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Click-to-call: an Originate rings the staff phone into [tanfang-callback], whose Dial() rings the
 * elder; both legs are in the call log and the Dial events name both channels.
 */
class CallBackDialTest {

  private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();
  private AsteriskSim sim;
  private ManagerConnection connection;

  @BeforeEach
  void start() throws Exception {
    sim =
        AsteriskSim.builder()
            .amiPort(0)
            .user("tanfang", "secret")
            .agi("127.0.0.1", TestAgiServer.freePort())
            .staffPhone(StaffPhone.answering("staff1", 100, 300))
            .callee("13800000001", CalleeScript.answers().afterMs(100).build())
            .callee("13800000002", CalleeScript.busy())
            .callee("13800000003", CalleeScript.noAnswer())
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
  }

  @ParameterizedTest
  @CsvSource({"13800000001, ANSWER", "13800000002, BUSY", "13800000003, NOANSWER"})
  void theStaffPhoneRingsFirstThenTheElder(String elder, String dialStatus) throws Exception {
    OriginateAction a = new OriginateAction();
    a.setChannel("PJSIP/staff1");
    a.setContext("tanfang-callback");
    a.setExten(elder);
    a.setPriority(1);
    a.setTimeout(5000L);
    a.setAsync(true);
    a.setChannelId("tfcb-1-ab");
    a.setCallerId("Tanfang <12349>");
    a.setVariable("TANFANG_DIAL_TIMEOUT", "1");
    a.setVariable("TANFANG_ESCALATION_ID", "7");
    connection.sendAction(a);

    await()
        .atMost(Duration.ofSeconds(8))
        .until(() -> sim.calls().stream().allMatch(CallRecord::ended) && sim.calls().size() == 2);
    CallRecord staff = sim.callsTo("staff1").get(0);
    CallRecord leg = sim.callsTo(elder).get(0);
    assertThat(staff.originate().context()).isEqualTo("tanfang-callback");
    assertThat(staff.originate().variables()).containsEntry("TANFANG_ESCALATION_ID", "7");
    assertThat(staff.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(leg.originate()).isNull();
    assertThat(leg.dialedBy()).isEqualTo(staff.channel());
    assertThat(leg.channel()).startsWith("PJSIP/trunk-");
    assertThat(sim.calls()).containsExactly(staff, leg);
    // The sim's log is written as it sends; the events reach this client a moment later.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(events)
                    .filteredOn(HangupEvent.class::isInstance)
                    .extracting(e -> ((HangupEvent) e).getChannel())
                    .contains(leg.channel(), staff.channel()));

    assertThat(events)
        .filteredOn(OriginateResponseEvent.class::isInstance)
        .singleElement()
        .satisfies(
            e -> assertThat(((OriginateResponseEvent) e).getUniqueId()).isEqualTo("tfcb-1-ab"));
    DialBeginEvent begin =
        events.stream()
            .filter(e -> e instanceof DialBeginEvent d && "tfcb-1-ab".equals(d.getUniqueId()))
            .map(DialBeginEvent.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(begin.getDestChannel()).isEqualTo(leg.channel());
    assertThat(begin.getDialString()).isEqualTo(elder + "@trunk");
    assertThat(begin.getDestLinkedId()).isEqualTo("tfcb-1-ab");
    DialEndEvent end =
        events.stream()
            .filter(e -> e instanceof DialEndEvent d && "tfcb-1-ab".equals(d.getUniqueId()))
            .map(DialEndEvent.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(end.getDialStatus()).isEqualTo(dialStatus);
  }
}
