package org.tanfang.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the speech tests need from the machine: the English Vosk model (env {@code
 * TANFANG_VOSK_MODEL_EN}, set by {@code .ci/run} to
 * ../shared/models/vosk-model-small-en-us-zamia-0.5) and espeak-ng + sox to say test replies as a
 * telephone line would carry them (8 kHz, 16-bit mono). Without them the tests are skipped with a
 * message on a developer machine, and fail in CI (CI=true), which must run them.
 */
public final class SpeechFixtures {
  private static final Path ESPEAK = Path.of("/usr/bin/espeak-ng");
  private static final Path SOX = Path.of("/usr/bin/sox");

  private SpeechFixtures() {}

  /** The English model directory, or the test is skipped (failed in CI). */
  public static Path englishModel() {
    String configured = System.getenv("TANFANG_VOSK_MODEL_EN");
    boolean present = configured != null && !configured.isBlank();
    Path dir = present ? Path.of(configured) : null;
    require(
        present && Files.isDirectory(dir.resolve("am")),
        present
            ? "Speech test skipped: TANFANG_VOSK_MODEL_EN=" + configured + " is not a Vosk model"
            : "Speech test skipped: set TANFANG_VOSK_MODEL_EN to a Vosk English model, e.g."
                + " ../shared/models/vosk-model-small-en-us-zamia-0.5 (.ci/run does)");
    return dir;
  }

  /** Whether an English model is configured, without skipping. */
  public static boolean englishModelConfigured() {
    String configured = System.getenv("TANFANG_VOSK_MODEL_EN");
    return configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured));
  }

  /**
   * Says {@code text} with espeak-ng (US English) and converts it to 8 kHz 16-bit mono with a
   * quarter second of silence before and after, as Asterisk records a telephone reply (it starts
   * after the beep and ends on silence detection): {@code dir/name.wav}.
   */
  public static Path say(Path dir, String name, String text) throws IOException {
    require(
        Files.isExecutable(ESPEAK) && Files.isExecutable(SOX),
        "Speech test skipped: install espeak-ng and sox (apt-get install espeak-ng sox)");
    try {
      return org.tanfang.simulator.SyntheticSpeech.phoneWav(ESPEAK, SOX, dir, name, text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making " + name, e);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI must run the speech tests: " + message);
    }
    assumeTrue(condition, message);
  }
}
