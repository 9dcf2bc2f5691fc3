package org.tanfang.speech;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tuning aid, not used by the model in use ({@link ModelLowoSweep}): word-level features of a
 * Mandarin reply for {@link IntentModel}, beside its character n-grams: the words of the segmented
 * reply ({@link WordSegmenter}), their synonym classes ({@link SynonymClasses}, so an unseen word
 * that shares a class with a seen one still counts), and whether a word lies in the scope of a
 * negator (没有摔倒 vs 摔倒了). Which of them are used is a spec string, for choosing by
 * leave-one-writer-out: {@code W} words, {@code S<level>} synonym classes cut to a level (3 = 4
 * characters of the code, 4 = 5, 5 = 7), {@code A} synonym classes of every dictionary word inside
 * the reply's words too (not only whole words), {@code N} negation scope (features of a negated
 * word get a {@code ~} prefix), {@code L} only the logistic model reads them (naive Bayes keeps to
 * the n-grams). Immutable and thread-safe.
 */
final class WordFeatures implements IntentModel.Extra {

  enum Option {
    WORDS,
    SYNONYMS,
    INNER,
    NEGATION,
    LOGISTIC_ONLY
  }

  /** How many words after a negator it scopes over (within the clause). */
  static final int SCOPE = 2;

  private final WordSegmenter segmenter;
  private final Set<String> negators;
  private final Set<Option> options;
  private final int codeLength;
  private final String spec;

  private WordFeatures(
      WordSegmenter segmenter, Set<String> negators, Set<Option> options, int level, String spec) {
    this.segmenter = segmenter;
    this.negators = Set.copyOf(negators);
    this.options = options.isEmpty() ? Set.of() : EnumSet.copyOf(options);
    this.codeLength = level <= 3 ? 4 : level == 4 ? 5 : 7;
    this.spec = spec;
  }

  /** Word features as the spec says, over the lexicon's segmenter and negators; null for "". */
  static WordFeatures of(Lexicon lexicon, String spec) {
    if (spec == null || spec.isBlank() || lexicon.language() != Language.CMN) {
      return null;
    }
    Set<Option> options = EnumSet.noneOf(Option.class);
    int level = 4;
    String s = spec.toUpperCase(Locale.ROOT);
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case 'W' -> options.add(Option.WORDS);
        case 'A' -> options.add(Option.INNER);
        case 'N' -> options.add(Option.NEGATION);
        case 'L' -> options.add(Option.LOGISTIC_ONLY);
        case 'S' -> {
          options.add(Option.SYNONYMS);
          if (i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
            level = s.charAt(++i) - '0';
          }
        }
        default -> throw new IllegalArgumentException("Unknown word feature '" + s.charAt(i) + "'");
      }
    }
    Set<String> negators = new HashSet<>();
    for (Term term : lexicon.termsWith(Role.NEGATOR)) {
      negators.add(String.join("", term.units()));
    }
    SynonymClasses.size();
    return new WordFeatures(new WordSegmenter(lexicon), negators, options, level, spec);
  }

  @Override
  public boolean logisticOnly() {
    return options.contains(Option.LOGISTIC_ONLY);
  }

  String spec() {
    return spec;
  }

  /** The word features of a reply given as units. */
  @Override
  public List<String> features(List<String> units) {
    boolean[] at = segmenter.boundaries(units);
    List<String> features = new ArrayList<>();
    int scope = 0;
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < units.size(); i++) {
      if (units.get(i).equals(TextNormalizer.BOUNDARY)) {
        scope = 0;
        continue;
      }
      word.append(units.get(i));
      if (!at[i + 1]) {
        continue;
      }
      String w = word.toString();
      word.setLength(0);
      if (negators.contains(w)) {
        scope = options.contains(Option.NEGATION) ? SCOPE : 0;
        continue;
      }
      String prefix = scope > 0 ? "~" : "";
      scope = Math.max(0, scope - 1);
      if (options.contains(Option.WORDS) && w.length() > 1) {
        features.add(prefix + "w=" + w);
      }
      if (options.contains(Option.SYNONYMS)) {
        addClasses(w, prefix, features);
        if (options.contains(Option.INNER) && w.length() > 2) {
          for (int from = 0; from < w.length(); from++) {
            for (int to = from + 2; to <= w.length(); to++) {
              if (to - from < w.length()) {
                addClasses(w.substring(from, to), prefix, features);
              }
            }
          }
        }
      }
    }
    return features;
  }

  private void addClasses(String w, String prefix, List<String> features) {
    for (String code : SynonymClasses.of(w)) {
      features.add(prefix + "s=" + code.substring(0, codeLength));
    }
  }
}
