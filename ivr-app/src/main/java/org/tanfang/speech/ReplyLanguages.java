package org.tanfang.speech;

import java.util.Locale;
import java.util.Optional;

/**
 * Which reply language (lexicon and model) serves an elder's dialect. Hainanese speakers answer a
 * telephone robot in Hainan-coloured Mandarin, and no Hainanese Vosk model exists, so {@code
 * hainan} is recognised with the Mandarin model and lexicon.
 */
public final class ReplyLanguages {

  private ReplyLanguages() {}

  /**
   * The language for a dialect or language code ({@code cmn}, {@code hainan}, {@code zh}, {@code
   * en}).
   */
  public static Optional<Language> of(String dialect) {
    if (dialect == null) {
      return Optional.empty();
    }
    return switch (dialect.strip().toLowerCase(Locale.ROOT)) {
      case "cmn", "zh", "zh-cn", "hainan" -> Optional.of(Language.CMN);
      case "en" -> Optional.of(Language.EN);
      default -> Optional.empty();
    };
  }
}
