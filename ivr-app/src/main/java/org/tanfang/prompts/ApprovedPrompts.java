package org.tanfang.prompts;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.callflow.ApprovedRecordings;

/**
 * The approved recording per prompt and dialect, as the call flow asks for it: answered from
 * memory, never from the database, so a slow database does not hold up a call. Loaded on the first
 * question, reloaded at once after an approval on this node; another node's approval is picked up
 * when the copy is older than {@code tanfang.prompts.refresh}, by a reload in the background (the
 * call in progress keeps the copy it has).
 */
@Component
public class ApprovedPrompts implements ApprovedRecordings, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(ApprovedPrompts.class);

  private record Snapshot(Map<String, String> files, Instant loaded) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final PromptProperties props;
  private final AtomicBoolean reloading = new AtomicBoolean();
  private final ExecutorService reloader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "approved-prompts");
            t.setDaemon(true);
            return t;
          });
  private volatile Snapshot snapshot;

  ApprovedPrompts(JdbcTemplate jdbc, Clock clock, PromptProperties props) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.props = props;
  }

  /**
   * The approved recording of a prompt in a dialect, relative to the prompt folder and without
   * extension ({@code recorded/hainan/q-health-v2}), or empty: play the placeholder or fall back.
   */
  @Override
  public Optional<String> file(String promptId, String dialect) {
    Snapshot s = snapshot;
    boolean stale = s == null || s.loaded().plus(props.refresh()).isBefore(clock.instant());
    if (stale && reloading.compareAndSet(false, true)) {
      reloader.execute(
          () -> {
            try {
              reload();
            } catch (RuntimeException e) {
              log.warn("Approved prompts not reloaded: {}", e.toString());
            } finally {
              reloading.set(false);
            }
          });
    }
    // not loaded yet (the database was down at start-up): the placeholders until it is
    return s == null
        ? Optional.empty()
        : Optional.ofNullable(s.files().get(promptId + "/" + dialect));
  }

  /** Loaded once the application is up, before the first call. */
  @EventListener(ApplicationReadyEvent.class)
  void load() {
    try {
      reload();
    } catch (RuntimeException e) {
      log.warn(
          "Approved prompts not readable at start-up; placeholders until they are: {}",
          e.toString());
    }
  }

  /**
   * Reads the approvals again (after a change on this node, and when the copy is old); one at a
   * time, so a reload begun before an approval committed cannot replace the one begun after it.
   */
  synchronized Snapshot reload() {
    Map<String, String> files = new HashMap<>();
    jdbc.query(
        "select a.prompt_id, a.dialect, r.file from voice_prompt_approval a"
            + " join voice_prompt_recording r on r.id = a.recording_id",
        rs -> {
          files.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3));
        });
    Snapshot s = new Snapshot(Map.copyOf(files), clock.instant());
    snapshot = s;
    return s;
  }

  @Override
  public void destroy() {
    reloader.shutdownNow();
  }
}
