package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.junit.jupiter.api.Test;

/** An Originate into a context runs the AGI script that context's dialplan would call. */
class ContextScriptTest {

  @Test
  void anOriginateIntoAMappedContextRunsThatContextsScript() throws Exception {
    AtomicReference<AgiRequest> got = new AtomicReference<>();
    try (TestAgiServer agi = new TestAgiServer("family", (request, channel) -> got.set(request));
        AsteriskSim sim =
            AsteriskSim.builder()
                .amiPort(0)
                .user("tanfang", "secret")
                .agi("127.0.0.1", agi.port())
                .contextScript("tanfang-family", "family")
                .build()
                .start()) {
      ManagerConnection ami =
          new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "tanfang", "secret")
              .createManagerConnection();
      ami.login();
      try {
        OriginateAction a = OriginateTest.originate("13900000021", "ctx-1", true, 5000);
        a.setContext("tanfang-family");
        ami.sendAction(a);

        await().atMost(Duration.ofSeconds(10)).until(() -> got.get() != null);
        assertThat(got.get().getScript()).isEqualTo("family");
        assertThat(got.get().getContext()).isEqualTo("tanfang-family");
        assertThat(got.get().getRequestURL())
            .isEqualTo("agi://127.0.0.1:" + agi.port() + "/family");
        assertThat(sim.config().agiUrl("tanfang-checkin"))
            .as("contexts not listed run the default script")
            .endsWith("/checkin");
      } finally {
        ami.logoff();
      }
    }
  }

  @Test
  void theNodeAgiVariableSendsTheCallsAgiToThatNodeAndTheConfiguredHostOtherwise()
      throws Exception {
    AtomicReference<AgiRequest> onNode = new AtomicReference<>();
    AtomicReference<AgiRequest> onConfigured = new AtomicReference<>();
    try (TestAgiServer node = new TestAgiServer("checkin", (request, c) -> onNode.set(request));
        TestAgiServer configured =
            new TestAgiServer("checkin", (request, c) -> onConfigured.set(request));
        AsteriskSim sim =
            AsteriskSim.builder()
                .amiPort(0)
                .user("tanfang", "secret")
                .agi("127.0.0.1", configured.port())
                .build()
                .start()) {
      ManagerConnection ami =
          new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "tanfang", "secret")
              .createManagerConnection();
      ami.login();
      try {
        OriginateAction a = OriginateTest.originate("13900000022", "ctx-2", true, 5000);
        a.setContext("tanfang-checkin");
        a.setVariable(SimConfig.NODE_AGI_VARIABLE, "agi://127.0.0.1:" + node.port());
        ami.sendAction(a);
        await().atMost(Duration.ofSeconds(10)).until(() -> onNode.get() != null);
        assertThat(onNode.get().getRequestURL())
            .isEqualTo("agi://127.0.0.1:" + node.port() + "/checkin");
        assertThat(onConfigured.get()).isNull();

        OriginateAction b = OriginateTest.originate("13900000023", "ctx-3", true, 5000);
        b.setContext("tanfang-checkin");
        ami.sendAction(b);
        await().atMost(Duration.ofSeconds(10)).until(() -> onConfigured.get() != null);
        assertThat(onConfigured.get().getRequestURL())
            .isEqualTo("agi://127.0.0.1:" + configured.port() + "/checkin");
      } finally {
        ami.logoff();
      }
    }
  }
}
