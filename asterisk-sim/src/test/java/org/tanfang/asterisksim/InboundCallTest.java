package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.junit.jupiter.api.Test;

/**
 * A call into the line runs [tanfang-inbound]: a PJSIP channel, its AGI environment, its events.
 */
class InboundCallTest {

  @Test
  void aCallIntoTheLineRunsTheInboundContextsAgiWithTheCallersNumber() throws Exception {
    AtomicReference<AgiRequest> got = new AtomicReference<>();
    AtomicReference<String> key = new AtomicReference<>();
    List<ManagerEvent> events = new CopyOnWriteArrayList<>();
    try (TestAgiServer agi =
            new TestAgiServer(
                "checkin",
                (request, channel) -> {
                  got.set(request);
                  key.set(channel.getData("/p/q", 3000, 1));
                });
        AsteriskSim sim =
            AsteriskSim.builder()
                .amiPort(0)
                .user("tanfang", "secret")
                .agi("127.0.0.1", agi.port())
                .callee("13800000077", CalleeScript.alwaysPress("1"))
                .build()
                .start()) {
      ManagerConnection ami =
          new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "tanfang", "secret")
              .createManagerConnection();
      ami.addEventListener(events::add);
      ami.login();
      try {
        CallRecord call = sim.callIn("13800000077", "089866120000");

        await().atMost(Duration.ofSeconds(10)).until(() -> call.hangupCause() != null);
        AgiRequest r = got.get();
        assertThat(r.getCallerIdNumber()).isEqualTo("13800000077");
        assertThat(r.getDnid()).isEqualTo("089866120000");
        assertThat(r.getContext()).isEqualTo("tanfang-inbound");
        assertThat(r.getExtension()).isEqualTo("s");
        assertThat(r.getPriority()).isEqualTo(3);
        assertThat(r.getChannel()).matches("PJSIP/trunk-[0-9a-f]{8}");
        assertThat(r.getType()).isEqualTo("PJSIP");
        assertThat(key.get()).isEqualTo("1");
        assertThat(call.inbound()).isTrue();
        assertThat(sim.callsTo("13800000077")).containsExactly(call);

        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> events.stream().anyMatch(HangupEvent.class::isInstance));
        List<ManagerEvent> mine =
            events.stream()
                .filter(
                    e ->
                        e instanceof NewChannelEvent
                            || e instanceof NewStateEvent
                            || e instanceof HangupEvent)
                .toList();
        assertThat(mine).hasSize(3);
        NewChannelEvent created = (NewChannelEvent) mine.get(0);
        assertThat(created.getChannelState()).isEqualTo(4);
        assertThat(created.getCallerIdNum()).isEqualTo("13800000077");
        assertThat(created.getExten()).isEqualTo("089866120000");
        assertThat(created.getContext()).isEqualTo("tanfang-inbound");
        assertThat(((NewStateEvent) mine.get(1)).getChannelState()).isEqualTo(6);
        assertThat(((HangupEvent) mine.get(2)).getCause()).isEqualTo(16);
        assertThat(events)
            .as("no OriginateResponse or Dial events for a call nobody originated")
            .noneMatch(e -> e.getClass().getSimpleName().matches("OriginateResponse.*|Dial.*"));
      } finally {
        ami.logoff();
      }
    }
  }
}
