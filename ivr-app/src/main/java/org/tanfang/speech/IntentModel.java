package org.tanfang.speech;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tanfang.speech.Understanding.ModelOpinion;

/**
 * A statistical reading of replies over n-grams (1–3) of the normalised units — characters for
 * Mandarin, words for English — plus the question asked, trained from labelled replies ({@link
 * DevCorpus}) at start-up in well under a second: the mean of a multinomial naive Bayes and an
 * L2-regularised logistic regression (LIBLINEAR, a small BSD-licensed library; its calibrated
 * probabilities temper the Bayes model's over-confidence; leave-one-writer-out on the development
 * corpus: 94.3 % for the pair, 94.0 % Bayes alone, 93.8 % logistic alone). It catches paraphrases
 * the lexicon lacks (手一直抖 is like 手抖); it never decides HELP on its own, it only asks for a review
 * ({@link ReviewPolicy}). Immutable and thread-safe.
 *
 * <p>Naive Bayes is over-confident on overlapping n-grams, so posteriors are computed from the
 * log-scores divided by {@link #TEMPERATURE}; the thresholds in {@link ReviewPolicy} are set on
 * that scale by cross-validation (CorpusFiguresTest).
 */
final class IntentModel {

  /** The intents the model tells apart (SILENT needs no model). */
  static final List<Intent> CLASSES =
      List.of(Intent.FINE, Intent.UNWELL, Intent.HELP, Intent.NEEDS, Intent.UNCLEAR);

  /**
   * The labels the model learns: the {@link #CLASSES} in that order, then the identity question's
   * CONFIRMED and DENIED ({@link Confirmation.Answer}). Learning the confirmations lets the model
   * tell a plain 是啊 我就是 from distress at the identity question (without them it read such replies
   * as HELP with P 0.9–0.97, the only identity replies it had seen being distress and unclear
   * ones); at the other questions its reading is over the {@link #CLASSES} alone.
   */
  static final List<String> LABELS =
      List.of("FINE", "UNWELL", "HELP", "NEEDS", "UNCLEAR", "CONFIRMED", "DENIED");

  static final int MAX_N = 3;
  static final double SMOOTHING = 0.1;
  static final double TEMPERATURE = 4.0;

  /**
   * One labelled reply: its units ({@link TextNormalizer#units}), question (null: none), intent.
   */
  record Example(List<String> units, String questionId, String label) {}

  /** How a model is learnt from the examples. */
  enum Learner {
    /** Multinomial naive Bayes with {@link #TEMPERATURE}-flattened posteriors. */
    NAIVE_BAYES,
    /** L2-regularised logistic regression (LIBLINEAR), calibrated probabilities, one vs rest. */
    LOGISTIC,
    /** The mean of both models' probabilities. */
    BOTH
  }

  /**
   * Features beyond the n-grams and the question, for trying them by leave-one-writer-out
   * (ModelLowoSweep in the test sources: word, synonym-class and negation-scope features were tried
   * in issue 10's seventh round and did no better). The model in use has none.
   */
  interface Extra {
    /** The extra features of a reply given as units (prefixed with {@link #EXTRA} by the model). */
    List<String> features(List<String> units);

    /** Whether only the logistic model reads them (naive Bayes keeps to the n-grams). */
    boolean logisticOnly();
  }

  /** The prefix of every extra feature, so none is mistaken for an n-gram. */
  static final String EXTRA = "x:";

  /** The learner in use (chosen by leave-one-writer-out on the development corpus). */
  static final Learner LEARNER = Learner.BOTH;

  /**
   * Below this many replies (the English corpus: about a hundred) only naive Bayes is trained: the
   * logistic model then leans on the question alone ("i am fine" at the health question read as
   * distress because most health examples are).
   */
  static final int SMALL = 500;

  /** The inverse regularisation strength of the logistic model. */
  static final double LOGISTIC_C = 64.0;

  private final Language language;
  private final Map<String, Integer> vocabulary;
  private final double[][] logLikelihood;
  private final double[] logPrior;
  private final de.bwaldvogel.liblinear.Model logistic;
  private final boolean both;
  private final int examples;
  private final Extra extra;

  private IntentModel(
      Language language,
      Map<String, Integer> vocabulary,
      double[][] logLikelihood,
      double[] logPrior,
      de.bwaldvogel.liblinear.Model logistic,
      boolean both,
      int examples,
      Extra extra) {
    this.extra = extra;
    this.both = both;
    this.examples = examples;
    this.language = language;
    this.vocabulary = vocabulary;
    this.logLikelihood = logLikelihood;
    this.logPrior = logPrior;
    this.logistic = logistic;
  }

