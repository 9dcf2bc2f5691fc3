package org.tanfang.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Dev mode's embedded PostgreSQL in a JVM of its own, so a test can kill that JVM outright (kill
 * -9) and leave the server running, as a killed dev-mode run does. Argument: the data folder.
 * Writes a row, then prints {@code ready <postmaster pid>} and runs until killed.
 */
public final class EmbeddedDatabaseNodeMain {
  private EmbeddedDatabaseNodeMain() {}

  public static void main(String[] args) throws Exception {
    EmbeddedPostgres postgres =
        new EmbeddedDatabaseConfig()
            .embeddedPostgres(new EmbeddedDatabaseProperties(args[0], 0, "UTC", 2));
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table survivor (note text)");
      s.execute("insert into survivor values ('written before the kill')");
    }
    String pid = java.nio.file.Files.readAllLines(Path.of(args[0], "postmaster.pid")).get(0).trim();
    System.out.println("ready " + pid);
    System.out.flush();
    Thread.currentThread().join();
  }
}
