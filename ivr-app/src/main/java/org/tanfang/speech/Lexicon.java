package org.tanfang.speech;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply vocabulary of one language, read from {@code speech/lexicon-<code>.txt}.
 *
 * <p>File format (UTF-8), one entry per line: {@code KEY: term | term | …}. Blank lines and lines
 * starting with {@code #} are ignored; a key may come back on later lines. A term ending in {@code
 * !} is never negated; a term with {@code …} between parts (胸口…闷) allows a few units between them.
 * Keys: FINE, BAD, UNWELL, RECOVERED, HELP, HELP.&lt;KIND&gt;, NEEDS.&lt;KIND&gt;, YES, NO, FILLER,
 * NEUTRAL, CONFIRM.YES, CONFIRM.NO, NEGATOR, BRIDGE, INTENSIFIER, HEDGE, CARRIER, ALARM; KIND is a
 * {@link NeedKind}. The lexicon files' headers explain each key. Any mistake fails the load with
 * the file and line.
 */
public final class Lexicon {

  private final Language language;
  private final Map<String, Term> terms;
  private final Map<String, List<Term>> byFirstUnit;
  private final int longestSpan;

  private Lexicon(Language language, Map<String, Term> terms) {
    this.language = language;
    this.terms = Collections.unmodifiableMap(terms);
    Map<String, List<Term>> index = new HashMap<>();
    for (Term term : terms.values()) {
      index.computeIfAbsent(term.parts().get(0).get(0), k -> new ArrayList<>()).add(term);
    }
    this.byFirstUnit = index;
    int longest = 1;
    for (Term term : terms.values()) {
      longest = Math.max(longest, term.units().size() + Term.MAX_GAP * (term.parts().size() - 1));
    }
    this.longestSpan = longest;
  }

  /** Loads {@code speech/lexicon-<code>.txt} from the class path. */
  public static Lexicon load(Language language) {
    String resource = "speech/lexicon-" + language.code() + ".txt";
    InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new LexiconException(resource, 0, "not found on the class path");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(language, resource, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  /** Parses a lexicon; {@code source} names it in error messages. */
  public static Lexicon parse(Language language, String source, Reader reader) throws IOException {
    Builder builder = new Builder(language, source);
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      builder.line(number, line);
    }
    return new Lexicon(language, builder.finish());
  }

  public Language language() {
    return language;
  }

  Collection<Term> terms() {
    return terms.values();
  }

  /** The longest stretch of units one term can cover (a gapped term with its widest gaps). */
  int longestSpan() {
    return longestSpan;
  }

  /** The terms whose first unit is {@code unit}. */
  List<Term> startingWith(String unit) {
    return byFirstUnit.getOrDefault(unit, List.of());
  }

  /** Every term with the given role, in file order. */
  List<Term> termsWith(Role role) {
    return terms.values().stream().filter(t -> t.has(role)).toList();
  }

  private static final class Builder {
    private final Language language;
    private final String source;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    Builder(Language language, String source) {
      this.language = language;
      this.source = source;
    }

    void line(int number, String raw) {
      String line = raw.strip();
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        return;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new LexiconException(
            source, number, "expected 'KEY: term | term', found '" + line + "'");
      }
      String key = line.substring(0, colon).strip();
      Role role = role(number, key);
      NeedKind kind = kind(number, key, role);
      String list = line.substring(colon + 1).strip();
      if (list.isEmpty()) {
        throw new LexiconException(source, number, "key " + key + " has no terms");
      }
      for (String written : list.split("\\|", -1)) {
        term(number, key, role, kind, written.strip());
      }
    }

    private void term(int number, String key, Role role, NeedKind kind, String written) {
      boolean negatable = !written.endsWith("!");
      String text = negatable ? written : written.substring(0, written.length() - 1).strip();
      if (text.isEmpty()) {
        throw new LexiconException(source, number, "empty term in " + key + " (stray '|'?)");
      }
      List<List<String>> parts = new ArrayList<>();
      List<String> normalParts = new ArrayList<>();
      for (String part : text.split("…|\\.\\.\\.", -1)) {
        List<String> units = TextNormalizer.units(part, language);
        if (units.isEmpty()) {
          String problem = text.equals(part) ? " has no letters" : " has an empty part around …";
          throw new LexiconException(source, number, "term '" + text + "'" + problem);
        }
        if (units.contains(TextNormalizer.BOUNDARY)) {
          throw new LexiconException(source, number, "term '" + text + "' has punctuation");
        }
        String normal = TextNormalizer.join(units, language);
        if (language == Language.EN && !normal.equals(part.strip())) {
          throw new LexiconException(
              source, number, "English term '" + text + "' must be written as '" + normal + "'");
        }
        parts.add(units);
        normalParts.add(normal);
      }
      String normal = String.join("…", normalParts);
      Pending entry = pending.computeIfAbsent(normal, n -> new Pending(parts));
      Role.Group group = role.group();
      if (entry.roles.containsKey(group)) {
        throw new LexiconException(
            source,
            number,
            "term '"
                + normal
                + "' is already "
                + entry.roles.get(group).key()
                + " (line "
                + entry.lines.get(group)
                + "); a term has one "
                + group.name().toLowerCase()
                + " role");
      }
      entry.roles.put(group, role);
      entry.lines.put(group, number);
      if (kind != null) {
        entry.need = kind;
      }
      entry.negatable &= negatable;
    }

    private Role role(int number, String key) {
      Role role = Role.fromKey(key);
      if (role == null) {
        throw new LexiconException(source, number, "unknown key '" + key + "'");
      }
      return role;
    }

    private NeedKind kind(int number, String key, Role role) {
      String name = Role.kindPart(role, key);
      if (name == null) {
        if (role == Role.NEEDS) {
          throw new LexiconException(source, number, "NEEDS needs a kind, e.g. NEEDS.FOOD");
        }
        return null;
      }
      if (!role.takesKind()) {
        throw new LexiconException(source, number, "key " + role.key() + " takes no kind");
      }
      try {
        return NeedKind.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new LexiconException(source, number, "unknown need kind '" + name + "' in " + key);
      }
    }

    Map<String, Term> finish() {
      Map<String, Term> terms = new LinkedHashMap<>();
      pending.forEach(
          (text, p) -> terms.put(text, new Term(text, p.parts, p.roles, p.need, p.negatable)));
      for (Role required : List.of(Role.HELP, Role.FINE, Role.NEGATOR)) {
        if (terms.values().stream().noneMatch(t -> t.has(required))) {
          throw new LexiconException(source, 0, "no " + required.key() + " terms");
        }
      }
      return terms;
    }
  }

  private static final class Pending {
    final List<List<String>> parts;
    final Map<Role.Group, Role> roles = new EnumMap<>(Role.Group.class);
    final Map<Role.Group, Integer> lines = new EnumMap<>(Role.Group.class);
    NeedKind need;
    boolean negatable = true;

    Pending(List<List<String>> parts) {
      this.parts = parts;
    }
  }
}
