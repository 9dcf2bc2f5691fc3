package org.tanfang.speech;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The synonym classes of Mandarin words, from the extended Tongyici Cilin (同义词词林扩展版) that HanLP
 * portable ships as {@code data/dictionary/synonym/CoreSynonym.txt} (no extra download, no extra
 * jar size). Each line is a class code of eight characters ({@code Fd05B01=}: major, medium and
 * minor category, word group, atom group, and {@code =} synonyms, {@code #} related, {@code @} a
 * word alone) followed by its words; a word may be in several classes. Read once, on first use;
 * immutable afterwards.
 */
final class SynonymClasses {

  static final String RESOURCE = "data/dictionary/synonym/CoreSynonym.txt";

  private static final class Holder {
    static final Map<String, List<String>> CLASSES = load();
  }

  private SynonymClasses() {}

  /** The class codes (seven characters, without the relation mark) of a word; empty if none. */
  static List<String> of(String word) {
    return Holder.CLASSES.getOrDefault(word, List.of());
  }

  /** Whether the dictionary knows the word. */
  static boolean known(String word) {
    return Holder.CLASSES.containsKey(word);
  }

  /** How many words the dictionary knows (forces loading). */
  static int size() {
    return Holder.CLASSES.size();
  }

  private static Map<String, List<String>> load() {
    Map<String, List<String>> classes = new HashMap<>();
    try (InputStream in = SynonymClasses.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " not on the class path (HanLP portable)");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] fields = line.strip().split(" ");
        if (fields.length < 2 || fields[0].length() != 8) {
          continue;
        }
        String code = fields[0].substring(0, 7);
        for (int i = 1; i < fields.length; i++) {
          List<String> codes = classes.computeIfAbsent(fields[i], w -> new java.util.ArrayList<>());
          if (!codes.contains(code)) {
            codes.add(code);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
    Map<String, List<String>> frozen = new HashMap<>();
    classes.forEach((word, codes) -> frozen.put(word, List.copyOf(codes)));
    return Map.copyOf(frozen);
  }
}
