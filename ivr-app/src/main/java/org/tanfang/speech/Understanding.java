package org.tanfang.speech;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one answer was understood to mean.
 *
 * @param intent the decision
 * @param needs the needs heard (may be non-empty whatever the intent, e.g. UNWELL with MEDICINE)
 * @param matched the lexicon terms that decided, in the order spoken; a negated term is shown with
 *     its negator, e.g. {@code 没有+摔倒}
 * @param normalizedText the transcript as matched (punctuation and spaces removed, half-width)
 */
public record Understanding(
    Intent intent, Set<NeedKind> needs, List<String> matched, String normalizedText) {

  public Understanding {
    Objects.requireNonNull(intent, "intent");
    needs = Set.copyOf(needs);
    matched = List.copyOf(matched);
    Objects.requireNonNull(normalizedText, "normalizedText");
  }

  public static Understanding silent() {
    return new Understanding(Intent.SILENT, Set.of(), List.of(), "");
  }
}
