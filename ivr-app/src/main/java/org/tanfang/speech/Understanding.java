package org.tanfang.speech;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one answer was understood to mean, and how sure that is.
 *
 * @param intent the decision
 * @param needs the needs heard (may be non-empty whatever the intent, e.g. UNWELL with MEDICINE);
 *     always empty for the identity question
 * @param matched the lexicon terms that decided, in the order spoken; a negated term is shown with
 *     its negator, e.g. {@code 没有+摔倒}
 * @param normalizedText the transcript as matched (punctuation and spaces removed, half-width)
 * @param review whether a person should listen to the reply, and how soon (see {@link Review} for
 *     the decision table)
 * @param alarms the distress-like evidence heard below the HELP threshold (ALARM terms such as 血 or
 *     快…来, and distress terms found only inside a longer word); empty when none
 * @param model what the statistical model made of the reply, or null when no model was consulted
 */
public record Understanding(
    Intent intent,
    Set<NeedKind> needs,
    List<String> matched,
    String normalizedText,
    Review review,
    List<String> alarms,
    ModelOpinion model) {

  /**
   * The statistical model's reading of a reply.
   *
   * @param intent the most probable intent
   * @param confidence its probability (0–1)
   * @param help the probability of HELP (0–1)
   */
  public record ModelOpinion(Intent intent, double confidence, double help) {
    public ModelOpinion {
      Objects.requireNonNull(intent, "intent");
    }
  }

  public Understanding {
    Objects.requireNonNull(intent, "intent");
    needs = Set.copyOf(needs);
    matched = List.copyOf(matched);
    Objects.requireNonNull(normalizedText, "normalizedText");
    Objects.requireNonNull(review, "review");
    alarms = List.copyOf(alarms);
  }

  /**
   * An answer understood by the rules alone: a person listens later when it is UNCLEAR, HELP is
   * acted on by its intent.
   */
  public Understanding(
      Intent intent, Set<NeedKind> needs, List<String> matched, String normalizedText) {
    this(
        intent,
        needs,
        matched,
        normalizedText,
        intent == Intent.UNCLEAR ? Review.LISTEN : Review.NONE,
        List.of(),
        null);
  }

  public static Understanding silent() {
    return new Understanding(Intent.SILENT, Set.of(), List.of(), "");
  }

  /** The same reading with other needs. */
  Understanding withNeeds(Set<NeedKind> other) {
    return new Understanding(intent, other, matched, normalizedText, review, alarms, model);
  }

  /** The same reading with another intent. */
  Understanding withIntent(Intent other) {
    return new Understanding(other, needs, matched, normalizedText, review, alarms, model);
  }

  /** The same reading with another verdict. */
  Understanding withReview(Review other) {
    return new Understanding(intent, needs, matched, normalizedText, other, alarms, model);
  }
}
