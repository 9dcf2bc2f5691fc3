package org.tanfang.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a stored recording path (as Asterisk wrote it, under the call flow's recording-dir) is on
 * this application's disk (under the speech recordings-dir), as the desk's player maps it. Only a
 * path inside the recordings folder is ever deleted: a database value cannot point the job at any
 * other file.
 */
final class RecordingFiles {
  private final Path root;
  private final Path asterisk;

  RecordingFiles(Path recordingsDir, String asteriskDir) {
    this.root = recordingsDir.toAbsolutePath().normalize();
    this.asterisk =
        asteriskDir == null || asteriskDir.isBlank()
            ? root
            : Path.of(asteriskDir).toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The file a stored path names, if it lies inside the recordings folder. */
  Optional<Path> resolve(String stored) {
    try {
      Path path = Path.of(stored).toAbsolutePath().normalize();
      if (!path.startsWith(root) && path.startsWith(asterisk)) {
        path = root.resolve(asterisk.relativize(path)).normalize();
      }
      return path.startsWith(root) ? Optional.of(path) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** What deleting one recording did. */
  enum Deleted {
    DELETED,
    /** Already gone, or never inside the recordings folder: nothing to delete. */
    MISSING,
    /** Could not be deleted (permissions, I/O): the reference stays for the next run. */
    FAILED
  }

  Deleted delete(Optional<Path> file) {
    if (file.isEmpty() || !Files.exists(file.get())) {
      return Deleted.MISSING;
    }
    try {
      Path real = file.get().toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        return Deleted.MISSING; // a link out of the folder: not ours to delete
      }
      return Files.deleteIfExists(real) ? Deleted.DELETED : Deleted.MISSING;
    } catch (IOException | SecurityException e) {
      return Deleted.FAILED;
    }
  }
}