  /** Trains on the examples whose label is one of {@link #LABELS}; others are skipped. */
  static IntentModel train(Language language, List<Example> examples) {
    return train(language, examples, LEARNER, LOGISTIC_C, null);
  }

  /** Trains with the given learner (and, for the logistic model, its C). */
  static IntentModel train(
      Language language, List<Example> examples, Learner learner, double strength, Extra extra) {
    Map<String, Integer> vocabulary = new HashMap<>();
    List<int[]> encoded = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Example example : examples) {
      int label = LABELS.indexOf(example.label());
      if (label < 0 || example.units().isEmpty()) {
        continue;
      }
      List<String> features = features(example.units(), example.questionId(), language, extra);
      int[] ids = new int[features.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary.computeIfAbsent(features.get(i), f -> vocabulary.size());
      }
      encoded.add(ids);
      labels.add(label);
    }
    int classes = LABELS.size();
    boolean[] bayesSkips = new boolean[vocabulary.size()];
    if (extra != null && extra.logisticOnly()) {
      vocabulary.forEach((f, id) -> bayesSkips[id] = f.startsWith(EXTRA));
    }
    double[][] counts = new double[classes][vocabulary.size()];
    double[] totals = new double[classes];
    double[] documents = new double[classes];
    for (int d = 0; d < encoded.size(); d++) {
      int label = labels.get(d);
      documents[label]++;
      for (int id : encoded.get(d)) {
        if (bayesSkips[id]) {
          continue;
        }
        counts[label][id]++;
        totals[label]++;
      }
    }
    double[] logPrior = new double[classes];
    double[][] logLikelihood = new double[classes][vocabulary.size()];
    for (int c = 0; c < classes; c++) {
      // A label without examples (the confirmations, when not learnt) is never read.
      logPrior[c] =
          documents[c] == 0
              ? Double.NEGATIVE_INFINITY
              : Math.log((documents[c] + 1) / (encoded.size() + classes));
      double denominator = Math.log(totals[c] + SMOOTHING * vocabulary.size());
      for (int f = 0; f < vocabulary.size(); f++) {
        logLikelihood[c][f] = Math.log(counts[c][f] + SMOOTHING) - denominator;
      }
    }
    de.bwaldvogel.liblinear.Model logistic = null;
    Learner used = encoded.size() < SMALL ? Learner.NAIVE_BAYES : learner;
    if (used != Learner.NAIVE_BAYES) {
      logistic = trainLogistic(encoded, labels, vocabulary.size(), strength);
    }
    return new IntentModel(
        language,
        Map.copyOf(vocabulary),
        logLikelihood,
        logPrior,
        logistic,
        used == Learner.BOTH,
        encoded.size(),
        extra);
  }

  private static de.bwaldvogel.liblinear.Model trainLogistic(
      List<int[]> encoded, List<Integer> labels, int features, double c) {
    de.bwaldvogel.liblinear.Problem problem = new de.bwaldvogel.liblinear.Problem();
    problem.l = encoded.size();
    problem.n = features + 1;
    problem.bias = 1;
    problem.x = new de.bwaldvogel.liblinear.Feature[encoded.size()][];
    problem.y = new double[encoded.size()];
    for (int d = 0; d < encoded.size(); d++) {
      problem.x[d] = vector(encoded.get(d), features);
      problem.y[d] = labels.get(d);
    }
    de.bwaldvogel.liblinear.Linear.disableDebugOutput();
    de.bwaldvogel.liblinear.Parameter parameter =
        new de.bwaldvogel.liblinear.Parameter(de.bwaldvogel.liblinear.SolverType.L2R_LR, c, 0.001);
    parameter.setRandom(new java.util.Random(1));
    return de.bwaldvogel.liblinear.Linear.train(problem, parameter);
  }

  /**
   * A document's feature vector for LIBLINEAR: each known feature once (value 1, scaled to unit
   * length), indices ascending from 1, and the bias feature last.
   */
  private static de.bwaldvogel.liblinear.Feature[] vector(int[] ids, int features) {
    int[] unique = java.util.Arrays.stream(ids).distinct().sorted().toArray();
    double value = 1 / Math.sqrt(unique.length);
    de.bwaldvogel.liblinear.Feature[] vector =
        new de.bwaldvogel.liblinear.Feature[unique.length + 1];
    for (int i = 0; i < unique.length; i++) {
      vector[i] = new de.bwaldvogel.liblinear.FeatureNode(unique[i] + 1, value);
    }
    vector[unique.length] = new de.bwaldvogel.liblinear.FeatureNode(features + 1, 1);
    return vector;
  }

  /** How many replies it learnt from. */
  int examples() {
    return examples;
  }

  /**
   * The model's reading of a reply given as units, over the {@link #CLASSES} (the confirmations'
   * probability spread over them); features it never saw are ignored.
   */
  ModelOpinion opinion(List<String> units, String questionId) {
    return opinion(units, questionId, false);
  }

  /**
   * The same; for a confirmation question ({@code confirmation}) the probabilities are not spread:
   * a reply the model reads as CONFIRMED has a low confidence in every intent, P(HELP) included.
   */
  ModelOpinion opinion(List<String> units, String questionId, boolean confirmation) {
    double[] p = probabilities(units, questionId);
    double intents = 0;
    for (int c = 0; c < CLASSES.size(); c++) {
      intents += p[c];
    }
    double scale = confirmation || intents <= 0 ? 1 : 1 / intents;
    int best = 0;
    for (int c = 0; c < CLASSES.size(); c++) {
      best = p[c] > p[best] ? c : best;
    }
    return new ModelOpinion(
        CLASSES.get(best), scale * p[best], scale * p[CLASSES.indexOf(Intent.HELP)]);
  }

  /**
   * The model's reading of an answer to a confirmation question: the most probable of CONFIRMED,
   * DENIED, HELP and UNCLEAR, its probability and P(HELP).
   */
  ConfirmationOpinion confirmation(List<String> units, String questionId) {
    double[] p = probabilities(units, questionId);
    List<Confirmation.Answer> answers =
        List.of(
            Confirmation.Answer.CONFIRMED,
            Confirmation.Answer.DENIED,
            Confirmation.Answer.HELP,
            Confirmation.Answer.UNCLEAR);
    Confirmation.Answer best = null;
    double bestP = -1;
    for (Confirmation.Answer answer : answers) {
      double q = p[LABELS.indexOf(answer.name())];
      if (q > bestP) {
        best = answer;
        bestP = q;
      }
    }
    return new ConfirmationOpinion(best, bestP, p[LABELS.indexOf("HELP")]);
  }

  /** The model's reading of a confirmation: its answer, the answer's probability, P(HELP). */
  record ConfirmationOpinion(Confirmation.Answer answer, double confidence, double help) {}

  /** The probability of each of {@link #LABELS}, in that order (0 for a label never learnt). */
  double[] probabilities(List<String> units, String questionId) {
    double[] p;
    if (logistic == null) {
      p = bayes(units, questionId);
    } else if (!both) {
      p = logistic(units, questionId);
    } else {
      double[] a = bayes(units, questionId);
      double[] b = logistic(units, questionId);
      p = new double[a.length];
      for (int c = 0; c < p.length; c++) {
        p[c] = (a[c] + b[c]) / 2;
      }
    }
    return p;
  }

  /** Naive Bayes posteriors, flattened by {@link #TEMPERATURE}. */
  private double[] bayes(List<String> units, String questionId) {
    int classes = LABELS.size();
    double[] score = logPrior.clone();
    boolean skipExtra = extra != null && extra.logisticOnly();
    for (String feature : features(units, questionId, language, extra)) {
      Integer id = vocabulary.get(feature);
      if (id != null && !(skipExtra && feature.startsWith(EXTRA))) {
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
    for (int c = 0; c < classes; c++) {
      p[c] /= sum;
    }
    return p;
  }

  /** Logistic-regression probabilities. */
  private double[] logistic(List<String> units, String questionId) {
    List<Integer> known = new ArrayList<>();
    for (String feature : features(units, questionId, language, extra)) {
      Integer id = vocabulary.get(feature);
      if (id != null) {
        known.add(id);
      }
    }
    int[] ids = known.stream().mapToInt(Integer::intValue).toArray();
    double[] estimates = new double[logistic.getNrClass()];
    de.bwaldvogel.liblinear.Linear.predictProbability(
        logistic, vector(ids, vocabulary.size()), estimates);
    int[] labels = logistic.getLabels();
    double[] p = new double[LABELS.size()];
    for (int i = 0; i < labels.length; i++) {
      p[labels[i]] = estimates[i];
    }
    return p;
  }

  /**
   * The features of a reply: every n-gram (n ≤ {@link #MAX_N}) inside a clause, the question, and
   * the question with the first unit (a bare 有 means something else for each question).
   */
  static List<String> features(
      List<String> units, String questionId, Language language, Extra extra) {
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
    if (extra != null) {
      extra.features(units).forEach(f -> features.add(EXTRA + f));
    }
    return features;
  }
}
