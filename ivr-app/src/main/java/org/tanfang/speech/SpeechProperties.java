package org.tanfang.speech;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Speech recognition settings ({@code tanfang.speech.*}); each is documented with its default in
 * the README section "Speech".
 *
 * @param models Vosk model directory per reply language code ({@code cmn}, {@code en}); a blank or
 *     missing entry means keypad-only for that language
 * @param poolSize threads recognising replies off the AGI threads
 * @param queueCapacity replies that may wait for a thread; beyond that a reply is refused at once
 *     (the call flow then asks for a key) rather than piling up behind a slow pool
 * @param maxReply longest reply recognised; audio beyond it is ignored
 * @param timeout how long a caller of {@code recognizeAsync} waits for the result
 * @param fallback when the question's grammar hears nothing understood, listen again to the same
 *     audio, only to catch distress words: with the distress grammar (default), without a grammar
 *     (free-form, about ten times the cost) or not at all
 * @param recordingsDir where replies are recorded (Asterisk's RECORD FILE path, shared with the
 *     PBX); the retention job deletes old files below it. Made absolute when bound (against the
 *     working directory), like {@code tanfang.telephony.callflow.recording-dir}
 * @param recordingRetention how long recordings are kept (the retention job, {@code
 *     tanfang.retention.*}, removes them and keeps transcripts for their own period)
 */
@ConfigurationProperties("tanfang.speech")
public record SpeechProperties(
    @DefaultValue Map<String, String> models,
    @DefaultValue("2") int poolSize,
    @DefaultValue("32") int queueCapacity,
    @DefaultValue("8s") Duration maxReply,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("distress-grammar") Fallback fallback,
    @DefaultValue("./data/recordings") Path recordingsDir,
    @DefaultValue("90d") Duration recordingRetention) {

  public SpeechProperties {
    models = Map.copyOf(models);
    recordingsDir = recordingsDir == null ? null : recordingsDir.toAbsolutePath().normalize();
    if (recordingRetention != null && recordingRetention.isNegative()) {
      throw new IllegalArgumentException("tanfang.speech.recording-retention must not be negative");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("tanfang.speech.pool-size must be at least 1");
    }
  }

  /** The configured model directory for a language, if any. */
  public Optional<Path> modelDir(Language language) {
    String dir = models.get(language.code());
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir.strip()));
  }

  /** The second pass over a reply the question's grammar did not understand. */
  public enum Fallback {
    /** Vosk constrained to the distress and distress-like terms and {@code [unk]}: grammar cost. */
    DISTRESS_GRAMMAR,
    /** Vosk without a grammar: hears any word, costs about ten grammar passes. */
    FREE_FORM,
    /** No second pass: the call flow's re-ask and listen task cover the reply. */
    NONE
  }
}
