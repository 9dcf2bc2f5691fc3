package org.tanfang.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    Path wide = dir.resolve(name + "-22k.wav");
    Path phone = dir.resolve(name + ".wav");
    run(List.of(ESPEAK.toString(), "-v", "en-us", "-w", wide.toString(), text));
    run(
        List.of(
            SOX.toString(),
            "-D", // no dither: the same text gives the same audio, so results are repeatable
            wide.toString(),
            "-r",
            "8000",
            "-b",
            "16",
            "-c",
            "1",
            phone.toString(),
            "pad",
            "0.25",
            "0.25"));
    Files.delete(wide);
    return phone;
  }

  private static void require(boolean condition, String message) {
    if (!condition && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI must run the speech tests: " + message);
    }
    assumeTrue(condition, message);
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    }
    String output = new String(process.getInputStream().readAllBytes());
    if (process.exitValue() != 0) {
      throw new IOException(command + " failed (" + process.exitValue() + "): " + output);
    }
  }
}
