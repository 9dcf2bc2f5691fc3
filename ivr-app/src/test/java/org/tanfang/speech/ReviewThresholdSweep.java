package org.tanfang.speech;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tanfang.speech.CorpusFigures.Figures;

/**
 * A tuning tool, not part of the suite (its name matches no test pattern): prints the
 * leave-one-writer-out figures of the Mandarin development corpus for learners and review
 * thresholds given on the command line, and the classifier's reading of probe texts. How the
 * defaults in {@link ReviewPolicy} and {@link IntentModel} were chosen:
 *
 * <pre>
 * ./mvnw -B -q -pl ivr-app -am verify -Dtest=ReviewThresholdSweep#sweep \
 *   -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dsweep="BOTH,64,0.7,0.4,0.9,0.9,0.8;NAIVE_BAYES,1,0.7,0.4,0.9,0.9,0.8"
 * </pre>
 *
 * Each entry: learner, logistic C, confident, help suspected, help over FINE, help corroborated,
 * overrule; add {@code -Dmisses=1} for the misses. {@code -Dprobe="health:头不晕;好多"} reads texts.
 * Never run it on a holdout.
 */
class ReviewThresholdSweep {
  static Figures lowo(
      IntentClassifier base,
      List<DevCorpus.Row> rows,
      IntentModel.Learner l,
      double c,
      ReviewPolicy p) {
    List<String> sources = rows.stream().map(DevCorpus.Row::source).distinct().toList();
    List<Figures> parts = new ArrayList<>();
    for (String source : sources) {
      List<DevCorpus.Row> train = rows.stream().filter(r -> !r.source().equals(source)).toList();
      List<DevCorpus.Row> test = rows.stream().filter(r -> r.source().equals(source)).toList();
      Map<Language, IntentModel> model = new EnumMap<>(Language.class);
      model.put(Language.CMN, IntentClassifier.train(Language.CMN, train, l, c));
      parts.add(
          CorpusFigures.evaluate(source, base.withModels(model).withPolicy(p), Language.CMN, test));
    }
    return CorpusFigures.pooled(l + " C=" + c + " " + p, parts);
  }

  @Test
  void probe() {
    String spec = System.getProperty("probe", "");
    if (spec.isBlank()) return;
    IntentClassifier base = IntentClassifier.loadDefault();
    for (String entry : spec.split(";")) {
      String t = entry;
      Language language = t.startsWith("en|") ? Language.EN : Language.CMN;
      t = t.startsWith("en|") ? t.substring(3) : t;
      String[] qt = t.split(":", 2);
      String q = qt.length == 2 ? qt[0] : null;
      String text = qt.length == 2 ? qt[1] : qt[0];
      System.out.println("PROBE " + t + " -> " + base.classify(text, language, q));
    }
  }

  @Test
  void sweep() {
    IntentClassifier base = IntentClassifier.loadDefault();
    List<DevCorpus.Row> rows = DevCorpus.load(Language.CMN);
    String spec = System.getProperty("sweep", "");
    for (String line : spec.split(";")) {
      if (line.isBlank()) continue;
      String[] f = line.trim().split(",");
      IntentModel.Learner l = IntentModel.Learner.valueOf(f[0]);
      double c = Double.parseDouble(f[1]);
      ReviewPolicy p =
          new ReviewPolicy(
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4]),
              Double.parseDouble(f[5]),
              Double.parseDouble(f[6]),
              f.length > 7 ? Double.parseDouble(f[7]) : ReviewPolicy.MODEL_HELP,
              f.length > 8 ? Double.parseDouble(f[8]) : ReviewPolicy.MODEL_HELP_OVER_ANSWER);
      Figures fig = lowo(base, rows, l, c, p);
      System.out.println(
          "SWEEP "
              + String.format("%-70s", fig.part()).substring(0, 70)
              + " acc "
              + String.format("%.1f", 100 * fig.accuracy())
              + " caught "
              + fig.caught()
              + "/"
              + fig.distress()
              + " heard "
              + fig.heard()
              + " fa "
              + fig.falseAlarms()
              + " listen "
              + fig.listened());
      if (System.getProperty("misses") != null) System.out.println(CorpusFigures.misses(fig));
    }
  }
}
