package org.tanfang.speech;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grammar JSON per model and question, built once. Phrases with a word the model does not know
 * are left out (Vosk would warn and drop them anyway). Without a question, every question's phrases
 * are expected (the API's "try a reply" case).
 */
final class RecognitionGrammars {

  private static final Logger log = LoggerFactory.getLogger(RecognitionGrammars.class);

  private final VoskGrammar grammar;
  private final Questions questions;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  RecognitionGrammars(IntentClassifier classifier) {
    this.grammar = new VoskGrammar(classifier);
    this.questions = classifier.questions();
  }

  String json(SpeechModel model, String questionId) {
    String key = model.dir() + "|" + model.language().code() + "|" + questionId;
    return cache.computeIfAbsent(key, k -> build(model, questionId));
  }

  /** The distress pass's grammar JSON for a model (see {@link VoskGrammar#distressPhrases}). */
  String distressJson(SpeechModel model) {
    String key = model.dir() + "|" + model.language().code() + "|distress";
    return cache.computeIfAbsent(
        key,
        k ->
            known(
                model,
                "distress",
                new LinkedHashSet<>(
                    grammar.distressPhrases(model.language(), model.vocabulary()))));
  }

  private String build(SpeechModel model, String questionId) {
    Set<String> phrases = new LinkedHashSet<>();
    for (String id : questionId == null ? questions.ids() : Set.of(questionId)) {
      phrases.addAll(grammar.phrases(id, model.language(), model.vocabulary()));
    }
    return known(model, questionId, phrases);
  }

  /** The phrases whose words the model knows, as JSON (the others are logged and left out). */
  private static String known(SpeechModel model, String questionId, Set<String> phrases) {
    if (!model.vocabulary().isEmpty()) {
      Set<String> missing = VoskGrammar.missingWords(List.copyOf(phrases), model.vocabulary());
      if (!missing.isEmpty()) {
        log.warn(
            "Grammar for {} question {}: model {} lacks the words {}; phrases with them left out",
            model.language().code(),
            questionId,
            model.name(),
            missing);
        phrases.removeIf(p -> !VoskGrammar.missingWords(List.of(p), model.vocabulary()).isEmpty());
      }
    }
    return VoskGrammar.toJson(List.copyOf(phrases));
  }
}
