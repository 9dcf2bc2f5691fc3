package org.tanfang.speech;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tanfang.speech.CorpusFigures.Figures;
import org.tanfang.speech.CorpusFigures.Outcome;

/**
 * A tuning tool, not part of the suite (its name matches no test pattern), for the demotion row of
 * {@link ReviewPolicy} (issue 10): a lexicon HELP the model reads as FINE, UNWELL or NEEDS with
 * confidence ≥ t and P(HELP) &lt; h is shown as the model's answer, reviewed URGENT. Prints, by
 * leave-one-writer-out on the Mandarin development files only (each file read by a model trained on
 * the others), for each (t, h): accuracy, distress caught, false alarms, how many replies were
 * demoted and how many of them are labelled HELP (each of those with its text: they lose the
 * immediate transfer), and the lexicon terms involved. Then the precision of every HELP term of the
 * lexicon over the development corpus (rules alone: of the replies where the term decided HELP, how
 * many are labelled HELP), the worst first — candidates for HELP → ALARM.
 *
 * <pre>
 * ./mvnw -B -q -pl ivr-app -am test -Dtest=RuleHelpDemotionSweep#sweep \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dvariants="0.99,0.01;0.95,0.05;0.9,0.1"
 * </pre>
 *
 * {@code -Dterms=30} sets how many terms are listed, {@code -DminFired=2} how often a term must
 * have decided HELP to be listed; {@code -Dmisses=1} lists every demoted reply; {@code
 * -Dlexicon=true} also moves each listed term from HELP to ALARM in a copy of the lexicon (the file
 * is not changed) and measures it the same way, alone and then together with those that lost no
 * HELP verdict. Never run it on a holdout.
 */
class RuleHelpDemotionSweep {

  public static void main(String[] args) {
    run(args.length > 0 ? args[0] : "0.99,1", Integer.getInteger("terms", 30));
  }

  @Test
  void sweep() {
    run(
        System.getProperty("variants", "0.99,0.01;0.95,0.05;0.9,0.1"),
        Integer.getInteger("terms", 30));
  }

  static void run(String spec, int terms) {
    IntentClassifier base = IntentClassifier.loadDefault();
    List<DevCorpus.Row> rows = DevCorpus.load(Language.CMN);
    List<String> worst = termPrecision(base, rows, terms);
    List<String> sources = rows.stream().map(DevCorpus.Row::source).distinct().toList();
    Map<String, Map<Language, IntentModel>> models = new LinkedHashMap<>();
    sources.parallelStream()
        .map(
            source -> {
              List<DevCorpus.Row> train =
                  rows.stream().filter(r -> !r.source().equals(source)).toList();
              Map<Language, IntentModel> model = new EnumMap<>(Language.class);
              model.put(Language.CMN, IntentClassifier.train(Language.CMN, train));
              return Map.entry(source, model);
            })
        .toList()
        .forEach(e -> models.put(e.getKey(), e.getValue()));
    Figures off = lowo("off", base, rows, models, ReviewPolicy.DEFAULT);
    System.out.println(
        "DEMOTE   t      h    accuracy  caught     false alarms  demoted (labelled HELP / right"
            + " now / wrong before and after)");
    System.out.println(line("off", off, 0, 0, 0, 0));
    for (String entry : spec.split(";")) {
      if (entry.isBlank()) continue;
      String[] f = entry.trim().split(",");
      double t = Double.parseDouble(f[0]);
      double h = Double.parseDouble(f[1]);
      Figures on = lowo(entry.trim(), base, rows, models, ReviewPolicy.DEFAULT.withDemotion(t, h));
      List<Outcome> demoted = new ArrayList<>();
      List<Outcome> lost = new ArrayList<>();
      int fixed = 0;
      int stillWrong = 0;
      Map<String, int[]> involved = new TreeMap<>();
      for (int i = 0; i < on.outcomes().size(); i++) {
        Outcome before = off.outcomes().get(i);
        Outcome after = on.outcomes().get(i);
        if (before.verdict().equals(after.verdict())) continue;
        demoted.add(after);
        boolean help = after.help();
        if (help) lost.add(after);
        else if (after.right()) fixed++;
        else stillWrong++;
        for (String term : before.understanding().matched()) {
          involved.computeIfAbsent(term, k -> new int[2])[help ? 0 : 1]++;
        }
      }
      System.out.println(
          line(
              String.format("%.2f %5.2f", t, h),
              on,
              demoted.size(),
              lost.size(),
              fixed,
              stillWrong));
      for (Outcome o : lost) {
        System.out.println("  LOST HELP " + describe(o));
      }
      StringBuilder terms0 = new StringBuilder("  terms (labelled HELP / other):");
      involved.entrySet().stream()
          .sorted(
              (a, b) -> (b.getValue()[0] + b.getValue()[1]) - (a.getValue()[0] + a.getValue()[1]))
          .forEach(
              e ->
                  terms0
                      .append(' ')
                      .append(e.getKey())
                      .append(' ')
                      .append(e.getValue()[0])
                      .append('/')
                      .append(e.getValue()[1]));
      System.out.println(terms0);
      if (System.getProperty("misses") != null) {
        demoted.forEach(o -> System.out.println("  DEMOTED " + describe(o)));
      }
    }
    if (Boolean.getBoolean("lexicon")) {
      lexiconDemotions(base, rows, models, off, worst);
    }
  }

