package org.tanfang.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Synthetic telephone replies for demo callees and tests (espeak-ng and sox). */
public final class SyntheticSpeech {
  private SyntheticSpeech() {}

  /**
   * Says {@code text} with espeak-ng (US English) and converts it with sox to 8 kHz 16-bit mono,
   * without dither (the same text always gives the same audio) and with a quarter second of silence
   * before and after, as Asterisk records a telephone reply: {@code dir/name.wav}.
   */
  public static Path phoneWav(Path espeak, Path sox, Path dir, String name, String text)
      throws IOException, InterruptedException {
    Path wide = dir.resolve(name + "-22k.wav");
    Path phone = dir.resolve(name + ".wav");
    run(List.of(espeak.toString(), "-v", "en-us", "-w", wide.toString(), text));
    run(
        List.of(
            sox.toString(),
            "-D",
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

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command.get(0) + " took too long");
    }
    if (p.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed with exit code " + p.exitValue());
    }
  }
}
