package org.tanfang.callflow;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where Asterisk finds a prompt, by full path without extension. The application picks the language
 * itself rather than relying on CHANNEL(language), because Asterisk's own fallback goes to English,
 * not Mandarin: a dialect recording is used where it exists, else the Mandarin one, per prompt. A
 * recording approved on the prompts page ({@code recorded/<lang>/<id>-v<n>}) comes before the
 * committed file of the same language.
 */
@Component
class Prompts {
  static final String MANDARIN = "cmn";
  private static final Logger log = LoggerFactory.getLogger(Prompts.class);

  private final String dir;
  private final Path localDir;
  private final ApprovedRecordings approved;

  Prompts(CallflowProperties props, ApprovedRecordings approved) {
    this.approved = approved;
    this.dir = props.promptDir().replaceAll("/+$", "");
    this.localDir = Path.of(props.promptLocalDir());
    if (!Files.isDirectory(localDir)) {
      log.warn(
          "Voice prompts not found at {} (tanfang.telephony.callflow.prompt-local-dir):"
              + " every prompt is played in Mandarin",
          localDir.toAbsolutePath());
    }
  }

  /**
   * The dialect's approved recording, else its committed file, else Mandarin's approved recording,
   * else the committed Mandarin file.
   */
  String path(String id, String dialect) {
    if (dialect != null && !MANDARIN.equals(dialect)) {
      var recorded = approved.file(id, dialect);
      if (recorded.isPresent()) {
        return dir + "/" + recorded.get();
      }
      if (Files.isRegularFile(localDir.resolve(dialect).resolve(id + ".wav"))) {
        return dir + "/" + dialect + "/" + id;
      }
    }
    return approved
        .file(id, MANDARIN)
        .map(f -> dir + "/" + f)
        .orElse(dir + "/" + MANDARIN + "/" + id);
  }
}
