package org.tanfang.speech;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the words of a transcript begin and end, so lexicon terms match whole words and runs of
 * words, never the inside of a longer word (好 is not found in 好多 or 好几).
 *
 * <p>Mandarin is segmented by HanLP (portable 1.8.4, its bundled dictionary, Viterbi). Every
 * lexicon term (each part of a gapped one) is added to HanLP's custom dictionary, so the words the
 * rules look for are kept whole when the text allows it. HanLP's dictionary is global to the JVM;
 * adding the same words again is a no-op. Name, place and organisation recognition are off: replies
 * are short and such guesses only glue characters together. English units are already words, so
 * every position is a boundary.
 */
final class WordSegmenter {

  private static final Set<String> ADDED = ConcurrentHashMap.newKeySet();

  private final Language language;
  private final Segment segment;

  WordSegmenter(Lexicon lexicon) {
    this.language = lexicon.language();
    if (language == Language.CMN) {
      addWords(lexicon);
      segment =
          HanLP.newSegment()
              .enableCustomDictionary(true)
              .enableNameRecognize(false)
              .enableTranslatedNameRecognize(false)
              .enableJapaneseNameRecognize(false)
              .enablePlaceRecognize(false)
              .enableOrganizationRecognize(false)
              .enableNumberQuantifierRecognize(false);
    } else {
      segment = null;
    }
  }

  /**
   * Word boundaries over units: {@code result[i]} says whether a word boundary lies before unit i
   * ({@code result[units.size()]} is the end). Clause boundaries ({@link TextNormalizer#BOUNDARY})
   * always separate words.
   */
  boolean[] boundaries(List<String> units) {
    boolean[] at = new boolean[units.size() + 1];
    if (segment == null) {
      java.util.Arrays.fill(at, true);
      return at;
    }
    int clauseStart = 0;
    for (int i = 0; i <= units.size(); i++) {
      if (i == units.size() || units.get(i).equals(TextNormalizer.BOUNDARY)) {
        markClause(units, clauseStart, i, at);
        at[i] = true;
        if (i < units.size()) {
          at[i + 1] = true;
        }
        clauseStart = i + 1;
      }
    }
    return at;
  }

  /** Marks the word boundaries of units [from, to), one clause without boundary units. */
  private void markClause(List<String> units, int from, int to, boolean[] at) {
    if (from >= to) {
      return;
    }
    StringBuilder text = new StringBuilder();
    // unitAt[c]: the unit starting at char offset c of the clause, or -1 inside a unit.
    int[] unitAt = new int[clauseChars(units, from, to) + 1];
    java.util.Arrays.fill(unitAt, -1);
    for (int i = from; i < to; i++) {
      unitAt[text.length()] = i;
      text.append(units.get(i));
    }
    unitAt[text.length()] = to;
    at[from] = true;
    int offset = 0;
    for (Term word : segment.seg(text.toString())) {
      offset += word.word.length();
      if (offset > text.length()) {
        break; // HanLP changed the text: keep what is known
      }
      if (unitAt[offset] >= 0) {
        at[unitAt[offset]] = true;
      }
    }
  }

  private static int clauseChars(List<String> units, int from, int to) {
    int chars = 0;
    for (int i = from; i < to; i++) {
      chars += units.get(i).length();
    }
    return chars;
  }

  private static void addWords(Lexicon lexicon) {
    synchronized (ADDED) {
      for (org.tanfang.speech.Term term : lexicon.terms()) {
        for (List<String> part : term.parts()) {
          String word = String.join("", part);
          if (word.length() > 1 && ADDED.add(word)) {
            CustomDictionary.add(word);
          }
        }
      }
    }
  }
}
