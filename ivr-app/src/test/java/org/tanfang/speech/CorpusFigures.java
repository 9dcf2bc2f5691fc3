package org.tanfang.speech;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Figures of the classifier over labelled rows: per-label precision and recall, the confusion
 * matrix, accuracy, distress recall and false alarms. A HELP reply counts as caught when the
 * verdict is HELP or its review URGENT; a false alarm is a reply not labelled HELP given HELP or
 * URGENT. For the identity question the verdict is the confirmation (CONFIRMED, DENIED, …).
 */
final class CorpusFigures {

  /** One row and what the classifier made of it. */
  record Outcome(DevCorpus.Row row, String verdict, Review review, Understanding understanding) {
    boolean right() {
      return verdict.equals(row.expected());
    }

    boolean help() {
      return row.expected().equals("HELP");
    }

    boolean alarmed() {
      return verdict.equals("HELP") || review == Review.URGENT;
    }

    boolean needsRight() {
      return row.question().equals("identity") || understanding.needs().equals(row.needs());
    }
  }

  /** The figures of one part. */
  record Figures(String part, List<Outcome> outcomes) {
    long right() {
      return outcomes.stream().filter(Outcome::right).count();
    }

    double accuracy() {
      return (double) right() / outcomes.size();
    }

    long distress() {
      return outcomes.stream().filter(Outcome::help).count();
    }

    long caught() {
      return outcomes.stream().filter(o -> o.help() && o.alarmed()).count();
    }

    /** Distress replies that reach a person at all: HELP, URGENT or LISTEN. */
    long heard() {
      return outcomes.stream()
          .filter(o -> o.help() && (o.alarmed() || o.review() == Review.LISTEN))
          .count();
    }

    double distressRecall() {
      return distress() == 0 ? 1 : (double) caught() / distress();
    }

    long falseAlarms() {
      return outcomes.stream().filter(o -> !o.help() && o.alarmed()).count();
    }

    double falseAlarmRate() {
      long others = outcomes.size() - distress();
      return others == 0 ? 0 : (double) falseAlarms() / others;
    }

    long listened() {
      return outcomes.stream().filter(o -> o.review() == Review.LISTEN).count();
    }

    long needsRight() {
      return outcomes.stream().filter(Outcome::needsRight).count();
    }
  }

  private CorpusFigures() {}

  /** The classifier's verdicts on rows of one language. */
  static Figures evaluate(
      String part, IntentClassifier classifier, Language language, List<DevCorpus.Row> rows) {
    List<Outcome> outcomes = new ArrayList<>();
    for (DevCorpus.Row row : rows) {
      IntentClassifier.Interpretation reading =
          classifier.interpret(row.utterance(), language, row.questionId());
      String verdict =
          reading
              .confirmation()
              .map(c -> c.answer().name())
              .orElse(reading.understanding().intent().name());
      outcomes.add(
          new Outcome(row, verdict, reading.understanding().review(), reading.understanding()));
    }
    return new Figures(part, outcomes);
  }

  /** The rules alone (no model, no review): what the lexicon decides. */
  static Figures rulesOnly(
      String part, IntentClassifier classifier, Language language, List<DevCorpus.Row> rows) {
    return evaluate(part, classifier.withModels(Map.of()), language, rows);
  }

  /**
   * k-fold cross-validation: each row is classified by a model trained on the other folds, so the
   * figures are not the model remembering its training data. Folds are drawn with a fixed seed.
   */
  static Figures crossValidated(
      String part,
      IntentClassifier classifier,
      Language language,
      List<DevCorpus.Row> rows,
      int folds,
      Function<IntentClassifier, IntentClassifier> variant) {
    List<DevCorpus.Row> shuffled = new ArrayList<>(rows);
    java.util.Collections.shuffle(shuffled, new Random(10));
    // The folds are independent (each trains its own model): read in parallel, kept in order.
    List<Outcome> outcomes =
        java.util.stream.IntStream.range(0, folds)
            .parallel()
            .mapToObj(
                fold -> {
                  List<DevCorpus.Row> train = new ArrayList<>();
                  List<DevCorpus.Row> test = new ArrayList<>();
                  for (int i = 0; i < shuffled.size(); i++) {
                    (i % folds == fold ? test : train).add(shuffled.get(i));
                  }
                  Map<Language, IntentModel> model = new EnumMap<>(Language.class);
                  model.put(language, IntentClassifier.train(language, train));
                  IntentClassifier trained = variant.apply(classifier.withModels(model));
                  return evaluate(part, trained, language, test).outcomes();
                })
            .flatMap(List::stream)
            .toList();
    return new Figures(part, outcomes);
  }

