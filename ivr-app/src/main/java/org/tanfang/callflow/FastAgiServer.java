package org.tanfang.callflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.asteriskjava.util.internal.ServerSocketFacadeImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Asterisk-Java's FastAGI server serving {@link CheckinScript}, {@link FamilyScript} and {@link
 * TransferUnansweredScript}, bound to the configured address, closing every connection that does
 * not come from an allowed PBX before a byte is read.
 */
@Component
public class FastAgiServer implements SmartLifecycle, org.tanfang.dialer.NodeAgi {
  private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
  private static final int BACKLOG = 200;

  private final AgiProperties props;
  private final CheckinScript script;
  private final FamilyScript family;
  private final TransferUnansweredScript unanswered;
  private final AllowedAddresses allowed;
  private final int port;
  private AgiServerThread thread;

  FastAgiServer(
      AgiProperties props,
      CheckinScript script,
      FamilyScript family,
      TransferUnansweredScript unanswered) {
    this.props = props;
    this.script = script;
    this.family = family;
    this.unanswered = unanswered;
    this.allowed = new AllowedAddresses(props.allowed());
    this.port = props.port() == 0 ? freePort() : props.port();
  }

  /** The port Asterisk must connect to (the chosen one when configured as 0). */
  public int port() {
    return port;
  }

  /** {@code agi://<advertise-host>:<port>} when {@code advertise-host} is set, else "". */
  @Override
  public String url() {
    String host = props.advertiseHost() == null ? "" : props.advertiseHost().trim();
    if (host.isEmpty()) {
      return "";
    }
    return "agi://"
        + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
        + ":"
        + port;
  }

  /** The script name in {@code agi://host:port/<name>}. */
  public static String scriptName() {
    return CheckinScript.NAME;
  }

  /** The family notification script's name, {@code agi://host:port/family}. */
  public static String familyScriptName() {
    return FamilyScript.NAME;
  }

  /** The script [tanfang-staff] runs when nobody in the staff queue answered. */
  public static String unansweredScriptName() {
    return TransferUnansweredScript.NAME;
  }

  @Override
  public synchronized void start() {
    SimpleMappingStrategy mapping = new SimpleMappingStrategy();
    mapping.setMappings(
        Map.of(
            CheckinScript.NAME,
            script,
            FamilyScript.NAME,
            family,
            TransferUnansweredScript.NAME,
            unanswered));
    InetAddress bind = address(props.bindAddress());
    CountDownLatch bound = new CountDownLatch(1);
    AtomicReference<IOException> failure = new AtomicReference<>();
    DefaultAgiServer server =
        new DefaultAgiServer(mapping) {
          @Override
          protected ServerSocketFacade createServerSocket() throws IOException {
            try {
              return new AllowListSocket(new ServerSocketFacadeImpl(port, BACKLOG, bind));
            } catch (IOException e) {
              failure.set(e);
              throw e;
            } finally {
              bound.countDown();
            }
          }
        };
    server.setPort(port);
    server.setAddress(bind);
    server.setPoolSize(Math.min(10, props.maxCalls()));
    server.setMaximumPoolSize(props.maxCalls());
    thread = new AgiServerThread(server);
    thread.setDaemon(true);
    thread.startup();
    // The server binds on its own thread: wait for it, so a taken port stops the start-up.
    try {
      if (!bound.await(10, TimeUnit.SECONDS) || failure.get() != null) {
        thread.shutdown();
        thread = null;
        throw new IllegalStateException(
            "FastAGI cannot listen on " + props.bindAddress() + ":" + port, failure.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting FastAGI", e);
    }
    log.info("FastAGI listening on {}:{}, accepting {}", props.bindAddress(), port, allowed);
  }

  @Override
  public synchronized void stop() {
    if (thread != null) {
      thread.shutdown();
      thread = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }

  /** Before the dialer, so answered calls find the script. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  private final class AllowListSocket implements ServerSocketFacade {
    private final ServerSocketFacade delegate;

    AllowListSocket(ServerSocketFacade delegate) {
      this.delegate = delegate;
    }

    @Override
    public SocketConnectionFacade accept() throws IOException {
      while (true) {
        SocketConnectionFacade socket = delegate.accept();
        if (allowed.allows(socket.getRemoteAddress())) {
          return socket;
        }
        log.warn(
            "Refused FastAGI connection from {} (not an allowed PBX)", socket.getRemoteAddress());
        socket.close();
      }
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }

    @Override
    public void setSocketReadTimeout(int timeout) {
      delegate.setSocketReadTimeout(timeout);
    }
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (IOException e) {
      throw new UncheckedIOException("tanfang.telephony.agi.bind-address " + host, e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
