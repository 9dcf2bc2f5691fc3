package org.tanfang.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dev-mode run killed with kill -9 leaves its embedded PostgreSQL running on the data folder. The
 * next start recognises that server as its own (a postgres on this folder whose JVM is gone), stops
 * it and starts on the same data; while the first JVM still lives, start-up refuses and says why.
 */
class KilledDevModeDatabaseTest {
  @TempDir Path dataDir;
  Process node;

  @AfterEach
  void killNode() throws Exception {
    if (node != null) {
      node.destroyForcibly().waitFor();
    }
  }

  @Test
  void shouldStopTheServerOfAKilledRunAndStartOnItsData() throws Exception {
    node =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedDatabaseNodeMain.class.getName(),
                dataDir.toString())
            .redirectErrorStream(true)
            .start();
    long postmaster = readyPid(node);
    EmbeddedDatabaseProperties props =
        new EmbeddedDatabaseProperties(dataDir.toString(), 0, "UTC", 2);

    assertThatThrownBy(() -> new EmbeddedDatabaseConfig().embeddedPostgres(props))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Another Tanfang is running on")
        .hasMessageContaining("pid " + postmaster)
        .hasMessageContaining("tanfang.embedded-db.data-dir");

    node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
        .as("the killed JVM's PostgreSQL outlives it")
        .contains(true);

    try (EmbeddedPostgres again = new EmbeddedDatabaseConfig().embeddedPostgres(props);
        Connection c = again.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select note from survivor")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("written before the kill");
      assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
    }
  }

  /** Waits for the node's {@code ready <pid>} line (its other output is echoed). */
  private static long readyPid(Process node) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Long> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  if (line.startsWith("ready ")) {
                    return Long.parseLong(line.substring(6).trim());
                  }
                }
                throw new IllegalStateException("the node exited before it was ready");
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    long pid = ready.get(90, TimeUnit.SECONDS);
    // Keep draining its output so the node never blocks on a full pipe.
    CompletableFuture.runAsync(
        () -> {
          try {
            while (out.readLine() != null) {}
          } catch (java.io.IOException ignored) {
            // the node was killed
          }
        });
    return pid;
  }
}
