package org.tanfang.callflow;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The seam for spoken replies (the speech feature implements it with Vosk): given the recording of
 * what the elder said after a question, what it means. Used only when {@code
 * tanfang.telephony.callflow.speech} is {@code auto} (for elders it {@link #canUnderstand can
 * understand}) or {@code true}; keypad answers never reach it.
 */
public interface ReplyRecognizer {

  /** Whether spoken replies of an elder with this dialect can be understood (a model is loaded). */
  boolean canUnderstand(String dialect);

  /**
   * What was understood: empty when nothing was said (silence); intent {@link Intent#UNCLEAR} when
   * words were heard but not understood or recognition failed (the call flow re-asks once and
   * offers keys).
   */
  Optional<Understanding> understand(
      Path recording, Questionnaire.Question question, String dialect);

  /**
   * @param intent the meaning, among the question's intents, HELP for distress words, or UNCLEAR
   * @param transcript the words recognised
   * @param needs needs named in free speech (e.g. "看病"), or null
   * @param certainty how sure the understanding is (README "Understanding fails safe")
   */
  record Understanding(Intent intent, String transcript, String needs, Certainty certainty) {
    public Understanding {
      certainty = certainty == null ? Certainty.SURE : certainty;
    }

    /** A confident understanding. */
    public Understanding(Intent intent, String transcript, String needs) {
      this(intent, transcript, needs, Certainty.SURE);
    }
  }

  /** How sure the machine is of a spoken reply. */
  enum Certainty {
    /** Understood with confidence. */
    SURE,
    /** Not confidently understood: ask again with keys, and if still unclear a person listens. */
    UNSURE,
    /**
     * Words that may be distress, below what makes HELP: a person listens soon, whatever follows.
     */
    DISTRESS_LIKE
  }
}
