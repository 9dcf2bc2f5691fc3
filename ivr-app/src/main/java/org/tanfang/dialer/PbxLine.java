package org.tanfang.dialer;

import java.io.IOException;
import java.util.function.BiConsumer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.SendActionCallback;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ManagerEvent;
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

  private final PbxProperties pbx;
  private final ManagerConnection connection;
  private final BiConsumer<PbxLine, ManagerEvent> events;
  private volatile boolean warned;

  PbxLine(PbxProperties pbx, BiConsumer<PbxLine, ManagerEvent> events) {
    this.pbx = pbx;
    this.events = events;
    this.connection =
        new ManagerConnectionFactory(pbx.host(), pbx.port(), pbx.username(), pbx.secret())
            .createManagerConnection();
    connection.setSocketTimeout(CONNECT_TIMEOUT_MS);
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

  @Override
  public void onManagerEvent(ManagerEvent event) {
    events.accept(this, event);
  }

  synchronized void close() {
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
