package org.tanfang.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The application's way to its database in tests: a TCP relay between the connection pool and
 * PostgreSQL (real sockets), which a fault test can {@link #cut()} — every open connection is
 * closed and new ones are refused, as when the database host goes away — and {@link #restore()}.
 * Every other test goes through it unknowingly. The pool's JDBC URL is pointed at the relay when
 * the data source is created (before its first connection).
 */
public class DatabaseLink implements BeanPostProcessor, DisposableBean {
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean down;
  private ServerSocket server;
  private InetSocketAddress target;

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof HikariDataSource ds && ds.getJdbcUrl() != null && server == null) {
      ds.setJdbcUrl(relay(ds.getJdbcUrl()));
    }
    return bean;
  }

  /** The database is gone: open connections break, new ones are refused until {@link #restore}. */
  public void cut() {
    down = true;
    for (Socket s : open) {
      close(s);
    }
    open.clear();
  }

  /** The database is back. */
  public void restore() {
    down = false;
  }

  public boolean isDown() {
    return down;
  }

  private String relay(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    target = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "test-db-link");
    accept.setDaemon(true);
    accept.start();
    String authority = uri.getRawAuthority();
    return jdbcUrl.replaceFirst(
        java.util.regex.Pattern.quote(authority), "127.0.0.1:" + server.getLocalPort());
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (down) {
        close(client);
        continue;
      }
      try {
        Socket db = new Socket();
        db.connect(target, 5000);
        open.add(client);
        open.add(db);
        pump(client, db);
        pump(db, client);
      } catch (IOException e) {
        close(client);
      }
    }
  }

  private void pump(Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16384];
              try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // The other side or cut() closed it.
              } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "test-db-link-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void destroy() throws IOException {
    if (server != null) {
      server.close();
    }
  }
}
