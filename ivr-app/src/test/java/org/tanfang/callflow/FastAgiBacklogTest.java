package org.tanfang.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tanfang.testsupport.TanfangTest;

/**
 * A typhoon round answers thousands of calls within seconds, and each answered call connects to
 * FastAGI with Asterisk's 2 s connect timeout (res_agi's MAX_AGI_CONNECT): while the acceptor is
 * behind, the kernel must hold them all. With a listen backlog of 200, the connections past it were
 * dropped and timed out — the elder who had answered heard nothing and was called again
 * (3,000-channel load benchmark: 3 of 9,000). The acceptor is held here, as a loaded machine holds
 * it, while 400 calls connect at once.
 */
@TanfangTest
class FastAgiBacklogTest {
  private static final int CALLS = 400;

  @Autowired CheckinScript checkin;
  @Autowired FamilyScript family;
  @Autowired TransferUnansweredScript unanswered;

  @Test
  void givenTheAcceptorIsBehind_whenMaxCallsConnectAtOnce_thenEveryConnectSucceedsWithin2s()
      throws Exception {
    Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
    assumeTrue(
        !Files.exists(somaxconn)
            || Integer.parseInt(Files.readAllLines(somaxconn).get(0).trim()) >= CALLS,
        "net.core.somaxconn caps every listen backlog below " + CALLS);
    FastAgiServer agi =
        new FastAgiServer(
            new AgiProperties("127.0.0.1", 0, List.of("127.0.0.1"), CALLS, ""),
            checkin,
            family,
            unanswered,
            new SimpleMeterRegistry());
    CountDownLatch release = new CountDownLatch(1);
    agi.beforeAccept =
        () -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    agi.start();
    List<SocketChannel> calls = new ArrayList<>();
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < CALLS; i++) {
        SocketChannel c = SocketChannel.open();
        calls.add(c);
        c.configureBlocking(false);
        if (!c.connect(new InetSocketAddress("127.0.0.1", agi.port()))) {
          c.register(selector, SelectionKey.OP_CONNECT);
        }
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!selector.keys().isEmpty() && System.nanoTime() < until) {
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
        for (SelectionKey k : selector.selectedKeys()) {
          ((SocketChannel) k.channel()).finishConnect();
          k.cancel();
        }
        selector.selectedKeys().clear();
        selector.selectNow(); // drop the cancelled keys
      }
      long connected = calls.stream().filter(SocketChannel::isConnected).count();
      assertThat(connected)
          .as("connections the kernel held for the acceptor within Asterisk's 2 s")
          .isEqualTo(CALLS);
    } finally {
      release.countDown();
      for (SocketChannel c : calls) {
        c.close();
      }
      agi.stop();
    }
  }
}
