package org.tanfang.asterisksim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AMI PJSIPShowRegistrationsOutbound on the wire, as the Asterisk 22 documentation describes it: a
 * list ack, one OutboundRegistrationDetail per registration, OutboundRegistrationDetailComplete.
 */
class OutboundRegistrationsTest {
  private AsteriskSim sim;

  @BeforeEach
  void start() throws Exception {
    sim = AsteriskSim.builder().amiPort(0).user("tanfang", "secret").build().start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private RawAmiClient loggedIn() throws Exception {
    RawAmiClient c = new RawAmiClient(sim.amiPort());
    c.send("Action: Login", "Username: tanfang", "Secret: secret", "Events: off");
    assertThat(c.response().get("Response")).isEqualTo("Success");
    return c;
  }

  @Test
  void eachRegistrationIsOneDetailEventThenTheListCompletes() throws Exception {
    sim.outboundRegistration(
        "carrier", "sip:carrier.example", "sip:1234@carrier.example", "Registered");
    sim.outboundRegistration("backup", "sip:backup.example", "sip:1234@backup.example", "Rejected");

    try (RawAmiClient c = loggedIn()) {
      c.send("Action: PJSIPShowRegistrationsOutbound", "ActionID: r1");
      AmiMessage ack = c.response();
      assertThat(ack.get("Response")).isEqualTo("Success");
      assertThat(ack.get("EventList")).isEqualTo("start");
      assertThat(ack.get("ActionID")).isEqualTo("r1");

      AmiMessage first = c.event("OutboundRegistrationDetail");
      assertThat(first.get("ActionID")).isEqualTo("r1");
      assertThat(first.get("ObjectType")).isEqualTo("registration");
      assertThat(first.get("ObjectName")).isEqualTo("carrier");
      assertThat(first.get("ServerUri")).isEqualTo("sip:carrier.example");
      assertThat(first.get("Status")).isEqualTo("Registered");
      AmiMessage second = c.read();
      assertThat(second.get("Event")).isEqualTo("OutboundRegistrationDetail");
      assertThat(second.get("ObjectName")).isEqualTo("backup");
      assertThat(second.get("Status")).isEqualTo("Rejected");
      AmiMessage done = c.read();
      assertThat(done.get("Event")).isEqualTo("OutboundRegistrationDetailComplete");
      assertThat(done.get("EventList")).isEqualTo("Complete");
      assertThat(done.get("ListItems")).isEqualTo("2");
      assertThat(done.get("ActionID")).isEqualTo("r1");
    }
  }

  @Test
  void aChangeIsSeenOnlyByAskingAndNoneListedIsAnEmptyList() throws Exception {
    try (RawAmiClient c = loggedIn()) {
      c.send("Action: PJSIPShowRegistrationsOutbound", "ActionID: r2");
      assertThat(c.response().get("EventList")).isEqualTo("start");
      AmiMessage done = c.read();
      assertThat(done.get("Event")).isEqualTo("OutboundRegistrationDetailComplete");
      assertThat(done.get("ListItems")).isEqualTo("0");

      sim.outboundRegistration(
          "carrier", "sip:carrier.example", "sip:1234@carrier.example", "Rejected");
      sim.outboundRegistration(
          "carrier", "sip:carrier.example", "sip:1234@carrier.example", "Registered");
      c.send("Action: PJSIPShowRegistrationsOutbound", "ActionID: r3");
      assertThat(c.response().get("ActionID")).isEqualTo("r3");
      AmiMessage only = c.read();
      assertThat(only.get("Status")).as("the latest status, one object").isEqualTo("Registered");
      assertThat(c.read().get("ListItems")).isEqualTo("1");
    }
  }
}
