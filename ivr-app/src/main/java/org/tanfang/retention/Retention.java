package org.tanfang.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.callflow.CallflowProperties;
import org.tanfang.security.AuditLog;
import org.tanfang.speech.SpeechProperties;
import org.tanfang.visits.VisitAnswers;
import org.tanfang.visits.VisitAnswers.DueRecording;

/**
 * Removes what is past its retention period (README "Retention and the elder's rights"):
 *
 * <ul>
 *   <li>recordings older than {@code tanfang.speech.recording-retention}: the file and its
 *       reference on the answer (marked when and why);
 *   <li>all recordings of an elder who died or left (paused) more than {@code
 *       tanfang.retention.departed-audio} ago;
 *   <li>transcripts older than {@code tanfang.retention.transcripts}: the text is blanked, the
 *       intent stays, marked when and why;
 *   <li>files in the recordings folder older than the recordings' period that no answer refers to.
 * </ul>
 *
 * Never what is still inside its period, nor anything of a visit or call that raised a case still
 * open (its evidence). Idempotent: a second run finds nothing to do. A file already gone is counted
 * and its reference cleared; a file that cannot be deleted keeps its reference for the next run.
 * Every run writes one audit entry ({@code RETENTION}) with its counts. Driven by the application
 * clock.
 */
@Service
public class Retention {
  /** The audit action of a run; its detail holds the counts ({@link Result#detail()}). */
  public static final String ACTION = "RETENTION";

  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  private final VisitAnswers answers;
  private final AuditLog audit;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final SpeechProperties speech;
  private final RetentionProperties props;
  private final RecordingFiles files;
  private final Clock clock;
  private final ReentrantLock running = new ReentrantLock();

  Retention(
      VisitAnswers answers,
      AuditLog audit,
      JdbcTemplate jdbc,
      PlatformTransactionManager txManager,
      SpeechProperties speech,
      CallflowProperties callflow,
      RetentionProperties props,
      Clock clock) {
    this.answers = answers;
    this.audit = audit;
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(txManager);
    this.speech = speech;
    this.props = props;
    this.files = new RecordingFiles(speech.recordingsDir(), callflow.recordingDir());
    this.clock = clock;
  }

