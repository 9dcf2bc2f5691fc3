package org.tanfang.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tanfang.speech.Language;
import org.tanfang.speech.ReplyLanguageOverride;
import org.tanfang.speech.SpeechProperties;

/**
 * Dev mode's spoken demo replies: a few English sentences said by espeak-ng and converted by sox to
 * what a telephone line carries (8 kHz, 16-bit mono), made once at start-up into a temporary
 * folder. Only when the demo elders' replies are recognised with the English test model ({@link
 * ReplyLanguageOverride}) — otherwise the demo callees keep pressing keys, and the log says why.
 */
final class DemoVoices {
  private static final Logger log = LoggerFactory.getLogger(DemoVoices.class);

  /** The sentences the voice callees say. */
  /**
   * The spoken demo replies, and what the network says instead of some demo elders (carrier
   * announcements and a voicemail greeting, in the English of the test model's phrases).
   */
  record Replies(
      Path yes,
      Path fine,
      Path notWell,
      Path fell,
      Path medicine,
      Path switchedOff,
      Path suspended,
      Path noSuchNumber,
      Path voicemail) {}

  private DemoVoices() {}

  static Optional<Replies> prepare(ReplyLanguageOverride override, SpeechProperties speech) {
    if (override.active().orElse(null) != Language.EN) {
      log.info(
          "Demo callees answer by keypad only: {}",
          speech.modelDir(Language.CMN).isPresent()
              ? "a Mandarin model is configured, and there are no Mandarin demo recordings"
              : "no English test model configured (TANFANG_VOSK_MODEL_EN) to hear English demo"
                  + " replies");
      return Optional.empty();
    }
    Optional<Path> espeak = onPath("espeak-ng");
    Optional<Path> sox = onPath("sox");
    if (espeak.isEmpty() || sox.isEmpty()) {
      log.info(
          "Demo callees answer by keypad only: espeak-ng and sox are needed to make spoken demo"
              + " replies (apt-get install espeak-ng sox)");
      return Optional.empty();
    }
    try {
      Path dir = Files.createTempDirectory("tanfang-demo-voice");
      dir.toFile().deleteOnExit();
      Replies replies =
          new Replies(
              say(espeak.get(), sox.get(), dir, "yes", "yes it is me"),
              say(espeak.get(), sox.get(), dir, "fine", "i am fine"),
              say(espeak.get(), sox.get(), dir, "not-well", "i am not well"),
              say(espeak.get(), sox.get(), dir, "fell", "help me i fell"),
              say(espeak.get(), sox.get(), dir, "medicine", "i need medicine"),
              say(espeak.get(), sox.get(), dir, "off", "the number you dialed is switched off"),
              say(
                  espeak.get(),
                  sox.get(),
                  dir,
                  "suspended",
                  "the number you dialed has been suspended"),
              say(espeak.get(), sox.get(), dir, "none", "the number you dialed does not exist"),
              say(
                  espeak.get(),
                  sox.get(),
                  dir,
                  "voicemail",
                  "please leave a message after the tone"));
      log.info(
          "dev mode: about 20 % of demo callees answer by voice (English, espeak-ng), replies in {}",
          dir);
      return Optional.of(replies);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Demo callees answer by keypad only: could not make spoken replies: {}", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Path say(Path espeak, Path sox, Path dir, String name, String text)
      throws IOException, InterruptedException {
    Path phone = SyntheticSpeech.phoneWav(espeak, sox, dir, name, text);
    phone.toFile().deleteOnExit();
    return phone;
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
