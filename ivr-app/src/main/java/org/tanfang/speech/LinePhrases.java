package org.tanfang.speech;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tanfang.callflow.LineRecognizer.Kind;

/**
 * The carrier and voicemail phrases of one language ({@code speech/line-<lang>.txt}: kind TAB
 * phrase): the grammar the line check recognises with, and the kind a transcript names.
 *
 * <p>A Mandarin file may also hold Latin-script phrases ("power off"): Chinese carriers play the
 * English version of an announcement after the Chinese one, and a transcript (or a carrier's own
 * text) may carry either. Latin phrases are matched word by word, with punctuation ignored, and are
 * left out of the Mandarin Vosk grammar (the Mandarin model cannot spell them). Chinese phrases are
 * matched with whitespace and punctuation (，。！ and ASCII) ignored.
 */
final class LinePhrases {

  record Phrase(Kind kind, String text) {}

  private final Language language;
  private final List<Phrase> phrases;

  private LinePhrases(Language language, List<Phrase> phrases) {
    this.language = language;
    this.phrases = List.copyOf(phrases);
  }

  static LinePhrases load(Language language) {
    String resource = "speech/line-" + language.code() + ".txt";
    try (InputStream in = LinePhrases.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + resource);
      }
      return parse(language, new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LinePhrases parse(Language language, String text, String name) {
    List<Phrase> phrases = new ArrayList<>();
    int n = 0;
    try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        n++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = trimmed.split("\t");
        if (fields.length != 2 || fields[1].isBlank()) {
          throw new IllegalStateException(name + " line " + n + ": expected kind TAB phrase");
        }
        Kind kind = Kind.valueOf(fields[0].strip());
        if (kind == Kind.SOUND || kind == Kind.QUIET) {
          throw new IllegalStateException(name + " line " + n + ": " + kind + " is not a phrase");
        }
        phrases.add(new Phrase(kind, fields[1].strip().toLowerCase(Locale.ROOT)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LinePhrases(language, phrases);
  }

  List<Phrase> phrases() {
    return phrases;
  }

  /** The grammar phrases as the model spells them, plus {@code [unk]} for any other sound. */
  List<String> grammar(Set<String> vocabulary) {
    Set<String> out = new LinkedHashSet<>();
    for (Phrase p : phrases) {
      if (language != Language.EN && latin(p.text())) {
        continue;
      }
      List<String> units =
          language == Language.EN
              ? List.of(p.text().split(" "))
              : p.text().codePoints().mapToObj(Character::toString).toList();
      String spoken = VoskGrammar.spoken(units, language, vocabulary);
      if (vocabulary.isEmpty() || VoskGrammar.missingWords(List.of(spoken), vocabulary).isEmpty()) {
        out.add(spoken);
      }
    }
    out.add("[unk]");
    return List.copyOf(out);
  }

  /**
   * The kind a transcript names: the longest phrase it contains, a network kind before a person's
   * word; SOUND when it contains none.
   */
  Kind kindOf(String transcript) {
    String lower = transcript == null ? "" : transcript.toLowerCase(Locale.ROOT);
    String words = words(lower);
    String joined = PUNCTUATION.matcher(lower).replaceAll("").replaceAll("\\s+", "");
    if (words.isBlank() && joined.isBlank()) {
      return Kind.SOUND;
    }
    return phrases.stream()
        .filter(p -> contains(words, joined, p.text()))
        .max(
            Comparator.comparing((Phrase p) -> p.kind().network())
                .thenComparingInt(p -> p.text().length()))
        .map(Phrase::kind)
        .orElse(Kind.SOUND);
  }

  private static final java.util.regex.Pattern PUNCTUATION =
      java.util.regex.Pattern.compile("[\\p{P}\\p{S}]");

  /** Where Chinese characters meet Latin letters with no space between ("已关机sorry"). */
  private static final java.util.regex.Pattern SCRIPT_BOUNDARY =
      java.util.regex.Pattern.compile("(?<=\\p{IsHan})(?=[a-z0-9])|(?<=[a-z0-9])(?=\\p{IsHan})");

  /** The transcript as space-separated words, punctuation as a space: " the number is off ". */
  private static String words(String lower) {
    String spaced =
        SCRIPT_BOUNDARY.matcher(PUNCTUATION.matcher(lower).replaceAll(" ")).replaceAll(" ");
    return " " + spaced.strip().replaceAll("\\s+", " ") + " ";
  }

  private static boolean latin(String phrase) {
    return phrase.chars().anyMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  }

  private boolean contains(String words, String joined, String phrase) {
    if (language == Language.EN || latin(phrase)) {
      return words.contains(words(phrase));
    }
    return joined.contains(PUNCTUATION.matcher(phrase).replaceAll("").replaceAll("\\s+", ""));
  }
}
