package org.tanfang.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The labelled replies on the class path: the development corpus listed in {@code
 * speech/corpus/index.txt} (the model trains on it), and any other labelled file in the same format
 * (the figures test reads the holdout with it). Format, TAB-separated, {@code #} comments: {@code
 * question utterance expected needs} — question a question id or {@code -}, expected an {@link
 * Intent} name (for {@code identity} a {@link Confirmation.Answer} name), needs a comma list of
 * {@link NeedKind} or {@code -}.
 */
final class DevCorpus {

  static final String DIRECTORY = "speech/corpus/";

  /** One labelled reply; {@code source} and {@code line} say where it was written. */
  record Row(
      String source,
      int line,
      String question,
      String utterance,
      String expected,
      Set<NeedKind> needs) {

    /** The question id, or null for an answer without context ({@code -}). */
    String questionId() {
      return question.equals("-") ? null : question;
    }
  }

  private DevCorpus() {}

  /** The development rows of one language, in index order. */
  static List<Row> load(Language language) {
    List<Row> rows = new ArrayList<>();
    for (String file : files(language)) {
      rows.addAll(read(DIRECTORY + file).orElseThrow(() -> missing(DIRECTORY + file)));
    }
    return List.copyOf(rows);
  }

  /** The development files of one language named by the index. */
  static List<String> files(Language language) {
    String index = DIRECTORY + "index.txt";
    String text = text(index).orElseThrow(() -> missing(index));
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .filter(file -> file.endsWith("-" + language.code() + ".tsv"))
        .toList();
  }

  /** The rows of a labelled file on the class path, or empty when there is no such file. */
  static Optional<List<Row>> read(String resource) {
    return text(resource).map(text -> parse(resource, text));
  }

  static List<Row> parse(String source, String text) {
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 4) {
        throw new LexiconException(source, i + 1, "expected 4 TAB-separated columns");
      }
      rows.add(
          new Row(
              source, i + 1, fields[0].strip(), fields[1], fields[2].strip(), needs(fields[3])));
    }
    return rows;
  }

  private static Set<NeedKind> needs(String field) {
    if (field.strip().equals("-")) {
      return Set.of();
    }
    Set<NeedKind> needs = EnumSet.noneOf(NeedKind.class);
    Arrays.stream(field.split(",")).map(String::strip).map(NeedKind::valueOf).forEach(needs::add);
    return needs;
  }

  private static Optional<String> text(String resource) {
    try (InputStream in = DevCorpus.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  private static LexiconException missing(String resource) {
    return new LexiconException(resource, 0, "not found on the class path");
  }
}
