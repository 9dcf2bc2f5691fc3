package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.CoreSettingsAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.response.CoreSettingsResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmiLoginTest {

  private AsteriskSim sim;
  private ManagerConnection connection;

  @BeforeEach
  void start() {
    sim = AsteriskSim.builder().amiPort(0).user("tanfang", "secret").build().start();
  }

  @AfterEach
  void stop() {
    if (connection != null && connection.getState() == ManagerConnectionState.CONNECTED) {
      connection.logoff();
    }
    sim.close();
  }

  @Test
  void asteriskJavaLogsInWithChallengeAndPings() throws Exception {
    connection =
        new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "tanfang", "secret")
            .createManagerConnection();
    connection.login();

    assertThat(connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
    assertThat(connection.getProtocolIdentifier()).isEqualTo("Asterisk Call Manager/11.0.0");
    ManagerResponse pong = connection.sendAction(new PingAction());
    assertThat(pong.getResponse()).isEqualTo("Success");
    ManagerResponse settings = connection.sendAction(new CoreSettingsAction());
    assertThat(settings).isInstanceOf(CoreSettingsResponse.class);
    assertThat(((CoreSettingsResponse) settings).getAsteriskVersion()).isEqualTo("22.10.1");
  }

  @Test
  void wrongSecretFailsTheLogin() {
    connection =
        new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "tanfang", "wrong")
            .createManagerConnection();

    assertThatThrownBy(() -> connection.login())
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("Authentication failed");
  }

  @Test
  void plainLoginAndTheExactErrorTexts() throws Exception {
    try (RawAmiClient c = new RawAmiClient(sim.amiPort())) {
      assertThat(c.banner).isEqualTo("Asterisk Call Manager/11.0.0");

      c.send("Action: Ping", "ActionID: a1");
      AmiMessage denied = c.response();
      assertThat(denied.get("Response")).isEqualTo("Error");
      assertThat(denied.get("ActionID")).isEqualTo("a1");
      assertThat(denied.get("Message")).isEqualTo("Permission denied");

      c.send("Username: tanfang");
      assertThat(c.response().get("Message")).isEqualTo("Missing action in request");

      c.send("Action: Login", "Username: tanfang", "Secret: secret", "ActionID: a2");
      AmiMessage ok = c.response();
      assertThat(ok.get("Response")).isEqualTo("Success");
      assertThat(ok.get("Message")).isEqualTo("Authentication accepted");
      assertThat(c.event("FullyBooted").get("Status")).isEqualTo("Fully Booted");

      c.send("Action: Frobnicate", "ActionID: a3");
      assertThat(c.response().get("Message"))
          .isEqualTo(
              "Invalid/unknown command: Frobnicate. Use Action: ListCommands to show available"
                  + " commands.");

      c.send("Action: Command", "Command: core show version");
      AmiMessage version = c.response();
      assertThat(version.get("Output")).startsWith("Asterisk 22.10.1");

      c.send("Action: Logoff");
      AmiMessage bye = c.response();
      assertThat(bye.get("Response")).isEqualTo("Goodbye");
      assertThat(bye.get("Message")).isEqualTo("Thanks for all the fish.");
      assertThat(c.read()).isNull();
    }
  }

  @Test
  void dropsAndRefusesConnectionsThenTheClientReconnects() throws Exception {
    connection =
        new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "tanfang", "secret")
            .createManagerConnection();
    connection.login();
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.amiConnections() == 1);

    sim.refuseAmiConnections();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> connection.getState() == ManagerConnectionState.RECONNECTING);
    assertThatThrownBy(() -> new Socket("127.0.0.1", sim.amiPort()).close())
        .isInstanceOf(ConnectException.class);

    sim.restoreAmiConnections();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> connection.getState() == ManagerConnectionState.CONNECTED);

    sim.dropAmiConnections();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                connection.getState() == ManagerConnectionState.CONNECTED
                    && sim.amiConnections() == 1
                    && connection.sendAction(new PingAction()).getResponse().equals("Success"));
  }
}