  /**
   * Leave-one-writer-out cross-validation: each development file (one writer's hand) is read by a
   * model trained on the other files only. Closer to a new writer's holdout than k-fold, where
   * every fold's model has seen the same writer's wording. Returns one part per file, in order.
   */
  static List<Figures> leaveOneFileOut(
      String part, IntentClassifier classifier, Language language, List<DevCorpus.Row> rows) {
    List<String> sources = rows.stream().map(DevCorpus.Row::source).distinct().toList();
    // One model per file, independent of the others: trained in parallel, returned in order.
    return sources.parallelStream()
        .map(
            source -> {
              List<DevCorpus.Row> train =
                  rows.stream().filter(r -> !r.source().equals(source)).toList();
              List<DevCorpus.Row> test =
                  rows.stream().filter(r -> r.source().equals(source)).toList();
              Map<Language, IntentModel> model = new EnumMap<>(Language.class);
              model.put(language, IntentClassifier.train(language, train));
              String name = part + ", " + source.replace(DevCorpus.DIRECTORY, "") + " held out";
              return evaluate(name, classifier.withModels(model), language, test);
            })
        .toList();
  }

  /** Several parts' outcomes as one part. */
  static Figures pooled(String part, List<Figures> parts) {
    List<Outcome> outcomes = new ArrayList<>();
    parts.forEach(f -> outcomes.addAll(f.outcomes()));
    return new Figures(part, outcomes);
  }

  /** One line of a part's figures: accuracy, distress caught, false alarms, LISTEN. */
  static String summary(Figures f) {
    int n = f.outcomes().size();
    return String.format(
        "%-58s %4d replies, accuracy %5.1f %%, distress caught %3d/%-3d, false alarms %3d/%-3d"
            + " (%4.1f %%), LISTEN %3d",
        f.part(),
        n,
        100 * f.accuracy(),
        f.caught(),
        f.distress(),
        f.falseAlarms(),
        n - f.distress(),
        100 * f.falseAlarmRate(),
        f.listened());
  }

  /** The figures as text: summary, per-label precision and recall, confusion matrix. */
  static String report(Figures f) {
    StringBuilder out = new StringBuilder();
    int n = f.outcomes().size();
    out.append(String.format("%n== %s: %d replies%n", f.part(), n));
    out.append(String.format("accuracy %d/%d = %.1f %%%n", f.right(), n, 100 * f.accuracy()));
    out.append(
        String.format(
            "needs right %d/%d = %.1f %%%n", f.needsRight(), n, 100.0 * f.needsRight() / n));
    out.append(
        String.format(
            "distress recall (HELP or URGENT) %d/%d = %.1f %%%n",
            f.caught(), f.distress(), 100 * f.distressRecall()));
    out.append(
        String.format(
            "distress a person hears (HELP, URGENT or LISTEN) %d/%d%n", f.heard(), f.distress()));
    out.append(
        String.format(
            "false alarms (not HELP, given HELP or URGENT) %d/%d = %.1f %%%n",
            f.falseAlarms(), n - f.distress(), 100 * f.falseAlarmRate()));
    out.append(String.format("review LISTEN %d/%d%n", f.listened(), n));
    TreeSet<String> labels = new TreeSet<>();
    f.outcomes().forEach(o -> labels.add(o.row().expected()));
    f.outcomes().forEach(o -> labels.add(o.verdict()));
    out.append(String.format("%-10s %9s %9s%n", "label", "precision", "recall"));
    for (String label : labels) {
      long tp = f.outcomes().stream().filter(o -> o.right() && o.verdict().equals(label)).count();
      long given = f.outcomes().stream().filter(o -> o.verdict().equals(label)).count();
      long truth = f.outcomes().stream().filter(o -> o.row().expected().equals(label)).count();
      out.append(String.format("%-10s %9s %9s%n", label, ratio(tp, given), ratio(tp, truth)));
    }
    out.append("confusion (rows: expected, columns: verdict)\n");
    out.append(String.format("%-10s", ""));
    labels.forEach(l -> out.append(String.format("%10s", l)));
    out.append('\n');
    for (String expected : labels) {
      Map<String, Long> row = new TreeMap<>();
      f.outcomes().stream()
          .filter(o -> o.row().expected().equals(expected))
          .forEach(o -> row.merge(o.verdict(), 1L, Long::sum));
      out.append(String.format("%-10s", expected));
      labels.forEach(l -> out.append(String.format("%10d", row.getOrDefault(l, 0L))));
      out.append('\n');
    }
    return out.toString();
  }

  /** Every reply not understood, with what decided. */
  static String misses(Figures f) {
    StringBuilder out = new StringBuilder(f.part() + " misunderstood:\n");
    for (Outcome o : f.outcomes()) {
      if (!o.right() || (o.help() && !o.alarmed())) {
        Understanding u = o.understanding();
        out.append(
            String.format(
                "  %s:%d [%s] %s: expected %s, got %s %s %s alarms=%s model=%s%n",
                o.row().source().replace(DevCorpus.DIRECTORY, ""),
                o.row().line(),
                o.row().question(),
                o.row().utterance(),
                o.row().expected(),
                o.verdict(),
                o.review(),
                u.matched(),
                u.alarms(),
                u.model() == null
                    ? "-"
                    : String.format(
                        "%s %.2f help %.2f",
                        u.model().intent(), u.model().confidence(), u.model().help())));
      }
    }
    return out.toString();
  }

  private static String ratio(long part, long whole) {
    return whole == 0 ? "-" : String.format("%.1f %%", 100.0 * part / whole);
  }
}