  /**
   * What one run did: recordings removed past their period, recordings of departed elders removed
   * early, transcripts blanked, orphan files deleted, recordings whose file was already gone, files
   * that could not be deleted (kept for the next run), answers kept as open-case evidence.
   */
  public record Result(
      int recordings,
      int departed,
      int transcripts,
      int orphans,
      int missing,
      int failed,
      int keptOpenCase) {

    /** The counts in the order the audit detail and the pages show them. */
    public Map<String, Integer> counts() {
      Map<String, Integer> m = new LinkedHashMap<>();
      m.put("recordings", recordings);
      m.put("departed", departed);
      m.put("transcripts", transcripts);
      m.put("orphans", orphans);
      m.put("missing", missing);
      m.put("failed", failed);
      m.put("kept-open-case", keptOpenCase);
      return m;
    }

    /** {@code recordings=1 departed=0 …}: the audit entry's detail. */
    public String detail() {
      StringBuilder b = new StringBuilder();
      counts().forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v));
      return b.toString();
    }

    /** Whether the run changed anything. */
    public boolean changedNothing() {
      return recordings + departed + transcripts + orphans + missing == 0;
    }
  }

  /** The last run as its audit entry recorded it. */
  public record LastRun(Instant at, String by, String purpose, Map<String, Integer> counts) {}

  /** A run is already going on this node. */
  public static class AlreadyRunning extends RuntimeException {
    AlreadyRunning() {
      super("The retention job is already running");
    }
  }

  /** The scheduled run (Quartz), by "system"; skipped if a run is going on. */
  public Optional<Result> runScheduled() {
    try {
      return Optional.of(run("system", "scheduled"));
    } catch (AlreadyRunning e) {
      log.info("Retention: a run is already going on, this fire is skipped");
      return Optional.empty();
    }
  }

  /**
   * One run by {@code username} (audited with {@code why}); refuses with {@link AlreadyRunning}
   * while another run goes on in this application.
   */
  public Result run(String username, String why) {
    if (!running.tryLock()) {
      throw new AlreadyRunning();
    }
    try {
      Result r = removeDue();
      audit.record(username, ACTION, "retention", null, r.detail(), purpose(why));
      if (!r.changedNothing() || r.failed() > 0) {
        log.info("Retention run by {}: {}", username, r.detail());
      }
      return r;
    } finally {
      running.unlock();
    }
  }

  private String purpose(String why) {
    return why
        + "; recordings "
        + days(speech.recordingRetention())
        + ", departed "
        + days(props.departedAudio())
        + ", transcripts "
        + days(props.transcripts());
  }

  /** {@code 90d}, or the ISO form for a period that is not whole days. */
  static String days(Duration d) {
    return d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : d.toString();
  }

  private Result removeDue() {
    Instant now = clock.instant();
    Instant recordedBefore = now.minus(speech.recordingRetention());
    Instant departedBefore = now.minus(props.departedAudio());
    Instant transcribedBefore = now.minus(props.transcripts());
    int recordings = 0;
    int departed = 0;
    int missing = 0;
    int failed = 0;
    long afterId = 0;
    while (true) {
      List<DueRecording> due =
          answers.recordingsDue(recordedBefore, departedBefore, afterId, props.batchSize());
      if (due.isEmpty()) {
        break;
      }
      for (DueRecording d : due) {
        afterId = d.answerId();
        RecordingFiles.Deleted what = files.delete(files.resolve(d.path()));
        if (what == RecordingFiles.Deleted.FAILED) {
          log.warn("Retention: cannot delete recording {} (answer {})", d.path(), d.answerId());
          failed++;
          continue;
        }
        // the file first, then its reference: a run stopped in between finds the file gone
        if (answers.removeRecording(d.answerId(), d.reason(), now)) {
          if (what == RecordingFiles.Deleted.MISSING) {
            missing++;
          } else if (d.reason() == VisitAnswers.RemovalReason.DEPARTED) {
            departed++;
          } else {
            recordings++;
          }
        }
      }
    }
    int transcripts = 0;
    while (true) {
      Integer n =
          tx.execute(s -> answers.blankTranscripts(transcribedBefore, now, props.batchSize()));
      if (n == null || n == 0) {
        break;
      }
      transcripts += n;
    }
    int orphans = deleteOrphans(recordedBefore);
    int kept = answers.keptForOpenCases(recordedBefore, departedBefore, transcribedBefore);
    return new Result(recordings, departed, transcripts, orphans, missing, failed, kept);
  }

  /**
   * Files older than the recordings' period that no answer still refers to (a call cut before its
   * answer was written, line checks): deleted. A day of slack protects files whose answer was
   * written just after them.
   */
  private int deleteOrphans(Instant recordedBefore) {
    Path dir = files.root();
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> old;
    try (Stream<Path> all = Files.walk(dir)) {
      old =
          all.filter(Files::isRegularFile).filter(f -> modifiedBefore(f, recordedBefore)).toList();
    } catch (IOException e) {
      log.warn("Retention: cannot list recordings in {}", dir, e);
      return 0;
    }
    if (old.isEmpty()) {
      return 0;
    }
    Set<Path> referenced = new HashSet<>();
    for (String stored :
        answers.recordingsReferencedBefore(recordedBefore.plus(Duration.ofDays(1)))) {
      files.resolve(stored).ifPresent(referenced::add);
    }
    int deleted = 0;
    for (Path file : old) {
      if (referenced.contains(file.toAbsolutePath().normalize())) {
        continue;
      }
      if (files.delete(Optional.of(file)) == RecordingFiles.Deleted.DELETED) {
        deleted++;
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

  /** The last run's audit entry, if any. */
  public Optional<LastRun> lastRun() {
    return jdbc
        .query(
            "select at, username, detail, purpose from audit_event where action = ?"
                + " order by at desc, id desc limit 1",
            (rs, i) ->
                new LastRun(
                    rs.getTimestamp("at").toInstant(),
                    rs.getString("username"),
                    rs.getString("purpose"),
                    parse(rs.getString("detail"))),
            ACTION)
        .stream()
        .findFirst();
  }

  /** The counts of an audit detail written by {@link Result#detail()}. */
  static Map<String, Integer> parse(String detail) {
    Map<String, Integer> m = new LinkedHashMap<>();
    if (detail == null) {
      return m;
    }
    for (String part : detail.strip().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        try {
          m.put(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)));
        } catch (NumberFormatException ignored) {
          // not a count: left out
        }
      }
    }
    return m;
  }
}
