package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the labelled answer tables (src/test/resources/speech/labelled-*.tsv, the development set,
 * and holdout-*.tsv, written after tuning), prints the accuracy, a confusion summary and every
 * miss, and holds the floors: intent accuracy at least 90 %, needs accuracy at least 85 %, and
 * every distress answer understood as HELP.
 */
class LabelledAnswersTest {

  private static final double INTENT_FLOOR = 0.90;
  private static final double NEEDS_FLOOR = 0.85;

  private static final IntentClassifier CLASSIFIER = IntentClassifier.loadDefault();

  record Row(int line, String question, String utterance, String expected, Set<NeedKind> needs) {}

  record Outcome(Row row, String actual, Set<NeedKind> needs, List<String> matched) {
    boolean intentRight() {
      return actual.equals(row.expected());
    }

    boolean needsRight() {
      return row.question().equals("identity") || needs.equals(row.needs());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"cmn, labelled", "en, labelled", "cmn, holdout", "en, holdout"})
  void labelledAnswersAreUnderstood(String code, String table) throws IOException {
    Language language = Language.fromCode(code);
    List<Row> rows = rows(table + "-" + code + ".tsv");
    List<Outcome> outcomes = rows.stream().map(row -> understand(row, language)).toList();

    long intentsRight = outcomes.stream().filter(Outcome::intentRight).count();
    long needsRight = outcomes.stream().filter(Outcome::needsRight).count();
    List<Outcome> distress =
        outcomes.stream().filter(o -> o.row().expected().equals("HELP")).toList();
    List<Outcome> missedDistress = distress.stream().filter(o -> !o.intentRight()).toList();
    long falseAlarms =
        outcomes.stream()
            .filter(o -> o.actual().equals("HELP") && !o.row().expected().equals("HELP"))
            .count();

    code = code + (table.equals("labelled") ? "" : " " + table);
    System.out.printf(
        "%n%s intent accuracy: %d/%d = %.1f%%%n",
        code, intentsRight, rows.size(), 100.0 * intentsRight / rows.size());
    System.out.printf(
        "%s needs accuracy: %d/%d = %.1f%%%n",
        code, needsRight, rows.size(), 100.0 * needsRight / rows.size());
    System.out.printf(
        "%s distress recall: %d/%d; false alarms: %d%n",
        code, distress.size() - missedDistress.size(), distress.size(), falseAlarms);
    System.out.println(code + " confusion (expected -> actual: count):");
    confusion(outcomes).forEach((pair, count) -> System.out.printf("  %-22s %3d%n", pair, count));
    System.out.println(code + " misunderstood lines:");
    outcomes.stream()
        .filter(o -> !o.intentRight() || !o.needsRight())
        .forEach(
            o ->
                System.out.printf(
                    "  line %d [%s] %s: expected %s %s, got %s %s %s%n",
                    o.row().line(),
                    o.row().question(),
                    o.row().utterance(),
                    o.row().expected(),
                    o.row().needs(),
                    o.actual(),
                    o.needs(),
                    o.matched()));

    assertThat(missedDistress)
        .as("distress answers not understood as HELP (recall must be 100%%)")
        .isEmpty();
    assertThat((double) intentsRight / rows.size())
        .as(code + " intent accuracy")
        .isGreaterThanOrEqualTo(INTENT_FLOOR);
    assertThat((double) needsRight / rows.size())
        .as(code + " needs accuracy")
        .isGreaterThanOrEqualTo(NEEDS_FLOOR);
  }

  private static Outcome understand(Row row, Language language) {
    if (row.question().equals("identity")) {
      Confirmation confirmation = CLASSIFIER.confirm(row.utterance(), language);
      return new Outcome(row, confirmation.answer().name(), Set.of(), confirmation.matched());
    }
    String question = row.question().equals("-") ? null : row.question();
    Understanding understanding = CLASSIFIER.classify(row.utterance(), language, question);
    return new Outcome(
        row, understanding.intent().name(), understanding.needs(), understanding.matched());
  }

  private static Map<String, Long> confusion(List<Outcome> outcomes) {
    return outcomes.stream()
        .collect(
            Collectors.groupingBy(
                o -> o.row().expected() + " -> " + o.actual(),
                TreeMap::new,
                Collectors.counting()));
  }

  static List<Row> rows(String file) throws IOException {
    String resource = "speech/" + file;
    List<Row> rows = new ArrayList<>();
    try (InputStream in =
        LabelledAnswersTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank() || lines[i].startsWith("#")) {
          continue;
        }
        String[] fields = lines[i].split("\t", -1);
        assertThat(fields).as(resource + " line " + (i + 1)).hasSize(4);
        rows.add(new Row(i + 1, fields[0], fields[1], fields[2], needs(fields[3])));
      }
    }
    return rows;
  }

  private static Set<NeedKind> needs(String field) {
    if (field.equals("-")) {
      return Set.of();
    }
    Set<NeedKind> needs = EnumSet.noneOf(NeedKind.class);
    Arrays.stream(field.split(",")).map(String::strip).map(NeedKind::valueOf).forEach(needs::add);
    return needs;
  }
}
