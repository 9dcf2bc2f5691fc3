package org.tanfang.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tests' clean-up ({@link Rows#clean}, deletes with triggers off) against the truncate it
 * replaced, in one run on one embedded PostgreSQL with every migration: before each clean-up a
 * test's worth of rows (five elders with two visits each). Alternates the two so that both see the
 * same load. Prints the medians for BENCHMARKS.md.
 *
 * <pre>
 * ./mvnw -B -q -pl ivr-app -am test-compile exec:java -Dexec.mainClass=org.tanfang.testsupport.CleanUpBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args=40
 * </pre>
 */
public final class CleanUpBenchmark {
  private CleanUpBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(0).start()) {
      DataSource ds = pg.getPostgresDatabase();
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      String tables = String.join(", ", Rows.TABLES);
      List<Long> truncate = new ArrayList<>();
      List<Long> clean = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        seed(jdbc);
        long t0 = System.nanoTime();
        jdbc.execute(
            "begin; lock table "
                + tables
                + " in access exclusive mode nowait; truncate "
                + tables
                + " restart identity; commit");
        truncate.add(System.nanoTime() - t0);
        seed(jdbc);
        t0 = System.nanoTime();
        Rows.clean(jdbc);
        clean.add(System.nanoTime() - t0);
      }
      System.out.printf(
          "%d rounds: truncate median %.1f ms, Rows.clean (deletes) median %.1f ms%n",
          rounds, median(truncate), median(clean));
    }
  }

  private static void seed(JdbcTemplate jdbc) {
    Rows rows = new Rows(jdbc);
    for (int e = 0; e < 5; e++) {
      long elder = rows.elder().save();
      rows.visit(elder).save();
      rows.visit(elder).status("DONE").save();
    }
  }

  private static double median(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2) / 1e6;
  }
}
