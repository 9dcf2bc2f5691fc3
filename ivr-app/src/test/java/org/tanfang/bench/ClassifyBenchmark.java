package org.tanfang.bench;

import org.tanfang.speech.IntentClassifier;
import org.tanfang.speech.Language;

/**
 * Classification time against text length: a realistic Mandarin reply repeated to 100, 1,000,
 * 10,000 and 100,000 characters, classified directly (segmentation, rules, model, review; no HTTP,
 * so past the API's 2,000-character limit). Prints the median of several runs after warm-up and the
 * time per 1,000 characters, which stays flat when the cost is linear. Usage
 * (benchmarks/classify.sh): {@code ClassifyBenchmark [runs]}.
 */
public final class ClassifyBenchmark {

  private static final String CLAUSE = "还好吧，就是腿有点疼，药也快吃完了，昨天在厨房差点摔倒。";

  private ClassifyBenchmark() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long start = System.nanoTime();
    IntentClassifier classifier = IntentClassifier.loadDefault();
    System.out.printf("start-up (lexicons, segmenter, model training): %.0f ms%n", ms(start));
    for (int i = 0; i < 200; i++) {
      classifier.classify(text(200 + i), Language.CMN, "health"); // warm-up
    }
    System.out.printf("%10s %12s %16s%n", "chars", "median ms", "ms per 1k chars");
    for (int length : new int[] {100, 1_000, 10_000, 100_000}) {
      String text = text(length);
      double[] times = new double[runs];
      for (int r = 0; r < runs; r++) {
        long t = System.nanoTime();
        classifier.classify(text, Language.CMN, "health");
        times[r] = ms(t);
      }
      java.util.Arrays.sort(times);
      double median = times[runs / 2];
      System.out.printf("%10d %12.2f %16.2f%n", length, median, median * 1000 / length);
    }
  }

  private static String text(int length) {
    return CLAUSE.repeat(length / CLAUSE.length() + 1).substring(0, length);
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
