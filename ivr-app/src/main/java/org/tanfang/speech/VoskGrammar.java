package org.tanfang.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The phrase lists that constrain Vosk to the answers a question expects, as the JSON array {@code
 * new Recognizer(model, sampleRate, grammarJson)} takes.
 *
 * <p>A question's phrases are its lexicon keys' terms (see {@link Questions}) plus, always, the
 * distress terms (HELP counts at any question), the modifiers, fillers and carrier words. Vosk
 * estimates a bigram model with back-off from the phrases (vosk-api {@code
 * Recognizer::UpdateGrammarFst}), so answers that join several phrases ("我 没有 摔倒", "i'm not dizzy")
 * remain recognisable without listing every combination; a gapped term (胸口…闷) is given as its parts
 * together. English phrases are the lower-case words of the lexicon. Mandarin phrases are split
 * into the model's words when its vocabulary is given (longest known word first, else single
 * characters), and into single characters otherwise. {@code [unk]} is added only when the model's
 * vocabulary has it (the zamia English test model does not).
 */
public final class VoskGrammar {

  private static final Set<Role> ALWAYS =
      EnumSet.of(
          Role.HELP,
          Role.ALARM,
          Role.NEGATOR,
          Role.BRIDGE,
          Role.INTENSIFIER,
          Role.HEDGE,
          Role.FILLER,
          Role.CARRIER);
  private static final String UNKNOWN = "[unk]";

  private final IntentClassifier classifier;

  public VoskGrammar(IntentClassifier classifier) {
    this.classifier = classifier;
  }

  /** The phrases for a question, without a model vocabulary (Mandarin split into characters). */
  public List<String> phrases(String questionId, Language language) {
    return phrases(questionId, language, Set.of());
  }

  /**
   * The phrases for a question; {@code vocabulary} (the model's {@code graph/words.txt}, see {@link
   * #readWords}) guides Mandarin word splitting and adds {@code [unk]} if it has it.
   */
  public List<String> phrases(String questionId, Language language, Set<String> vocabulary) {
    Questions.Rule rule = classifier.questions().rule(questionId);
    Lexicon lexicon = classifier.lexicon(language);
    List<Term> wanted = new ArrayList<>();
    for (Term term : lexicon.terms()) {
      if (wanted(term, rule)) {
        wanted.add(term);
      }
    }
    Set<String> phrases = new LinkedHashSet<>();
    for (Term term : wanted) {
      phrases.add(spoken(term.units(), language, vocabulary));
    }
    if (vocabulary.contains(UNKNOWN)) {
      phrases.add(UNKNOWN);
    }
    return List.copyOf(phrases);
  }

  /**
   * The phrases of the distress pass ({@link SpeechProperties.Fallback#DISTRESS_GRAMMAR}): every
   * distress (HELP) and distress-like (ALARM) term and the negators, and {@code [unk]} for the
   * rest, so the decoder is not pushed into the question's answers.
   */
  public List<String> distressPhrases(Language language, Set<String> vocabulary) {
    Set<String> phrases = new LinkedHashSet<>();
    for (Term term : classifier.lexicon(language).terms()) {
      if (term.has(Role.HELP) || term.has(Role.ALARM) || term.has(Role.NEGATOR)) {
        phrases.add(spoken(term.units(), language, vocabulary));
      }
    }
    if (vocabulary.contains(UNKNOWN)) {
      phrases.add(UNKNOWN);
    }
    return List.copyOf(phrases);
  }

  /** The grammar JSON for a question, without a model vocabulary. */
  public String json(String questionId, Language language) {
    return toJson(phrases(questionId, language));
  }

  /** The grammar JSON for a question and a model vocabulary. */
  public String json(String questionId, Language language, Set<String> vocabulary) {
    return toJson(phrases(questionId, language, vocabulary));
  }

  /** The words of the phrases that the vocabulary lacks, sorted. */
  public static Set<String> missingWords(List<String> phrases, Set<String> vocabulary) {
    Set<String> missing = new TreeSet<>();
    for (String phrase : phrases) {
      for (String word : phrase.split(" ")) {
        if (!vocabulary.contains(word)) {
          missing.add(word);
        }
      }
    }
    return missing;
  }

  /** Reads a Kaldi {@code words.txt} ("word id" per line) into a set of words. */
  public static Set<String> readWords(Path wordsTxt) throws IOException {
    Set<String> words = new LinkedHashSet<>();
    for (String line : Files.readAllLines(wordsTxt, StandardCharsets.UTF_8)) {
      String[] fields = line.strip().split("\\s+");
      if (!fields[0].isEmpty()) {
        words.add(fields[0]);
      }
    }
    return words;
  }

  /** A JSON array of strings. */
  public static String toJson(List<String> phrases) {
    StringBuilder json = new StringBuilder("[");
    for (String phrase : phrases) {
      if (json.length() > 1) {
        json.append(", ");
      }
      json.append('"');
      for (char c : phrase.toCharArray()) {
        switch (c) {
          case '"' -> json.append("\\\"");
          case '\\' -> json.append("\\\\");
          default -> {
            if (c < 0x20) {
              json.append(String.format("\\u%04x", (int) c));
            } else {
              json.append(c);
            }
          }
        }
      }
      json.append('"');
    }
    return json.append(']').toString();
  }

  private static boolean wanted(Term term, Questions.Rule rule) {
    for (Role role : ALWAYS) {
      if (term.has(role)) {
        return true;
      }
    }
    for (Questions.GrammarKey key : rule.grammar()) {
      if (term.has(key.role()) && (key.kind() == null || key.kind() == term.need())) {
        return true;
      }
    }
    return false;
  }

  private static String spoken(List<String> units, Language language, Set<String> vocabulary) {
    if (language == Language.EN) {
      return String.join(" ", units);
    }
    List<String> words = new ArrayList<>();
    int at = 0;
    while (at < units.size()) {
      int end = units.size();
      while (end > at + 1 && !vocabulary.contains(String.join("", units.subList(at, end)))) {
        end--;
      }
      words.add(String.join("", units.subList(at, end)));
      at = end;
    }
    return String.join(" ", words);
  }
}
