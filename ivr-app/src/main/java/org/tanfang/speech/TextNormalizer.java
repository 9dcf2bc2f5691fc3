package org.tanfang.speech;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a transcript (or a lexicon term) into matching units.
 *
 * <p>Both languages: NFKC (full-width letters, digits, spaces and punctuation become half-width)
 * and lower case. Mandarin: every letter or digit code point is a unit, spaces are dropped, so
 * Vosk's spaced output ("我 很 好") and written text ("我很好") match alike. English: words of letters,
 * digits and apostrophes, as Vosk writes them. Clause punctuation (, . ! ? ; 、 …), which Vosk never
 * writes but typed or punctuated transcripts have, becomes a {@link #BOUNDARY} unit: no term
 * matches across it and no negator reaches over it ("没有，都好" is not "not all fine").
 */
final class TextNormalizer {

  /** The unit standing for a clause boundary; never part of a term. */
  static final String BOUNDARY = "|";

  private TextNormalizer() {}

  /** The units of a text, with clause boundaries. */
  static List<String> units(String text, Language language) {
    String folded =
        Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
            .toLowerCase(Locale.ROOT)
            .replace('\u2019', '\'')
            .replace('\u2018', '\'');
    List<String> units = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      boolean wordChar = Character.isLetterOrDigit(cp) || (language == Language.EN && cp == '\'');
      if (wordChar && language == Language.CMN) {
        units.add(new String(Character.toChars(cp)));
      } else if (wordChar) {
        word.appendCodePoint(cp);
      } else {
        endWord(word, units);
        if (isClauseMark(cp) && !units.isEmpty() && !units.get(units.size() - 1).equals(BOUNDARY)) {
          units.add(BOUNDARY);
        }
      }
    }
    endWord(word, units);
    while (!units.isEmpty() && units.get(units.size() - 1).equals(BOUNDARY)) {
      units.remove(units.size() - 1);
    }
    return units;
  }

  /** The units joined back into text, without boundaries: the normalised transcript. */
  static String join(List<String> units, Language language) {
    List<String> spoken = units.stream().filter(u -> !u.equals(BOUNDARY)).toList();
    return String.join(language == Language.EN ? " " : "", spoken);
  }

  private static void endWord(StringBuilder word, List<String> units) {
    String trimmed = word.toString().replaceAll("^'+|'+$", "");
    if (!trimmed.isEmpty()) {
      units.add(trimmed);
    }
    word.setLength(0);
  }

  private static boolean isClauseMark(int cp) {
    return ",.!?;:、。…".indexOf(cp) >= 0;
  }
}
