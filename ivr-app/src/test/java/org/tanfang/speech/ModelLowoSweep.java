package org.tanfang.speech;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tanfang.speech.CorpusFigures.Figures;

/**
 * A tuning tool, not part of the suite (its name matches no test pattern): leave-one-writer-out
 * figures of the Mandarin development corpus, per file and pooled, for model variants given on the
 * command line — learner, logistic C and word features ({@link WordFeatures} spec, empty: the
 * character n-grams alone, the model in use) — with the review policy in use, and how long one
 * training on the whole corpus takes. How the model's features were chosen (issue 10, seventh
 * round):
 *
 * <pre>
 * ./mvnw -B -q -pl ivr-app -am test -Dtest=ModelLowoSweep#sweep \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dvariants="BOTH,64,;BOTH,64,S4N"
 * </pre>
 *
 * Never run it on a holdout: it reads the development files only.
 */
class ModelLowoSweep {

  @Test
  void sweep() {
    run(System.getProperty("variants", "BOTH,64,"));
  }

  public static void main(String[] args) {
    run(args.length > 0 ? args[0] : "BOTH,64,");
  }

  static void run(String spec) {
    IntentClassifier base = IntentClassifier.loadDefault();
    Lexicon lexicon = base.lexicon(Language.CMN);
    List<DevCorpus.Row> rows = DevCorpus.load(Language.CMN);
    List<String> sources = rows.stream().map(DevCorpus.Row::source).distinct().toList();
    for (String line : spec.split(";")) {
      if (line.isBlank()) continue;
      String[] f = line.trim().split(",", -1);
      IntentModel.Learner learner = IntentModel.Learner.valueOf(f[0]);
      double c = Double.parseDouble(f[1]);
      String words = f.length > 2 ? f[2] : "";
      long t0 = System.nanoTime();
      WordFeatures features = WordFeatures.of(lexicon, words);
      long dictionary = (System.nanoTime() - t0) / 1_000_000;
      long training = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) { // the fastest of three: the first pays for JIT compilation
        long t1 = System.nanoTime();
        IntentClassifier.train(Language.CMN, rows, learner, c, features);
        training = Math.min(training, (System.nanoTime() - t1) / 1_000_000);
      }
      List<Figures> parts = new ArrayList<>();
      StringBuilder perFile = new StringBuilder();
      for (String source : sources) {
        List<DevCorpus.Row> train = rows.stream().filter(r -> !r.source().equals(source)).toList();
        List<DevCorpus.Row> test = rows.stream().filter(r -> r.source().equals(source)).toList();
        Map<Language, IntentModel> model = new EnumMap<>(Language.class);
        model.put(Language.CMN, IntentClassifier.train(Language.CMN, train, learner, c, features));
        Figures part = CorpusFigures.evaluate(source, base.withModels(model), Language.CMN, test);
        parts.add(part);
        perFile.append(
            String.format(
                "LOWO %-10s %-8s %5.1f %% caught %3d/%-3d fa %3d/%-3d%n",
                line.trim(),
                source.replace(DevCorpus.DIRECTORY, "").replace("-cmn.tsv", ""),
                100 * part.accuracy(),
                part.caught(),
                part.distress(),
                part.falseAlarms(),
                part.outcomes().size() - part.distress()));
      }
      Figures all = CorpusFigures.pooled(line.trim(), parts);
      System.out.print(perFile);
      System.out.printf(
          "POOLED %-10s %5.2f %% caught %d/%d fa %d/%d (%.1f %%) listen %d;"
              + " word features ready in %d ms, training on all (fastest of 3) %d ms%n",
          line.trim(),
          100 * all.accuracy(),
          all.caught(),
          all.distress(),
          all.falseAlarms(),
          all.outcomes().size() - all.distress(),
          100 * all.falseAlarmRate(),
          all.listened(),
          dictionary,
          training);
      if (System.getProperty("misses") != null) System.out.println(CorpusFigures.misses(all));
    }
  }
}
