package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VoskGrammarTest {

  private static final IntentClassifier CLASSIFIER = TrainedClassifier.get();
  private static final VoskGrammar GRAMMAR = new VoskGrammar(CLASSIFIER);
  private static final List<String> QUESTIONS = List.copyOf(CLASSIFIER.questions().ids());

  @ParameterizedTest
  @ValueSource(strings = {"identity", "health", "living", "family", "safety", "needs"})
  void everyQuestionListsTheDistressWords(String question) {
    for (Language language : Language.values()) {
      List<String> phrases = GRAMMAR.phrases(question, language);
      for (Term help : CLASSIFIER.lexicon(language).termsWith(Role.HELP)) {
        String phrase = language == Language.EN ? String.join(" ", help.units()) : spaced(help);
        assertThat(phrases).as(question + " " + language).contains(phrase);
      }
    }
  }

  @Test
  void questionsListWhatTheyExpect() {
    assertThat(GRAMMAR.phrases("health", Language.CMN)).contains("不 舒 服", "没 有", "摔 倒");
    assertThat(GRAMMAR.phrases("identity", Language.CMN)).contains("打 错 了").doesNotContain("孤 单");
    assertThat(GRAMMAR.phrases("health", Language.EN)).contains("not good", "fine", "don't");
    assertThat(GRAMMAR.phrases("family", Language.EN)).contains("lonely");
  }

  @Test
  void jsonIsAnArrayOfStringsForTheRecognizer() {
    String json = GRAMMAR.json("health", Language.EN);
    assertThat(json).startsWith("[\"").endsWith("\"]").doesNotContain("[unk]");
    assertThat(VoskGrammar.toJson(List.of("a \"b\"", "c\\d")))
        .isEqualTo("[\"a \\\"b\\\"\", \"c\\\\d\"]");
  }

  @Test
  void unknownWordTokenOnlyWhenTheModelHasIt() {
    Set<String> vocabulary = Set.of("[unk]", "胸口", "疼");
    List<String> phrases = GRAMMAR.phrases("health", Language.CMN, vocabulary);
    assertThat(phrases).contains("[unk]", "胸口 疼");
    assertThat(GRAMMAR.phrases("health", Language.CMN)).doesNotContain("[unk]");
  }

  @Test
  void englishGrammarIsLowerCase() {
    for (String question : QUESTIONS) {
      for (String phrase : GRAMMAR.phrases(question, Language.EN)) {
        assertThat(phrase).isEqualTo(phrase.toLowerCase()).doesNotContain("  ");
      }
    }
  }

  @Test
  void everyEnglishGrammarWordIsInTheTestModelVocabulary() throws IOException {
    Path words = englishModel().resolve("graph/words.txt");
    assumeTrue(
        Files.isRegularFile(words),
        "English Vosk model word list not found at "
            + words
            + " (set -Dtanfang.vosk.model.en or TANFANG_VOSK_MODEL_EN); skipping the vocabulary"
            + " check");
    Set<String> vocabulary = VoskGrammar.readWords(words);
    Set<String> missing = new TreeSet<>();
    for (String question : QUESTIONS) {
      missing.addAll(VoskGrammar.missingWords(GRAMMAR.phrases(question, Language.EN), vocabulary));
    }
    assertThat(missing).as("English grammar words missing from " + words).isEmpty();
    assertThat(vocabulary).doesNotContain("[unk]");
  }

  private static Path englishModel() {
    String configured = System.getProperty("tanfang.vosk.model.en");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("TANFANG_VOSK_MODEL_EN");
    }
    if (configured == null || configured.isBlank()) {
      configured = "../shared/models/vosk-model-small-en-us-zamia-0.5";
    }
    return Path.of(configured);
  }

  private static String spaced(Term term) {
    List<String> chars = new ArrayList<>(term.units());
    return String.join(" ", chars);
  }
}
