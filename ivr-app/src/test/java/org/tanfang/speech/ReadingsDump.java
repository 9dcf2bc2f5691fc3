package org.tanfang.speech;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A tuning tool, not part of the suite (its name matches no test pattern): writes, for every
 * Mandarin development reply, the three readings the review policy combines — the rules' intent
 * (for the identity question also the confirmation), the distress-like evidence and the model's
 * probability of each class — with the model trained without the reply's file
 * (leave-one-writer-out) or without its fold (5-fold, the folds of {@link CorpusFigures}), and the
 * verdict and review in use. With these a combination of rules and model can be measured offline
 * without training again.
 *
 * <pre>
 * ./mvnw -B -q -pl ivr-app -am test -Dtest=ReadingsDump#dump \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Ddump=/tmp/readings
 * </pre>
 *
 * writes {@code /tmp/readings-lowo.tsv} and {@code /tmp/readings-5fold.tsv}. Never run it on a
 * holdout: it reads the development files only.
 */
class ReadingsDump {

  @Test
  void dump() throws IOException {
    String prefix = System.getProperty("dump", "/tmp/readings");
    IntentClassifier base = IntentClassifier.loadDefault();
    List<DevCorpus.Row> rows = DevCorpus.load(Language.CMN);
    List<String> sources = rows.stream().map(DevCorpus.Row::source).distinct().toList();
    List<List<String>> lowo =
        sources.parallelStream()
            .map(
                source -> {
                  List<DevCorpus.Row> train =
                      rows.stream().filter(r -> !r.source().equals(source)).toList();
                  List<DevCorpus.Row> test =
                      rows.stream().filter(r -> r.source().equals(source)).toList();
                  return lines(base, train, test);
                })
            .toList();
    write(Path.of(prefix + "-lowo.tsv"), lowo);
    if (!Boolean.getBoolean("lowoOnly")) {
      List<DevCorpus.Row> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, new Random(10));
      int folds = 5;
      List<List<String>> kfold =
          IntStream.range(0, folds)
              .parallel()
              .mapToObj(
                  fold -> {
                    List<DevCorpus.Row> train = new ArrayList<>();
                    List<DevCorpus.Row> test = new ArrayList<>();
                    for (int i = 0; i < shuffled.size(); i++) {
                      (i % folds == fold ? test : train).add(shuffled.get(i));
                    }
                    return lines(base, train, test);
                  })
              .toList();
      write(Path.of(prefix + "-5fold.tsv"), kfold);
    }
  }

  private static List<String> lines(
      IntentClassifier base, List<DevCorpus.Row> train, List<DevCorpus.Row> test) {
    IntentModel model =
        IntentClassifier.train(
            Language.CMN,
            train,
            IntentModel.LEARNER,
            IntentModel.LOGISTIC_C,
            null,
            Boolean.parseBoolean(
                System.getProperty(
                    "confirmations", String.valueOf(IntentClassifier.LEARN_CONFIRMATIONS))));
    Map<Language, IntentModel> models = new EnumMap<>(Language.class);
    models.put(Language.CMN, model);
    IntentClassifier trained = base.withModels(models);
    List<String> out = new ArrayList<>();
    for (DevCorpus.Row row : test) {
      boolean identity = "identity".equals(row.questionId());
      IntentClassifier.Interpretation reading =
          trained.interpret(row.utterance(), Language.CMN, row.questionId());
      Understanding u = reading.understanding();
      String verdict = reading.confirmation().map(c -> c.answer().name()).orElse(u.intent().name());
      Understanding rules =
          base.rulesOnly(row.utterance(), Language.CMN, identity ? null : row.questionId());
      List<String> units = TextNormalizer.units(row.utterance(), Language.CMN);
      double[] p = units.isEmpty() ? new double[0] : model.probabilities(units, row.questionId());
      StringBuilder probs = new StringBuilder();
      for (int c = 0; c < p.length; c++) {
        probs.append(c == 0 ? "" : ",").append(String.format("%.5f", p[c]));
      }
      out.add(
          String.join(
              "\t",
              row.source().replace(DevCorpus.DIRECTORY, "").replace("-cmn.tsv", ""),
              String.valueOf(row.line()),
              row.question(),
              row.utterance(),
              row.expected(),
              rules.intent().name(),
              reading.confirmation().map(c -> c.answer().name()).orElse("-"),
              String.valueOf(u.alarms().size()),
              probs.toString(),
              verdict,
              u.review().name(),
              String.join("|", rules.matched()),
              String.join("|", u.alarms())));
    }
    return out;
  }

  private static void write(Path path, List<List<String>> parts) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8))) {
      w.println(
          "file\tline\tquestion\tutterance\texpected\trules\tconfirmation\talarms\tp("
              + String.join(",", IntentModel.LABELS)
              + ")\tverdict\treview\tmatched\talarmTerms");
      parts.forEach(lines -> lines.forEach(w::println));
    }
    System.out.println("wrote " + path);
  }
}
