package org.tanfang.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vosk.LibVosk;
import org.vosk.LogLevel;

/**
 * The Vosk models, one per configured language, loaded once in the background at start-up (a large
 * Mandarin model takes seconds) and shared. A language without a model is not an error: its elders
 * answer by keypad, which is logged once here and shown by the {@code speech} health.
 */
@Component
public class VoskModels implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(VoskModels.class);

  /** Where a language's model stands. */
  public enum State {
    /** No directory configured: keypad-only. */
    NOT_CONFIGURED,
    /** The configured directory does not exist: keypad-only. */
    MISSING,
    LOADING,
    READY,
    /** The directory exists but Vosk could not load it: keypad-only. */
    FAILED
  }

  /** A language's model state, directory and (once known) failure. */
  public record Status(State state, Optional<Path> dir, Optional<String> problem) {}

  private final Map<Language, Path> dirs = new EnumMap<>(Language.class);
  private final Map<Language, CompletableFuture<SpeechModel>> loads = new EnumMap<>(Language.class);
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "vosk-model-loader");
            thread.setDaemon(true);
            return thread;
          });

  public VoskModels(SpeechProperties properties) {
    for (Language language : Language.values()) {
      Optional<Path> dir = properties.modelDir(language);
      if (dir.isEmpty()) {
        log.info("no Vosk model for {}: keypad-only", language.code());
        continue;
      }
      dirs.put(language, dir.get());
      if (!Files.isDirectory(dir.get())) {
        log.warn(
            "no Vosk model for {}: keypad-only (directory {} not found)",
            language.code(),
            dir.get().toAbsolutePath());
        continue;
      }
      loads.put(language, CompletableFuture.supplyAsync(() -> load(language, dir.get()), loader));
    }
  }

  private static SpeechModel load(Language language, Path dir) {
    long start = System.nanoTime();
    try {
      LibVosk.setLogLevel(LogLevel.WARNINGS);
      SpeechModel model = SpeechModel.load(language, dir);
      log.info(
          "Vosk model for {} loaded from {} in {} ms ({} Hz, {} words)",
          language.code(),
          dir,
          (System.nanoTime() - start) / 1_000_000,
          model.sampleRate(),
          model.vocabulary().size());
      return model;
    } catch (Exception | LinkageError e) {
      log.error("no Vosk model for {}: keypad-only (cannot load {})", language.code(), dir, e);
      throw new IllegalStateException("cannot load Vosk model " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The model for a language, waiting up to {@code wait} for it to finish loading; empty when the
   * language has no usable model (keypad-only) or it is still loading after the wait.
   */
  public Optional<SpeechModel> model(Language language, Duration wait) {
    CompletableFuture<SpeechModel> load = loads.get(language);
    if (load == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(load.get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    }
  }

  /** Whether speech can be recognised in a language (its model is loaded or loading). */
  public boolean available(Language language) {
    CompletableFuture<SpeechModel> load = loads.get(language);
    return load != null && !load.isCompletedExceptionally();
  }

  public Status status(Language language) {
    Path dir = dirs.get(language);
    CompletableFuture<SpeechModel> load = loads.get(language);
    if (dir == null) {
      return new Status(State.NOT_CONFIGURED, Optional.empty(), Optional.empty());
    }
    if (load == null) {
      return new Status(State.MISSING, Optional.of(dir), Optional.of("directory not found"));
    }
    if (!load.isDone()) {
      return new Status(State.LOADING, Optional.of(dir), Optional.empty());
    }
    if (load.isCompletedExceptionally()) {
      String problem = load.handle((m, e) -> e.getCause().getMessage()).join();
      return new Status(State.FAILED, Optional.of(dir), Optional.of(problem));
    }
    return new Status(State.READY, Optional.of(dir), Optional.empty());
  }

  @Override
  public void close() {
    loader.shutdownNow();
    for (CompletableFuture<SpeechModel> load : loads.values()) {
      load.thenAccept(model -> model.model().close());
    }
  }
}
