package org.tanfang.speech;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a bare answer means for each question of the visit, read from {@code speech/questions.txt}.
 *
 * <p>Line format: {@code id: yes=OUTCOME no=OUTCOME bad=OUTCOME grammar=KEY,KEY,…} for a question
 * about the elder's state, or {@code id: confirm grammar=…} for a yes/no confirmation (the identity
 * question). OUTCOME is FINE, UNWELL, UNCLEAR or NEEDS.&lt;KIND&gt;. {@code yes}/{@code no} give
 * the meaning of a bare 有/没有; {@code bad} the meaning of a generic bad word (不好) — the same 不太好 is
 * UNWELL about health but a COMPANY need about family. {@code grammar} lists the lexicon keys whose
 * terms the recogniser should expect (HELP and modifiers are always added).
 */
public final class Questions {

  /** The meaning of a bare answer: an intent, with a need kind when it is NEEDS. */
  record Outcome(Intent intent, NeedKind need) {}

  /** One question's rules. */
  record Rule(
      String id, boolean confirm, Outcome yes, Outcome no, Outcome bad, List<GrammarKey> grammar) {}

  /** A lexicon key in a grammar list; a null kind with NEEDS means every kind. */
  record GrammarKey(Role role, NeedKind kind) {}

  private static final Set<String> STATUS_ATTRIBUTES = Set.of("yes", "no", "bad", "grammar");

  private final Map<String, Rule> rules;

  private Questions(Map<String, Rule> rules) {
    this.rules = Collections.unmodifiableMap(rules);
  }

  public static Questions load() {
    String resource = "speech/questions.txt";
    InputStream in = Questions.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new LexiconException(resource, 0, "not found on the class path");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(resource, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  public static Questions parse(String source, Reader reader) throws IOException {
    Map<String, Rule> rules = new LinkedHashMap<>();
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Rule rule = rule(source, number, line);
      if (rules.putIfAbsent(rule.id(), rule) != null) {
        throw new LexiconException(source, number, "question '" + rule.id() + "' defined twice");
      }
    }
    return new Questions(rules);
  }

  /** The question ids, in file order. */
  public Set<String> ids() {
    return rules.keySet();
  }

  Rule rule(String id) {
    Rule rule = rules.get(id);
    if (rule == null) {
      throw new IllegalArgumentException("Unknown question id '" + id + "' (known: " + ids() + ")");
    }
    return rule;
  }

  private static Rule rule(String source, int number, String line) {
    int colon = line.indexOf(':');
    if (colon < 1) {
      throw new LexiconException(source, number, "expected 'id: attribute=value …'");
    }
    String id = line.substring(0, colon).strip();
    Map<String, String> attributes = new LinkedHashMap<>();
    boolean confirm = false;
    for (String part : line.substring(colon + 1).strip().split("\\s+")) {
      if (part.equals("confirm")) {
        confirm = true;
        continue;
      }
      String[] pair = part.split("=", 2);
      if (pair.length != 2 || !STATUS_ATTRIBUTES.contains(pair[0])) {
        throw new LexiconException(source, number, "unknown attribute '" + part + "'");
      }
      attributes.put(pair[0], pair[1]);
    }
    List<GrammarKey> grammar = grammar(source, number, attributes.getOrDefault("grammar", ""));
    if (confirm) {
      return new Rule(id, true, null, null, null, grammar);
    }
    for (String needed : List.of("yes", "no", "bad")) {
      if (!attributes.containsKey(needed)) {
        throw new LexiconException(source, number, "question '" + id + "' lacks " + needed + "=");
      }
    }
    return new Rule(
        id,
        false,
        outcome(source, number, attributes.get("yes")),
        outcome(source, number, attributes.get("no")),
        outcome(source, number, attributes.get("bad")),
        grammar);
  }

  private static Outcome outcome(String source, int number, String text) {
    if (text.startsWith("NEEDS.")) {
      try {
        return new Outcome(Intent.NEEDS, NeedKind.valueOf(text.substring(6)));
      } catch (IllegalArgumentException e) {
        throw new LexiconException(source, number, "unknown need kind in '" + text + "'");
      }
    }
    return switch (text) {
      case "FINE" -> new Outcome(Intent.FINE, null);
      case "UNWELL" -> new Outcome(Intent.UNWELL, null);
      case "UNCLEAR" -> new Outcome(Intent.UNCLEAR, null);
      default ->
          throw new LexiconException(
              source,
              number,
              "outcome '" + text + "' is not FINE, UNWELL, UNCLEAR or NEEDS.<KIND>");
    };
  }

  private static List<GrammarKey> grammar(String source, int number, String list) {
    List<GrammarKey> keys = new ArrayList<>();
    for (String key : list.split(",")) {
      if (key.isBlank()) {
        continue;
      }
      Role role = Role.fromKey(key);
      if (role == null) {
        throw new LexiconException(source, number, "unknown lexicon key '" + key + "' in grammar");
      }
      String kindName = Role.kindPart(role, key);
      NeedKind kind = null;
      if (kindName != null) {
        try {
          kind = NeedKind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
          throw new LexiconException(source, number, "unknown need kind in '" + key + "'");
        }
      }
      keys.add(new GrammarKey(role, kind));
    }
    return List.copyOf(keys);
  }
}