  /**
   * Each of the worst terms moved from HELP to ALARM (a HELP.KIND term also to NEEDS.KIND) in a
   * copy of the lexicon, alone, and then together those that lost no HELP verdict and fixed some:
   * the same leave-one-writer-out models, the policy in use. The lexicon file is not changed.
   */
  private static void lexiconDemotions(
      IntentClassifier base,
      List<DevCorpus.Row> rows,
      Map<String, Map<Language, IntentModel>> models,
      Figures off,
      List<String> worst) {
    System.out.println(
        "LEXICON term → ALARM  accuracy  caught     false alarms  changed (labelled HELP lost HELP /"
            + " right now / other)");
    List<String> safe = new ArrayList<>();
    for (String term : worst) {
      int[] d = lexiconVariant(base, rows, models, off, List.of(term), false);
      if (d != null && d[0] == 0 && d[1] > 0) safe.add(term);
    }
    if (!safe.isEmpty()) {
      lexiconVariant(base, rows, models, off, safe, true);
    }
  }

  private static int[] lexiconVariant(
      IntentClassifier base,
      List<DevCorpus.Row> rows,
      Map<String, Map<Language, IntentModel>> models,
      Figures off,
      List<String> terms,
      boolean list) {
    IntentClassifier demoted;
    try {
      demoted = withAlarms(base, terms);
    } catch (RuntimeException | java.io.IOException e) {
      System.out.println("LEXICON " + terms + " not demoted: " + e.getMessage());
      return null;
    }
    Figures on = lowo(terms.toString(), demoted, rows, models, ReviewPolicy.DEFAULT);
    int lost = 0;
    int fixed = 0;
    int other = 0;
    for (int i = 0; i < on.outcomes().size(); i++) {
      Outcome before = off.outcomes().get(i);
      Outcome after = on.outcomes().get(i);
      if (before.verdict().equals(after.verdict()) && before.review() == after.review()) continue;
      if (after.help() && before.verdict().equals("HELP") && !after.verdict().equals("HELP")) {
        lost++;
        if (list) System.out.println("  LOST HELP " + describe(after));
      } else if (after.right() && !before.right()) {
        fixed++;
      } else {
        other++;
        if (list)
          System.out.println("  OTHER " + describe(after) + " (was " + before.verdict() + ")");
      }
    }
    System.out.println(
        String.format(
            "LEXICON %-14s %5.2f %%  %4d/%-4d  %3d/%-4d     %d / %d / %d",
            terms.size() == 1 ? terms.get(0) : terms.size() + " terms " + terms,
            100 * on.accuracy(),
            on.caught(),
            on.distress(),
            on.falseAlarms(),
            on.outcomes().size() - on.distress(),
            lost,
            fixed,
            other));
    return new int[] {lost, fixed, other};
  }

