package org.tanfang.speech;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tanfang.speech.Understanding.ModelOpinion;

/**
 * A statistical reading of replies: multinomial naive Bayes over n-grams (1–3) of the normalised
 * units — characters for Mandarin, words for English — plus the question asked, trained from
 * labelled replies ({@link DevCorpus}) at start-up in a few milliseconds. It catches paraphrases
 * the lexicon lacks (手一直抖 is like 手抖); it never decides HELP on its own, it only asks for a review
 * ({@link ReviewPolicy}). Immutable and thread-safe.
 *
 * <p>Naive Bayes is over-confident on overlapping n-grams, so posteriors are computed from the
 * log-scores divided by {@link #TEMPERATURE}; the thresholds in {@link ReviewPolicy} are set on
 * that scale by cross-validation (CorpusFiguresTest).
 */
final class IntentModel {

  /** The intents the model tells apart (SILENT needs no model, confirmations are rules). */
  static final List<Intent> CLASSES =
      List.of(Intent.FINE, Intent.UNWELL, Intent.HELP, Intent.NEEDS, Intent.UNCLEAR);

  static final int MAX_N = 3;
  static final double SMOOTHING = 0.1;
  static final double TEMPERATURE = 4.0;

  /**
   * One labelled reply: its units ({@link TextNormalizer#units}), question (null: none), intent.
   */
  record Example(List<String> units, String questionId, Intent intent) {}

  private final Language language;
  private final Map<String, Integer> vocabulary;
  private final double[][] logLikelihood;
  private final double[] logPrior;

  private IntentModel(
      Language language,
      Map<String, Integer> vocabulary,
      double[][] logLikelihood,
      double[] logPrior) {
    this.language = language;
    this.vocabulary = vocabulary;
    this.logLikelihood = logLikelihood;
    this.logPrior = logPrior;
  }

  /** Trains on the examples whose intent is one of {@link #CLASSES}; others are skipped. */
  static IntentModel train(Language language, List<Example> examples) {
    Map<String, Integer> vocabulary = new HashMap<>();
    List<int[]> encoded = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Example example : examples) {
      int label = CLASSES.indexOf(example.intent());
      if (label < 0 || example.units().isEmpty()) {
        continue;
      }
      List<String> features = features(example.units(), example.questionId(), language);
      int[] ids = new int[features.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary.computeIfAbsent(features.get(i), f -> vocabulary.size());
      }
      encoded.add(ids);
      labels.add(label);
    }
    int classes = CLASSES.size();
    double[][] counts = new double[classes][vocabulary.size()];
    double[] totals = new double[classes];
    double[] documents = new double[classes];
    for (int d = 0; d < encoded.size(); d++) {
      int label = labels.get(d);
      documents[label]++;
      for (int id : encoded.get(d)) {
        counts[label][id]++;
        totals[label]++;
      }
    }
    double[] logPrior = new double[classes];
    double[][] logLikelihood = new double[classes][vocabulary.size()];
    for (int c = 0; c < classes; c++) {
      logPrior[c] = Math.log((documents[c] + 1) / (encoded.size() + classes));
      double denominator = Math.log(totals[c] + SMOOTHING * vocabulary.size());
      for (int f = 0; f < vocabulary.size(); f++) {
        logLikelihood[c][f] = Math.log(counts[c][f] + SMOOTHING) - denominator;
      }
    }
    return new IntentModel(language, Map.copyOf(vocabulary), logLikelihood, logPrior);
  }

  /** The model's reading of a reply given as units; features it never saw are ignored. */
  ModelOpinion opinion(List<String> units, String questionId) {
    int classes = CLASSES.size();
    double[] score = logPrior.clone();
    for (String feature : features(units, questionId, language)) {
      Integer id = vocabulary.get(feature);
      if (id != null) {
        for (int c = 0; c < classes; c++) {
          score[c] += logLikelihood[c][id];
        }
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double s : score) {
      max = Math.max(max, s);
    }
    double sum = 0;
    double[] p = new double[classes];
    for (int c = 0; c < classes; c++) {
      p[c] = Math.exp((score[c] - max) / TEMPERATURE);
      sum += p[c];
    }
    int best = 0;
    for (int c = 0; c < classes; c++) {
      p[c] /= sum;
      best = p[c] > p[best] ? c : best;
    }
    return new ModelOpinion(CLASSES.get(best), p[best], p[CLASSES.indexOf(Intent.HELP)]);
  }

  /**
   * The features of a reply: every n-gram (n ≤ {@link #MAX_N}) inside a clause, the question, and
   * the question with the first unit (a bare 有 means something else for each question).
   */
  static List<String> features(List<String> units, String questionId, Language language) {
    String separator = language == Language.CMN ? "" : " ";
    String question = "q=" + (questionId == null ? "-" : questionId);
    List<String> features = new ArrayList<>();
    features.add(question);
    int clauseStart = 0;
    for (int i = 0; i <= units.size(); i++) {
      if (i == units.size() || units.get(i).equals(TextNormalizer.BOUNDARY)) {
        clauseStart = i + 1;
        continue;
      }
      if (i == clauseStart && clauseStart == 0) {
        features.add(question + "^" + units.get(i));
      }
      StringBuilder gram = new StringBuilder();
      for (int n = 1; n <= MAX_N && i - n + 1 >= clauseStart; n++) {
        gram.insert(0, n == 1 ? units.get(i) : units.get(i - n + 1) + separator);
        features.add(gram.toString());
      }
    }
    return features;
  }
}
