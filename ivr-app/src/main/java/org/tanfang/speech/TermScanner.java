package org.tanfang.speech;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds lexicon terms in a transcript, on words: a term matches a word or a run of words of the
 * segmented text ({@link WordSegmenter}), never the inside of a longer word, so 好 is not found in
 * 好多 and 摔 not in 摔跤 (which is a term of its own). Inside a word, modifiers and carrier words
 * before a meaning term still count (好痛 is 好 + 痛, "very painful"; 有点累 is 有点 + 累). Then an
 * occurrence lying inside a longer one is dropped, so 不舒服 hides 舒服 and 没有人管 hides 没有, while partly
 * overlapping terms both stay.
 *
 * <p>A gapped term (胸口…闷) matches its parts in order with up to {@link Term#MAX_GAP} units between
 * them, starting and ending on word edges, and then spans the whole stretch; a negator inside a gap
 * (煤气没有漏) is kept on the match as {@code gapNegator}.
 *
 * <p>A distress term found only inside a longer word that no lexicon term explains (头昏 in 头昏眼花) is
 * reported as {@code buried}: not HELP, but distress-like evidence.
 *
 * <p>Every step looks only at the matches near one position (bounded by the longest term), so a
 * scan costs time linear in the text.
 */
final class TermScanner {

  /** A term found at units [start, end); gapNegator is a negator seen inside a gap, or null. */
  record Match(Term term, int start, int end, String gapNegator) {
    int length() {
      return end - start;
    }

    boolean inside(Match other) {
      return other != this && other.start <= start && end <= other.end && other.length() > length();
    }
  }

  /**
   * What a scan found.
   *
   * @param matches the kept matches, by position
   * @param all every occurrence on words, including those inside longer matches
   * @param buried distress terms heard only inside a longer word
   * @param units the units scanned
   * @param longest the longest span a term can have, in units
   */
  record Scan(
      List<Match> matches, List<Match> all, List<Match> buried, List<String> units, int longest) {}

  /** Roles that may stand before a meaning term inside one word (好痛, 有点累, 我没事). */
  private static final Set<Role> PREFIX =
      EnumSet.of(
          Role.NEGATOR, Role.BRIDGE, Role.INTENSIFIER, Role.HEDGE, Role.CARRIER, Role.FILLER);

  private static final Set<Role> CONTENT =
      EnumSet.of(Role.FINE, Role.BAD, Role.UNWELL, Role.RECOVERED, Role.HELP, Role.NEEDS);

  private TermScanner() {}

  static Scan scan(Lexicon lexicon, List<String> units, boolean[] wordBoundary, Steps steps) {
    int n = units.size();
    int longest = lexicon.longestSpan();
    List<Match> raw = occurrences(lexicon, units, null, steps);
    boolean[] split = wordBoundary.clone();
    splitWords(raw, wordBoundary, split, n, steps);
    List<Match> all = occurrences(lexicon, units, split, steps);
    PositionIndex allByStart = PositionIndex.byStart(all, n);
    List<Match> kept = new ArrayList<>();
    for (Match match : all) {
      if (!insideLonger(match, all, allByStart, longest, steps)) {
        kept.add(match.term().gapped() ? withGapNegator(match, all, allByStart, steps) : match);
      }
    }
    kept.sort(Comparator.comparingInt(Match::start).thenComparingInt(Match::end));
    List<Match> buried = buried(raw, all, allByStart, n, longest, steps);
    return new Scan(List.copyOf(kept), List.copyOf(all), buried, List.copyOf(units), longest);
  }

  /** Every occurrence; on words only when split (the allowed word edges) is given. */
  private static List<Match> occurrences(
      Lexicon lexicon, List<String> units, boolean[] split, Steps steps) {
    List<Match> found = new ArrayList<>();
    for (int start = 0; start < units.size(); start++) {
      if (split != null && !split[start]) {
        continue;
      }
      for (Term term : lexicon.startingWith(units.get(start))) {
        steps.add(1);
        int end = matchEnd(term, units, start, split);
        if (end > 0) {
          found.add(new Match(term, start, end, null));
        }
      }
    }
    return found;
  }

  /**
   * Adds word edges inside a word made of modifiers or carrier words followed by one meaning term
   * (好痛 → 好|痛), so those terms match; other words stay whole (好多 has no meaning term at its end).
   */
  private static void splitWords(
      List<Match> raw, boolean[] wordBoundary, boolean[] split, int n, Steps steps) {
    PositionIndex rawByStart = PositionIndex.byStart(raw, n);
    int wordStart = 0;
    for (int p = 1; p <= n; p++) {
      if (wordBoundary[p]) {
        if (p - wordStart > 1) {
          splitWord(raw, rawByStart, wordStart, p, split, steps);
        }
        wordStart = p;
      }
    }
  }

  private static void splitWord(
      List<Match> raw, PositionIndex byStart, int from, int to, boolean[] split, Steps steps) {
    int[] cameFrom = new int[to - from + 1];
    java.util.Arrays.fill(cameFrom, -1);
    cameFrom[0] = from;
    for (int p = from; p < to; p++) {
      if (cameFrom[p - from] < 0) {
        continue;
      }
      for (int k = 0; k < byStart.count(p); k++) {
        steps.add(1);
        Match tile = raw.get(byStart.get(p, k));
        if (tile.term().gapped() || tile.end() > to) {
          continue;
        }
        if (tile.end() == to && p > from && CONTENT.contains(tile.term().meaning())) {
          for (int at = p; at > from; at = cameFrom[at - from]) {
            split[at] = true;
          }
          return;
        }
        if (tile.end() < to && isPrefix(tile.term()) && cameFrom[tile.end() - from] < 0) {
          cameFrom[tile.end() - from] = p;
        }
      }
    }
  }

  private static boolean isPrefix(Term term) {
    return PREFIX.stream().anyMatch(term::has) || term.meaning() == Role.FILLER;
  }

  private static boolean insideLonger(
      Match match, List<Match> all, PositionIndex byStart, int longest, Steps steps) {
    for (int start = Math.max(0, match.start() - longest); start <= match.start(); start++) {
      for (int k = 0; k < byStart.count(start); k++) {
        steps.add(1);
        Match longer = all.get(byStart.get(start, k));
        if (match.inside(longer) && hides(longer.term())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Evidence-only terms (ALARM) hide nothing: 快…来 must not hide 派人…来 inside it. */
  private static boolean hides(Term term) {
    return !(term.roles().size() == 1 && term.has(Role.ALARM));
  }

  /** Distress terms inside words that no word-level occurrence covers, and not negated. */
  private static List<Match> buried(
      List<Match> raw, List<Match> all, PositionIndex allByStart, int n, int longest, Steps steps) {
    PositionIndex allByEnd = PositionIndex.byEnd(all, n);
    List<Match> buried = new ArrayList<>();
    for (Match hit : raw) {
      steps.add(1);
      if (hit.term().meaning() != Role.HELP
          || covered(hit, all, allByStart, longest, steps)
          || negatorEndsAt(hit.start(), all, allByEnd)) {
        continue;
      }
      buried.add(hit);
    }
    return List.copyOf(buried);
  }

  /** Whether the same occurrence is on words, or lies inside a longer word-level occurrence. */
  private static boolean covered(
      Match hit, List<Match> all, PositionIndex byStart, int longest, Steps steps) {
    for (int k = 0; k < byStart.count(hit.start()); k++) {
      Match same = all.get(byStart.get(hit.start(), k));
      if (same.term() == hit.term() && same.end() == hit.end()) {
        return true;
      }
    }
    return insideLonger(hit, all, byStart, longest, steps);
  }

  private static boolean negatorEndsAt(int position, List<Match> all, PositionIndex byEnd) {
    for (int k = 0; k < byEnd.count(position); k++) {
      if (all.get(byEnd.get(position, k)).term().has(Role.NEGATOR)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the term ends if it matches at start, else -1. With split (the allowed word edges) the
   * term must start and end on word edges; the parts of a gapped term in between may lie inside
   * words (胸…痛 in 胸口好痛, where 胸口 is one word).
   */
  private static int matchEnd(Term term, List<String> units, int start, boolean[] split) {
    List<List<String>> parts = term.parts();
    int last = parts.size() - 1;
    if (!partAt(parts.get(0), units, start, split, true, last == 0)) {
      return -1;
    }
    int end = start + parts.get(0).size();
    for (int p = 1; p <= last; p++) {
      List<String> part = parts.get(p);
      int found = -1;
      for (int at = end; at <= end + Term.MAX_GAP && found < 0; at++) {
        if (at < units.size() && units.get(at).equals(TextNormalizer.BOUNDARY)) {
          break; // a gap never reaches over a clause boundary
        }
        if (partAt(part, units, at, split, false, p == last)) {
          found = at;
        }
      }
      if (found < 0) {
        return -1;
      }
      end = found + part.size();
    }
    return end;
  }

  private static boolean partAt(
      List<String> part,
      List<String> units,
      int start,
      boolean[] split,
      boolean startsWord,
      boolean endsWord) {
    int end = start + part.size();
    if (end > units.size()) {
      return false;
    }
    if (split != null && ((startsWord && !split[start]) || (endsWord && !split[end]))) {
      return false;
    }
    for (int i = 0; i < part.size(); i++) {
      if (!part.get(i).equals(units.get(start + i))) {
        return false;
      }
    }
    return true;
  }

  private static Match withGapNegator(
      Match match, List<Match> all, PositionIndex byStart, Steps steps) {
    List<List<String>> parts = match.term().parts();
    int firstPartEnd = match.start() + parts.get(0).size();
    int lastPartStart = match.end() - parts.get(parts.size() - 1).size();
    for (int start = firstPartEnd; start < lastPartStart; start++) {
      for (int k = 0; k < byStart.count(start); k++) {
        steps.add(1);
        Match other = all.get(byStart.get(start, k));
        if (other.term().has(Role.NEGATOR) && other.end() <= lastPartStart) {
          return new Match(match.term(), match.start(), match.end(), other.term().text());
        }
      }
    }
    return match;
  }
}
