package org.tanfang.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a dev-mode run that ended badly leaves in the data folder, cleaned up before the embedded
 * PostgreSQL starts, so start-up never needs a hand:
 *
 * <ul>
 *   <li>a {@code postmaster.pid} naming a process that is gone (the machine or PostgreSQL died):
 *       removed;
 *   <li>a PostgreSQL still running on this folder after its JVM was killed ({@code kill -9}: the
 *       embedded server is a separate process and outlives it): recognised as ours — the process is
 *       a {@code postgres} whose {@code postmaster.pid} names this folder, and no live JVM holds
 *       the embedded server's lock file ({@code epg-lock}, held by the JVM that started it while it
 *       runs) — and stopped (SIGTERM, PostgreSQL's smart shutdown; the dead JVM's sessions are
 *       gone), so this run starts it again on the same data.
 * </ul>
 *
 * A server whose lock a live JVM holds is another running Tanfang: start-up refuses, naming it.
 */
final class StalePostmasterLock {
  private static final Logger log = LoggerFactory.getLogger(StalePostmasterLock.class);
  static final String EMBEDDED_LOCK = "epg-lock";
  private static final long STOP_SECONDS = 30;

  private StalePostmasterLock() {}

  static void removeIfDead(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      Files.delete(pidFile);
      return;
    }
    long pid = Long.parseLong(lines.get(0).trim());
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      log.warn("Removing stale {} left by an earlier run (pid {} is gone)", pidFile, pid);
      Files.deleteIfExists(pidFile);
      return;
    }
    if (!isPostgresOf(process.get(), lines, dataDir)) {
      log.warn(
          "Removing stale {}: pid {} is now another program, not a PostgreSQL of this folder",
          pidFile,
          pid);
      Files.deleteIfExists(pidFile);
      return;
    }
    if (lockHeldByLiveJvm(dataDir)) {
      throw new IllegalStateException(
          "Another Tanfang is running on "
              + dataDir
              + " (its embedded PostgreSQL has pid "
              + pid
              + "); stop it, or set tanfang.embedded-db.data-dir (TANFANG_DATA_DIR) to another"
              + " folder.");
    }
    stopOrphan(process.get(), pidFile);
  }

  /** {@code postmaster.pid}'s second line is the data directory the server runs on. */
  private static boolean isPostgresOf(ProcessHandle process, List<String> lines, Path dataDir)
      throws IOException {
    boolean postgres =
        process.info().command().map(c -> Path.of(c).getFileName().toString()).stream()
            .anyMatch(name -> name.startsWith("postgres"));
    if (!postgres || lines.size() < 2) {
      return false;
    }
    Path named = Path.of(lines.get(1).trim());
    return Files.exists(named) && Files.isSameFile(named, dataDir);
  }

  /** The JVM that starts the embedded server holds an exclusive lock on this file while it runs. */
  private static boolean lockHeldByLiveJvm(Path dataDir) throws IOException {
    Path lockFile = dataDir.resolve(EMBEDDED_LOCK);
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this very JVM runs it
    }
  }

  private static void stopOrphan(ProcessHandle postgres, Path pidFile) throws IOException {
    log.warn(
        "The embedded PostgreSQL (pid {}) of a run that was killed still runs on {}: stopping it",
        postgres.pid(),
        pidFile.getParent());
    postgres.destroy();
    if (!exited(postgres)) {
      log.warn(
          "PostgreSQL pid {} ignored SIGTERM for {} s: killing it", postgres.pid(), STOP_SECONDS);
      postgres.descendants().forEach(ProcessHandle::destroyForcibly);
      postgres.destroyForcibly();
      if (!exited(postgres)) {
        throw new IllegalStateException(
            "Cannot stop PostgreSQL pid " + postgres.pid() + " on " + pidFile.getParent());
      }
    }
    Files.deleteIfExists(pidFile);
  }

  private static boolean exited(ProcessHandle process) {
    try {
      process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
