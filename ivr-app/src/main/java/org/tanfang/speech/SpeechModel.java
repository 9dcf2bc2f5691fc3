package org.tanfang.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.vosk.Model;

/**
 * One loaded Vosk model, shared by every recognition in its language (a Vosk {@link Model} is
 * read-only once loaded; each utterance gets its own {@code Recognizer}).
 *
 * @param language the reply language it serves
 * @param dir the model directory
 * @param model the native model
 * @param sampleRate the rate the model expects (its conf/mfcc.conf {@code --sample-frequency})
 * @param vocabulary the words of graph/words.txt (empty if the model has none): the grammar only
 *     offers words the model knows
 */
public record SpeechModel(
    Language language, Path dir, Model model, int sampleRate, Set<String> vocabulary) {

  static final int DEFAULT_RATE = 16000;

  public String name() {
    return dir.getFileName().toString();
  }

  static SpeechModel load(Language language, Path dir) throws IOException {
    Model model = new Model(dir.toString());
    Path words = dir.resolve("graph/words.txt");
    Set<String> vocabulary =
        Files.isRegularFile(words) ? Set.copyOf(VoskGrammar.readWords(words)) : Set.of();
    return new SpeechModel(language, dir, model, sampleRate(dir), vocabulary);
  }

  /** The model's sample rate from conf/mfcc.conf, 16 kHz when it does not say. */
  static int sampleRate(Path dir) throws IOException {
    Path mfcc = dir.resolve("conf/mfcc.conf");
    if (!Files.isRegularFile(mfcc)) {
      return DEFAULT_RATE;
    }
    for (String line : Files.readAllLines(mfcc, StandardCharsets.UTF_8)) {
      String option = line.strip();
      if (option.startsWith("--sample-frequency=")) {
        return (int) Double.parseDouble(option.substring("--sample-frequency=".length()));
      }
    }
    return DEFAULT_RATE;
  }
}
