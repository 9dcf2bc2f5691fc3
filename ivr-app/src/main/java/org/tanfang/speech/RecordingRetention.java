package org.tanfang.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tanfang.visits.VisitAnswers;

/**
 * Deletes recorded replies older than {@code tanfang.speech.recording-retention} (default 90 days):
 * the files below {@code recordings-dir} and their paths on the visit answers. Transcripts stay on
 * the visit record. Runs daily at {@code cleanup-cron} and is driven by the application clock, so
 * tests move time instead of waiting.
 */
@Component
public class RecordingRetention {

  private static final Logger log = LoggerFactory.getLogger(RecordingRetention.class);

  private final SpeechProperties properties;
  private final VisitAnswers visitAnswers;
  private final Clock clock;

  RecordingRetention(SpeechProperties properties, VisitAnswers visitAnswers, Clock clock) {
    this.properties = properties;
    this.visitAnswers = visitAnswers;
    this.clock = clock;
  }

  /** What one clean-up removed. */
  public record Result(int files, int answers) {}

  @Scheduled(cron = "${tanfang.speech.cleanup-cron:0 30 3 * * *}", zone = "${tanfang.zone}")
  public Result cleanUp() {
    Instant cutoff = clock.instant().minus(properties.recordingRetention());
    int files = deleteFilesBefore(cutoff);
    int answers = visitAnswers.forgetRecordingsBefore(cutoff);
    if (files > 0 || answers > 0) {
      log.info(
          "Recording retention: deleted {} recordings and cleared {} answer paths older than {}",
          files,
          answers,
          cutoff);
    }
    return new Result(files, answers);
  }

  private int deleteFilesBefore(Instant cutoff) {
    Path dir = properties.recordingsDir();
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> old;
    try (Stream<Path> files = Files.walk(dir)) {
      old = files.filter(Files::isRegularFile).filter(f -> modifiedBefore(f, cutoff)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list recordings in " + dir, e);
    }
    int deleted = 0;
    for (Path file : old) {
      try {
        Files.deleteIfExists(file);
        deleted++;
      } catch (IOException e) {
        log.warn("Cannot delete old recording {}", file, e);
      }
    }
    return deleted;
  }

  private static boolean modifiedBefore(Path file, Instant cutoff) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
    } catch (IOException e) {
      return false;
    }
  }
}
