package org.tanfang.asterisksim;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;

/** A real Asterisk-Java FastAGI server on a free port, serving the given script names. */
final class TestAgiServer implements AutoCloseable {

  private final CountDownLatch listening = new CountDownLatch(1);
  private final AgiServerThread thread;
  private final int port;

  TestAgiServer(String scriptName, AgiScript script) throws Exception {
    this(Map.of(scriptName, script));
  }

  TestAgiServer(Map<String, AgiScript> scripts) throws Exception {
    this.port = freePort();
    SimpleMappingStrategy mapping = new SimpleMappingStrategy();
    mapping.setMappings(scripts);
    DefaultAgiServer server =
        new DefaultAgiServer(mapping) {
          @Override
          protected ServerSocketFacade createServerSocket() throws IOException {
            ServerSocketFacade s = super.createServerSocket();
            listening.countDown();
            return s;
          }
        };
    server.setPort(port);
    thread = new AgiServerThread(server);
    thread.setDaemon(true);
    thread.startup();
    if (!listening.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("AGI server did not start");
    }
  }

  int port() {
    return port;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
