package org.tanfang.prompts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Caller;
import org.tanfang.security.Role;
import org.tanfang.shared.FieldProblem;

/**
 * Recorded prompts, the one owner of {@code voice_prompt_recording} and {@code
 * voice_prompt_approval}: submit a version (converted and checked, its file written atomically),
 * approve one for calls (supervisors and admins of the whole city), withdraw the approval.
 */
@Service
public class PromptRecordings {
  /** How a recording arrived. */
  public enum Source {
    MICROPHONE,
    UPLOAD
  }

  /** One stored version. */
  public record Version(
      long id,
      String promptId,
      String dialect,
      int version,
      String file,
      long durationMs,
      long trimmedMs,
      double levelDb,
      double peakDb,
      Source source,
      String sourceName,
      String sourceFormat,
      String recordedBy,
      Instant recordedAt,
      String approvedBy,
      Instant approvedAt,
      boolean inUse) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final PromptCatalogue catalogue;
  private final PromptProperties props;
  private final ApprovedPrompts approved;
  private final AuditLog audit;

  PromptRecordings(
      JdbcTemplate jdbc,
      Clock clock,
      PromptCatalogue catalogue,
      PromptProperties props,
      ApprovedPrompts approved,
      AuditLog audit) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.catalogue = catalogue;
    this.props = props;
    this.approved = approved;
    this.audit = audit;
  }

  /** Every version of every prompt, newest first within a prompt and dialect. */
  public List<Version> all() {
    return jdbc.query(SELECT + " order by r.prompt_id, r.dialect, r.version desc", this::row);
  }

  public List<Version> versions(String promptId) {
    return jdbc.query(
        SELECT + " where r.prompt_id = ? order by r.dialect, r.version desc", this::row, promptId);
  }

  /** The audio file of a version, or of the committed placeholder ({@code version} null). */
  public Optional<Path> audio(String promptId, String dialect, Integer version) {
    entry(promptId);
    dialect(dialect);
    if (version == null) {
      Path p = catalogue.folder().resolve(dialect).resolve(promptId + ".wav");
      return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
    return jdbc
        .queryForList(
            "select file from voice_prompt_recording where prompt_id = ? and dialect = ?"
                + " and version = ?",
            String.class,
            promptId,
            dialect,
            version)
        .stream()
        .map(f -> catalogue.folder().resolve(f + ".wav"))
        .filter(Files::isRegularFile)
        .findFirst();
  }

  /**
   * Converts, checks and keeps a new version (not yet played to anyone). The row and the file stand
   * or fall together: the file is written to a temporary name and moved into place inside the
   * transaction; a failure before the commit removes it.
   */
  @Transactional
  public Version submit(
      String promptId, String dialect, byte[] audio, Source source, String name, Caller caller) {
    entry(promptId);
    dialect(dialect);
    if (audio == null || audio.length == 0) {
      throw new PromptRejectedException(400, FieldProblem.of("file", "prompt.empty"));
    }
    PromptAudio.Result result = PromptAudio.convert(audio, props);
    // one submission at a time per prompt and dialect: the version numbers have no gaps
    jdbc.queryForList(
        "select pg_advisory_xact_lock(hashtext(?))", Object.class, promptId + "/" + dialect);
    int version =
        jdbc.queryForObject(
            "select coalesce(max(version), 0) + 1 from voice_prompt_recording"
                + " where prompt_id = ? and dialect = ?",
            Integer.class,
            promptId,
            dialect);
    String file = "recorded/" + dialect + "/" + promptId + "-v" + version;
    Long id =
        jdbc.queryForObject(
            "insert into voice_prompt_recording (prompt_id, dialect, version, file, duration_ms,"
                + " trimmed_ms, level_db, peak_db, source, source_name, source_format,"
                + " recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " returning id",
            Long.class,
            promptId,
            dialect,
            version,
            file,
            result.durationMs(),
            result.trimmedMs(),
            result.levelDb(),
            result.peakDb(),
            source.name(),
            name == null ? null : name.length() > 200 ? name.substring(0, 200) : name,
            result.sourceFormat(),
            caller.username(),
            Timestamp.from(clock.instant()));
    write(catalogue.folder().resolve(file + ".wav"), result.wav().toBytes());
    audit.record(
        caller.username(),
        "PROMPT_RECORDED",
        "voice_prompt",
        promptId,
        dialect + " v" + version + " (" + source + ", " + result.durationMs() + " ms)",
        "role " + caller.role());
    return versions(promptId).stream().filter(v -> v.id() == id).findFirst().orElseThrow();
  }

  /** Calls play this version from now on (an older one: a revert). */
  @Transactional
  public void approve(String promptId, String dialect, int version, Caller caller) {
    mayApprove(caller);
    entry(promptId);
    dialect(dialect);
    List<Long> ids =
        jdbc.queryForList(
            "select id from voice_prompt_recording where prompt_id = ? and dialect = ?"
                + " and version = ?",
            Long.class,
            promptId,
            dialect,
            version);
    if (ids.isEmpty()) {
      throw new PromptRejectedException(404, FieldProblem.of("version", "prompt.noVersion"));
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        "insert into voice_prompt_approval (prompt_id, dialect, recording_id, approved_by,"
            + " approved_at) values (?, ?, ?, ?, ?) on conflict (prompt_id, dialect) do update"
            + " set recording_id = excluded.recording_id, approved_by = excluded.approved_by,"
            + " approved_at = excluded.approved_at",
        promptId,
        dialect,
        ids.get(0),
        caller.username(),
        now);
    jdbc.update(
        "update voice_prompt_recording set approved_by = ?, approved_at = ? where id = ?",
        caller.username(),
        now,
        ids.get(0));
    audit.record(
        caller.username(),
        "PROMPT_APPROVED",
        "voice_prompt",
        promptId,
        dialect + " v" + version,
        "role " + caller.role());
    reloadAfterCommit();
  }

  /** Calls play the placeholder again (or the Mandarin fallback). */
  @Transactional
  public void withdraw(String promptId, String dialect, Caller caller) {
    mayApprove(caller);
    entry(promptId);
    dialect(dialect);
    int removed =
        jdbc.update(
            "delete from voice_prompt_approval where prompt_id = ? and dialect = ?",
            promptId,
            dialect);
    if (removed > 0) {
      audit.record(
          caller.username(),
          "PROMPT_WITHDRAWN",
          "voice_prompt",
          promptId,
          dialect,
          "role " + caller.role());
      reloadAfterCommit();
    }
  }

  /** A prompt plays to every elder of the city: only city-wide supervisors and admins approve. */
  public static boolean mayApproveAll(Caller caller) {
    return (caller.is(Role.SUPERVISOR) || caller.is(Role.ADMIN)) && caller.scope().isCity();
  }

  private static void mayApprove(Caller caller) {
    if (!mayApproveAll(caller)) {
      throw new PromptRejectedException(403, FieldProblem.of("role", "prompt.approveRole"));
    }
  }

  private PromptCatalogue.Entry entry(String promptId) {
    return catalogue
        .find(promptId)
        .orElseThrow(
            () -> new PromptRejectedException(404, FieldProblem.of("id", "prompt.notFound")));
  }

  private static void dialect(String dialect) {
    if (!PromptCatalogue.DIALECTS.contains(dialect)) {
      throw new PromptRejectedException(
          400,
          FieldProblem.of(
              "dialect", "prompt.dialect", String.join(", ", PromptCatalogue.DIALECTS)));
    }
  }

  /** Temporary file in the same folder, then an atomic rename: never a half-written prompt. */
  private static void write(Path target, byte[] bytes) {
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Path written = target;
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              if (status != STATUS_COMMITTED) {
                try {
                  Files.deleteIfExists(written);
                } catch (IOException e) {
                  // an unreferenced file; the next version of that number replaces it
                }
              }
            }
          });
    } catch (IOException e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException ignored) {
        // nothing more to do
      }
      throw new UncheckedIOException("Prompt file not written: " + target, e);
    }
  }

  private void reloadAfterCommit() {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            approved.reload();
          }
        });
  }

  private static final String SELECT =
      "select r.*, (a.recording_id = r.id) as in_use from voice_prompt_recording r"
          + " left join voice_prompt_approval a on a.prompt_id = r.prompt_id"
          + " and a.dialect = r.dialect";

  private Version row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Timestamp approvedAt = rs.getTimestamp("approved_at");
    return new Version(
        rs.getLong("id"),
        rs.getString("prompt_id"),
        rs.getString("dialect"),
        rs.getInt("version"),
        rs.getString("file"),
        rs.getLong("duration_ms"),
        rs.getLong("trimmed_ms"),
        rs.getDouble("level_db"),
        rs.getDouble("peak_db"),
        Source.valueOf(rs.getString("source")),
        rs.getString("source_name"),
        rs.getString("source_format"),
        rs.getString("recorded_by"),
        rs.getTimestamp("recorded_at").toInstant(),
        rs.getString("approved_by"),
        approvedAt == null ? null : approvedAt.toInstant(),
        rs.getBoolean("in_use"));
  }
}
