package org.tanfang.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dev-mode run that was killed leaves {@code postmaster.pid} behind, and PostgreSQL then refuses
 * to start. Remove it only when the process it names is gone.
 */
final class StalePostmasterLock {
  private static final Logger log = LoggerFactory.getLogger(StalePostmasterLock.class);

  private StalePostmasterLock() {}

  static void removeIfDead(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      Files.delete(pidFile);
      return;
    }
    long pid = Long.parseLong(lines.get(0).trim());
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    if (alive) {
      throw new IllegalStateException(
          "Another PostgreSQL (pid "
              + pid
              + ") is using "
              + dataDir
              + "; is Tanfang already running? Stop it or set tanfang.embedded-db.data-dir.");
    }
    log.warn("Removing stale {} left by an earlier run (pid {} is gone)", pidFile, pid);
    Files.delete(pidFile);
  }
}
