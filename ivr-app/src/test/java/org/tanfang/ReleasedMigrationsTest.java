package org.tanfang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A released migration is never edited or deleted (README "Migrations"): Flyway would refuse to
 * start on every database migrated with the old file. This test migrates a fresh embedded
 * PostgreSQL with the migrations as they are at the released commit ({@code
 * db/released-migrations.properties}, read with {@code git show}), then runs Flyway's {@code
 * validate} with today's migrations, allowing only new ones.
 */
class ReleasedMigrationsTest {
  static final String MIGRATIONS = "ivr-app/src/main/resources/db/migration";

  @Test
  void releasedMigrationsAreUnchanged(@TempDir Path released) throws Exception {
    String commit = releasedCommit();
    Path repo = gitRepository(commit);
    List<String> files =
        git(repo, "ls-tree", "--name-only", commit, MIGRATIONS + "/").lines().toList();
    assertThat(files).as("migrations at %s", commit).isNotEmpty();
    for (String file : files) {
      Files.write(
          released.resolve(Path.of(file).getFileName().toString()),
          gitBytes(repo, "show", commit + ":" + file));
    }

    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(0).start()) {
      Flyway.configure()
          .dataSource(pg.getPostgresDatabase())
          .locations("filesystem:" + released)
          .load()
          .migrate();

      ValidateResult result =
          Flyway.configure()
              .dataSource(pg.getPostgresDatabase())
              .locations("classpath:db/migration")
              .outOfOrder(applicationOutOfOrder())
              .ignoreMigrationPatterns("*:pending")
              .load()
              .validateWithResult();

      if (!result.validationSuccessful) {
        fail(
            "Released migrations (commit "
                + commit
                + ") were changed or removed; never edit one, add a new migration instead"
                + " (README \"Migrations\"):\n"
                + result.invalidMigrations.stream()
                    .map(
                        m ->
                            "  "
                                + releasedFile(files, m.version)
                                + ": "
                                + m.errorDetails.errorMessage)
                    .collect(Collectors.joining("\n"))
                + (result.errorDetails == null ? "" : "\n" + result.errorDetails.errorMessage));
      }
    }
  }

  /** The file name a version had at the released commit (a deleted one has no path today). */
  private static String releasedFile(List<String> files, String version) {
    return files.stream()
        .map(f -> Path.of(f).getFileName().toString())
        .filter(name -> name.startsWith("V" + version + "__"))
        .findFirst()
        .orElse("V" + version + " (new)");
  }

  private static String releasedCommit() throws IOException {
    Properties props = load("/db/released-migrations.properties");
    String commit = props.getProperty("commit", "").strip();
    assertThat(commit).as("commit= in db/released-migrations.properties").matches("[0-9a-f]{40}");
    return commit;
  }

  /** The app's own out-of-order setting: block-numbered migrations may come after higher ones. */
  private static boolean applicationOutOfOrder() throws IOException {
    return Boolean.parseBoolean(
        load("/application.properties").getProperty("spring.flyway.out-of-order", "false"));
  }

  private static Properties load(String resource) throws IOException {
    Properties props = new Properties();
    try (InputStream in = ReleasedMigrationsTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      props.load(in);
    }
    return props;
  }

  /**
   * The checkout's git repository, if it has the released commit. Without it (a source tarball, a
   * shallow clone) CI fails with what to do; a developer's build skips with the reason.
   */
  private static Path gitRepository(String commit) throws Exception {
    String problem;
    try {
      Path top = Path.of(git(Path.of("."), "rev-parse", "--show-toplevel").strip());
      git(top, "cat-file", "-e", commit + "^{commit}");
      return top;
    } catch (GitException e) {
      problem = e.getMessage();
    }
    String reason =
        "ReleasedMigrationsTest needs the git history with commit "
            + commit
            + " (db/released-migrations.properties) to check that released migrations are"
            + " unchanged, but: "
            + problem
            + ". Build from a git clone with full history (in a shallow clone: git fetch"
            + " --unshallow).";
    if (System.getenv("CI") != null) {
      fail(reason);
    }
    System.out.println("SKIPPED (not in CI): " + reason);
    Assumptions.abort(reason);
    return null;
  }

  private static String git(Path dir, String... args) throws Exception {
    return new String(gitBytes(dir, args), StandardCharsets.UTF_8);
  }

  private static byte[] gitBytes(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Path errors = Files.createTempFile("git", ".err");
    try {
      Process process;
      try {
        process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      } catch (IOException e) {
        throw new GitException("git cannot be run (" + e.getMessage() + ")");
      }
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new GitException(String.join(" ", command) + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new GitException(
            String.join(" ", command) + " failed: " + Files.readString(errors).strip());
      }
      return out;
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  private static final class GitException extends Exception {
    GitException(String message) {
      super(message);
    }
  }
}
