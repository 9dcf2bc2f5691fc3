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
    String heard = normalise(transcript);
    if (heard.isBlank()) {
      return Kind.SOUND;
    }
    return phrases.stream()
        .filter(p -> contains(heard, p.text()))
        .max(
            Comparator.comparing((Phrase p) -> p.kind().network())
                .thenComparingInt(p -> p.text().length()))
        .map(Phrase::kind)
        .orElse(Kind.SOUND);
  }

  private String normalise(String text) {
    String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return language == Language.EN
        ? " " + lower.replaceAll("\\s+", " ") + " "
        : lower.replaceAll("\\s+", "");
  }

  private boolean contains(String heard, String phrase) {
    return language == Language.EN
        ? heard.contains(" " + phrase.strip() + " ")
        : heard.contains(phrase.replaceAll("\\s+", ""));
  }
}
