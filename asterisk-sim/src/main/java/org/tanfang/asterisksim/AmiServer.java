package org.tanfang.asterisksim;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI TCP listener. Besides serving sessions it can drop every connection and stop listening
 * (so clients get "connection refused", as when Asterisk is down) and listen again on the same
 * port, for testing a client's reconnection.
 */
final class AmiServer implements Closeable {
  private final Set<AmiEvents.Category> readPermission;

  private static final Logger log = LoggerFactory.getLogger(AmiServer.class);

  private final SimConfig config;
  private final AmiEvents events;
  private final AmiCallActions callActions;
  private final ExecutorService threads;
  private final List<AmiSession> sessions = new CopyOnWriteArrayList<>();
  private final long bootMillis = System.currentTimeMillis();
  private volatile ServerSocket server;
  private volatile int port;

  AmiServer(
      SimConfig config,
      AmiEvents events,
      AmiCallActions callActions,
      ExecutorService threads,
      Set<AmiEvents.Category> readPermission) {
    this.readPermission = readPermission;
    this.config = config;
    this.events = events;
    this.callActions = callActions;
    this.threads = threads;
    this.port = config.amiPort();
  }

  synchronized void start() throws IOException {
    if (server != null) {
      return;
    }
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), port));
    port = s.getLocalPort();
    server = s;
    threads.execute(() -> acceptLoop(s));
    log.info("AMI listening on {}:{}", config.bindAddress(), port);
  }

  int port() {
    return port;
  }

  boolean listening() {
    return server != null;
  }

  int sessionCount() {
    return sessions.size();
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket socket = s.accept();
        socket.setTcpNoDelay(true);
        AmiSession session =
            new AmiSession(socket, config, events, callActions, bootMillis, readPermission);
        sessions.add(session);
        threads.execute(
            () -> {
              try {
                session.run();
              } finally {
                sessions.remove(session);
              }
            });
      } catch (IOException e) {
        if (!s.isClosed()) {
          log.warn("AMI accept failed: {}", e.getMessage());
        }
      }
    }
  }

  /** Closes every client connection; the listener stays up so clients may reconnect. */
  void dropConnections() {
    for (AmiSession s : sessions) {
      s.close();
    }
  }

  /** Stops listening (new connections are refused) and drops the current ones. */
  synchronized void refuseConnections() {
    ServerSocket s = server;
    server = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        log.debug("closing AMI listener: {}", e.getMessage());
      }
    }
    dropConnections();
  }

  /** Listens again, on the same port as before. */
  void acceptConnections() throws IOException {
    start();
  }

  @Override
  public void close() {
    refuseConnections();
  }
}
