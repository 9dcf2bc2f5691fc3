package org.tanfang.callflow;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.asteriskjava.fastagi.AgiScript;
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
import org.tanfang.shared.CallLog;

/**
 * Asterisk-Java's FastAGI server serving {@link CheckinScript}, {@link FamilyScript} and {@link
 * TransferUnansweredScript}, bound to the configured address, closing every connection that does
 * not come from an allowed PBX before a byte is read. Measures every gap between a reply from the
 * PBX and our next command ({@code tanfang.agi.reply.gap}: the silence our side adds to a call),
 * and starts every conversation with a clean logging MDC ({@link CallLog}).
 */
@Component
public class FastAgiServer implements SmartLifecycle, org.tanfang.dialer.NodeAgi {
  private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);

  /**
   * The accept backlog at least: a wave of answered calls connects at once, faster than the accept
   * thread starts their pool threads (2,000 in 0.8 s in the load benchmark, where a backlog of 200
   * left 105 connections to time out); the backlog is {@code max-calls} when larger (the kernel
   * caps it at {@code net.core.somaxconn}; see {@link #backlog}).
   */
  static final int MIN_BACKLOG = 200;

  /**
   * Runs before each accept: a test holds the acceptor there (as a loaded machine does) to see how
   * many connections wait for it.
   */
  volatile Runnable beforeAccept = () -> {};

  private final AgiProperties props;
  private final CheckinScript script;
  private final FamilyScript family;
  private final TransferUnansweredScript unanswered;
  private final AllowedAddresses allowed;
  private final int port;
  private final Timer replyGap;
  private final io.micrometer.core.instrument.Clock meterClock;
  private AgiServerThread thread;

  FastAgiServer(
      AgiProperties props,
      CheckinScript script,
      FamilyScript family,
      TransferUnansweredScript unanswered,
      MeterRegistry registry) {
    this.props = props;
    this.meterClock = registry.config().clock();
    this.replyGap =
        Timer.builder("tanfang.agi.reply.gap")
            .description("Time from a reply of the PBX to the next AGI command we send")
            .publishPercentileHistogram()
            .minimumExpectedValue(java.time.Duration.ofMillis(1))
            .maximumExpectedValue(java.time.Duration.ofSeconds(10))
            .register(registry);
    io.micrometer.core.instrument.Gauge.builder("tanfang.agi.max.calls", props, p -> p.maxCalls())
        .description("Conversations this node's FastAGI server runs at once at most")
        .register(registry);
    this.script = script;
    this.family = family;
    this.unanswered = unanswered;
    this.allowed = new AllowedAddresses(props.allowed());
    this.port = props.port() == 0 ? freePort() : props.port();
  }

  /**
   * The listen backlog: as many connections as this node runs conversations (the kernel caps it at
   * {@code net.core.somaxconn}). With a backlog of 200, a typhoon round's 3,000 answered calls
   * reached FastAGI within seconds while the acceptor was behind; the connections past the backlog
   * were dropped, Asterisk's 2 s FastAGI connect timed out, and the elders who had answered heard
   * nothing, were held a minute and were called again (3,000-channel load benchmark: 3 of 9,000).
   */
  static int backlog(int maxCalls) {
    return Math.max(MIN_BACKLOG, maxCalls);
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
            freshLog(script),
            FamilyScript.NAME,
            freshLog(family),
            TransferUnansweredScript.NAME,
            freshLog(unanswered)));
    InetAddress bind = address(props.bindAddress());
    CountDownLatch bound = new CountDownLatch(1);
    AtomicReference<IOException> failure = new AtomicReference<>();
    DefaultAgiServer server =
        new DefaultAgiServer(mapping) {
          @Override
          protected ServerSocketFacade createServerSocket() throws IOException {
            try {
              return new AllowListSocket(
                  new ServerSocketFacadeImpl(port, backlog(props.maxCalls()), bind));
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

  /** Pool threads serve call after call: no attempt or visit of the last call stays in the MDC. */
  private static AgiScript freshLog(AgiScript script) {
    return (request, channel) -> {
      try (var scope = CallLog.fresh()) {
        script.service(request, channel);
      }
    };
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
        beforeAccept.run();
        SocketConnectionFacade socket = delegate.accept();
        if (allowed.allows(socket.getRemoteAddress())) {
          return new TimedConnection(socket);
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

  /**
   * A FastAGI connection that times each gap from the last line of a reply (or of the request) it
   * read to the next command written: our thinking time, which the elder hears as silence.
   */
  private final class TimedConnection implements SocketConnectionFacade {
    private final SocketConnectionFacade delegate;
    private long lastRead = -1;

    TimedConnection(SocketConnectionFacade delegate) {
      this.delegate = delegate;
    }

    @Override
    public String readLine() throws IOException {
      String line = delegate.readLine();
      lastRead = meterClock.monotonicTime();
      return line;
    }

    @Override
    public void write(String s) throws IOException {
      if (lastRead >= 0) {
        replyGap.record(meterClock.monotonicTime() - lastRead, TimeUnit.NANOSECONDS);
        lastRead = -1;
      }
      delegate.write(s);
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }

    @Override
    public boolean isConnected() {
      return delegate.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
      return delegate.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
      return delegate.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
      return delegate.getRemoteAddress();
    }

    @Override
    public int getRemotePort() {
      return delegate.getRemotePort();
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