  /** The classifier with a copy of the Mandarin lexicon in which these HELP terms are ALARM. */
  private static IntentClassifier withAlarms(IntentClassifier base, List<String> terms)
      throws java.io.IOException {
    String resource = "speech/lexicon-cmn.txt";
    String text;
    try (var in = RuleHelpDemotionSweep.class.getClassLoader().getResourceAsStream(resource)) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder();
    StringBuilder added = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int colon = line.indexOf(':');
      String key = colon < 0 ? "" : line.substring(0, colon).strip();
      if (!line.startsWith("#") && (key.equals("HELP") || key.startsWith("HELP."))) {
        List<String> kept = new ArrayList<>();
        for (String t : line.substring(colon + 1).split("\\|")) {
          String term = t.strip();
          if (terms.contains(term.endsWith("!") ? term.substring(0, term.length() - 1) : term)) {
            added.append("ALARM: ").append(term).append('\n');
            if (key.startsWith("HELP.")) {
              added.append("NEEDS").append(key.substring(4)).append(": ").append(term).append('\n');
            }
          } else if (!term.isEmpty()) {
            kept.add(term);
          }
        }
        if (!kept.isEmpty()) out.append(key).append(": ").append(String.join(" | ", kept));
        out.append('\n');
      } else {
        out.append(line).append('\n');
      }
    }
    out.append(added);
    Lexicon lexicon =
        Lexicon.parse(Language.CMN, "demoted " + terms, new java.io.StringReader(out.toString()));
    Map<Language, Lexicon> lexicons = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      lexicons.put(language, language == Language.CMN ? lexicon : base.lexicon(language));
    }
    return new IntentClassifier(lexicons, base.questions());
  }

  private static String line(
      String variant, Figures f, int demoted, int lost, int fixed, int stillWrong) {
    return String.format(
        "DEMOTE %-12s %5.2f %%  %4d/%-4d  %3d/%-4d     %3d (%d / %d / %d)",
        variant,
        100 * f.accuracy(),
        f.caught(),
        f.distress(),
        f.falseAlarms(),
        f.outcomes().size() - f.distress(),
        demoted,
        lost,
        fixed,
        stillWrong);
  }

  private static String describe(Outcome o) {
    Understanding u = o.understanding();
    return String.format(
        "%s:%d [%s] %s: expected %s, got %s %s %s alarms=%s model=%s",
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
                "%s %.3f help %.3f", u.model().intent(), u.model().confidence(), u.model().help()));
  }

  /** Each development file read by its leave-one-writer-out model, pooled in file order. */
  private static Figures lowo(
      String part,
      IntentClassifier base,
      List<DevCorpus.Row> rows,
      Map<String, Map<Language, IntentModel>> models,
      ReviewPolicy policy) {
    List<Figures> parts = new ArrayList<>();
    models.forEach(
        (source, model) ->
            parts.add(
                CorpusFigures.evaluate(
                    source,
                    base.withModels(model).withPolicy(policy),
                    Language.CMN,
                    rows.stream().filter(r -> r.source().equals(source)).toList())));
    return CorpusFigures.pooled(part, parts);
  }

  /**
   * Per HELP term, over the development corpus read by the rules alone: the replies it decided HELP
   * in, how many are labelled HELP, and how many of the others it decided alone (no other HELP term
   * in the reply: demoting the term to ALARM would change their rules' verdict).
   */
  private static List<String> termPrecision(
      IntentClassifier base, List<DevCorpus.Row> rows, int limit) {
    int minFired = Integer.getInteger("minFired", 2);
    Map<String, int[]> counts = new TreeMap<>(); // fired, labelled HELP, other alone, HELP alone
    Map<String, List<String>> wrong = new TreeMap<>(); // the replies not labelled HELP
    for (DevCorpus.Row row : rows) {
      List<String> matched = helpTerms(base, row);
      if (matched.isEmpty()) continue;
      boolean help = row.expected().equals("HELP");
      boolean alone = matched.size() == 1;
      for (String term : matched) {
        int[] c = counts.computeIfAbsent(term, k -> new int[4]);
        c[0]++;
        if (help) c[1]++;
        if (!help && alone) c[2]++;
        if (!help)
          wrong
              .computeIfAbsent(term, k -> new ArrayList<>())
              .add(row.utterance() + " (" + row.expected() + ")");
        if (help && alone) c[3]++;
      }
    }
    System.out.println(
        "TERM   precision  fired  labelled HELP  other, term alone  HELP, term alone  (worst first)");
    List<String> worst = new ArrayList<>();
    counts.entrySet().stream()
        .filter(e -> e.getValue()[0] > e.getValue()[1] && e.getValue()[0] >= minFired)
        .sorted(
            (a, b) -> {
              double pa = (double) a.getValue()[1] / a.getValue()[0];
              double pb = (double) b.getValue()[1] / b.getValue()[0];
              return pa != pb
                  ? Double.compare(pa, pb)
                  : Integer.compare(
                      b.getValue()[0] - b.getValue()[1], a.getValue()[0] - a.getValue()[1]);
            })
        .limit(limit)
        .forEach(
            e -> {
              int[] c = e.getValue();
              worst.add(e.getKey());
              System.out.printf(
                  "TERM %-12s %5.1f %%  %4d  %4d  %4d  %4d  e.g. %s%n",
                  e.getKey(),
                  100.0 * c[1] / c[0],
                  c[0],
                  c[1],
                  c[2],
                  c[3],
                  String.join(" / ", wrong.getOrDefault(e.getKey(), List.of())));
            });
    long all = counts.size();
    // (printed after the list)
    long perfect = counts.values().stream().filter(c -> c[0] == c[1]).count();
    System.out.printf("TERMS %d HELP terms fired, %d never wrong%n", all, perfect);
    return worst;
  }

  /**
   * The HELP terms that decided a row's HELP by the rules alone (empty: the rules gave no HELP).
   */
  private static List<String> helpTerms(IntentClassifier base, DevCorpus.Row row) {
    String q = row.questionId();
    if (q != null && base.questions().rule(q).confirm()) {
      Confirmation c = base.confirm(row.utterance(), Language.CMN);
      return c.answer() == Confirmation.Answer.HELP
          ? c.matched().stream().distinct().toList()
          : List.of();
    }
    Understanding rules = base.rulesOnly(row.utterance(), Language.CMN, q);
    return rules.intent() == Intent.HELP ? rules.matched().stream().distinct().toList() : List.of();
  }
}
