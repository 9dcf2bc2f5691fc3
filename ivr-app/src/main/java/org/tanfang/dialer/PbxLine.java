package org.tanfang.dialer;

import java.io.IOException;
import java.util.function.BiConsumer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.SendActionCallback;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMI connection to one PBX. Asterisk-Java reconnects by itself after a connection it had
 * logged in on drops; {@link #connectIfIdle()} covers the case it does not: the first login (or a
 * login after a failed one) while the PBX is down.
 */
final class PbxLine implements ManagerEventListener {
  private static final Logger log = LoggerFactory.getLogger(PbxLine.class);
  private static final int CONNECT_TIMEOUT_MS = 5000;
  private static final long LIST_TIMEOUT_MS = 10_000;

  private final PbxProperties pbx;
  private final ManagerConnection connection;
  private final BiConsumer<PbxLine, ManagerEvent> events;
  private final java.util.function.Consumer<PbxLine> loggedIn;
  private final java.util.function.Consumer<PbxLine> lost;
  private volatile boolean warned;
  private volatile boolean closing;

  /**
   * @param loggedIn told after every login, the first and each of Asterisk-Java's reconnects (it
   *     fires ConnectEvent once logged in); on the event thread, so it must not block
   * @param lost told when a logged-in connection drops (the PBX stopped, was killed, the network
   *     broke: Asterisk-Java's DisconnectEvent), never for this line's own logoff
   */
  PbxLine(
      PbxProperties pbx,
      BiConsumer<PbxLine, ManagerEvent> events,
      java.util.function.Consumer<PbxLine> loggedIn,
      java.util.function.Consumer<PbxLine> lost) {
    this.pbx = pbx;
    this.events = events;
    this.loggedIn = loggedIn;
    this.lost = lost;
    this.connection =
        new ManagerConnectionFactory(pbx.host(), pbx.port(), pbx.username(), pbx.secret())
            .createManagerConnection();
    connection.setSocketTimeout(CONNECT_TIMEOUT_MS);
    connection.registerUserEventClass(OutboundRegistrationDetailEvent.class);
    connection.registerUserEventClass(OutboundRegistrationDetailCompleteEvent.class);
    connection.addEventListener(this);
  }

  PbxProperties pbx() {
    return pbx;
  }

  String name() {
    return pbx.name();
  }

  boolean connected() {
    return connection.getState() == ManagerConnectionState.CONNECTED;
  }

  /** Logs in unless connected or already reconnecting. Never throws. */
  synchronized void connectIfIdle() {
    ManagerConnectionState state = connection.getState();
    if (state != ManagerConnectionState.INITIAL && state != ManagerConnectionState.DISCONNECTED) {
      return;
    }
    try {
      closing = false;
      connection.login();
      warned = false;
      log.info("AMI connected to {} ({}:{})", pbx.name(), pbx.host(), pbx.port());
    } catch (Exception e) {
      // Warn once per outage, not every few seconds.
      if (!warned) {
        log.warn(
            "AMI login to {} ({}:{}) failed: {}; retrying",
            pbx.name(),
            pbx.host(),
            pbx.port(),
            e.toString());
        warned = true;
      }
    }
  }

  void originate(OriginateAction action, SendActionCallback callback) throws IOException {
    connection.sendAction(action, callback);
  }

  /**
   * The unique ids of the channels the PBX carries now (CoreShowChannels; a Local channel's {@code
   * ;2} leg counts for its call). Blocks; not on the event thread.
   */
  java.util.Set<String> liveChannels() throws Exception {
    return liveChannelNames().keySet();
  }

  /**
   * The channels the PBX carries now: unique id (a Local channel's {@code ;2} leg under its call's
   * id) → channel name. Blocks; not on the event thread.
   */
  java.util.Map<String, String> liveChannelNames() throws Exception {
    ResponseEvents listed =
        connection.sendEventGeneratingAction(new CoreShowChannelsAction(), LIST_TIMEOUT_MS);
    ManagerResponse r = listed.getResponse();
    if (r == null || r instanceof ManagerError) {
      throw new IllegalStateException("CoreShowChannels refused: " + listed.getResponse());
    }
    java.util.Map<String, String> ids = new java.util.HashMap<>();
    for (ResponseEvent e : listed.getEvents()) {
      if (e instanceof CoreShowChannelEvent c && c.getUniqueid() != null) {
        String id = c.getUniqueid();
        ids.putIfAbsent(
            id.endsWith(";2") ? id.substring(0, id.length() - 2) : id,
            c.getChannel() == null ? id : c.getChannel());
      }
    }
    return ids;
  }

  /** Hangs up one channel by name (AMI Hangup); false when the PBX says it has no such channel. */
  boolean hangup(String channel) throws Exception {
    ManagerResponse r =
        connection.sendAction(
            new org.asteriskjava.manager.action.HangupAction(channel), LIST_TIMEOUT_MS);
    return r != null && !(r instanceof ManagerError);
  }

  /** False from a login until its reconcile is done: no call is placed on the line meanwhile. */
  private volatile boolean reconciled = true;

  boolean reconciled() {
    return reconciled;
  }

  void reconciled(boolean done) {
    reconciled = done;
  }

  /**
   * The PBX's PJSIP outbound registrations now (PJSIPShowRegistrationsOutbound). Blocks; not on the
   * event thread.
   *
   * @throws IllegalStateException when the PBX refuses the action (no
   *     res_pjsip_outbound_registration)
   */
  java.util.List<OutboundRegistrationDetailEvent> outboundRegistrations() throws Exception {
    ResponseEvents listed =
        connection.sendEventGeneratingAction(
            new PjsipShowRegistrationsOutboundAction(), LIST_TIMEOUT_MS);
    ManagerResponse r = listed.getResponse();
    if (r == null || r instanceof ManagerError) {
      throw new IllegalStateException(
          "PJSIPShowRegistrationsOutbound refused: " + (r == null ? "no answer" : r.getMessage()));
    }
    java.util.List<OutboundRegistrationDetailEvent> out = new java.util.ArrayList<>();
    for (ResponseEvent e : listed.getEvents()) {
      if (e instanceof OutboundRegistrationDetailEvent d) {
        out.add(d);
      }
    }
    return out;
  }

  @Override
  public void onManagerEvent(ManagerEvent event) {
    if (event instanceof ConnectEvent) {
      loggedIn.accept(this);
      return;
    }
    if (event instanceof DisconnectEvent && !closing) {
      log.warn("AMI connection to {} lost", pbx.name());
      lost.accept(this);
    }
    events.accept(this, event);
  }

  synchronized void close() {
    closing = true;
    ManagerConnectionState state = connection.getState();
    if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
      try {
        connection.logoff();
      } catch (RuntimeException e) {
        log.debug("AMI logoff from {} failed", pbx.name(), e);
      }
    }
  }
}
