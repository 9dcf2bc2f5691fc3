package org.tanfang.speech;

import java.util.Objects;
import java.util.Optional;

/**
 * What a recorded reply was heard and understood to be.
 *
 * @param language the reply language whose model and lexicon were used
 * @param questionId the question answered (null: none, every question's phrases were expected)
 * @param transcript the words heard by the pass that decided ("" for silence)
 * @param understanding the reply's meaning; for a confirmation question (identity) the reading
 *     without question context, so distress still shows as HELP
 * @param confirmation the yes/no answer, for a confirmation question only
 * @param mode which recognition pass decided
 * @param model the model's directory name, e.g. {@code vosk-model-small-cn-0.22}
 * @param timings where the time went
 */
public record Recognition(
    Language language,
    String questionId,
    String transcript,
    Understanding understanding,
    Optional<Confirmation> confirmation,
    Mode mode,
    String model,
    Timings timings) {

  /** The recognition pass whose transcript decided. */
  public enum Mode {
    /** Constrained to the question's phrases (and the distress words). */
    GRAMMAR,
    /**
     * The grammar heard nothing understood, so the same audio was recognised without a grammar; its
     * words count only as distress (HELP) or as unclear speech.
     */
    FREE_FORM,
    /** Heard by the second pass with the distress grammar (counts only for distress). */
    DISTRESS_GRAMMAR
  }

  /**
   * Time spent, in milliseconds, and the audio.
   *
   * @param audioMillis length of the audio recognised (after truncation to the longest reply)
   * @param truncated whether the recording was longer than the longest reply and was cut
   * @param inputRate the recording's sample rate
   * @param modelRate the model's sample rate (resampled to it when they differ)
   * @param readMillis reading the WAV
   * @param resampleMillis resampling to the model's rate
   * @param grammarMillis grammar-constrained recognition
   * @param freeFormMillis the second (fallback) pass, distress grammar or free-form (0 when it did
   *     not run)
   * @param classifyMillis understanding the transcript
   * @param totalMillis all of it
   */
  public record Timings(
      long audioMillis,
      boolean truncated,
      int inputRate,
      int modelRate,
      double readMillis,
      double resampleMillis,
      double grammarMillis,
      double freeFormMillis,
      double classifyMillis,
      double totalMillis) {

    public boolean resampled() {
      return inputRate != modelRate;
    }

    /** Processing time over audio time (below 1 is faster than real time). */
    public double realTimeFactor() {
      return audioMillis == 0 ? 0 : totalMillis / audioMillis;
    }
  }

  public Recognition {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(understanding, "understanding");
    Objects.requireNonNull(confirmation, "confirmation");
    Objects.requireNonNull(mode, "mode");
  }

  public Intent intent() {
    return understanding.intent();
  }
}
