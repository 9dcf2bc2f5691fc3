package org.tanfang.speech;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds lexicon terms in a transcript. Every occurrence is found (overlaps allowed), then an
 * occurrence lying inside a longer one is dropped, so 不舒服 hides 舒服 and 没有人管 hides 没有, while partly
 * overlapping terms both stay. No word segmentation is needed for Mandarin.
 *
 * <p>A gapped term (胸口…闷) matches its parts in order with up to {@link Term#MAX_GAP} units between
 * them, and then spans the whole stretch; a negator inside a gap (煤气没有漏) is kept on the match as
 * {@code gapNegator}.
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
   * @param all every occurrence, including those inside longer matches
   * @param units the units scanned
   */
  record Scan(List<Match> matches, List<Match> all, List<String> units) {}

  private TermScanner() {}

  static Scan scan(Lexicon lexicon, List<String> units) {
    List<Match> all = new ArrayList<>();
    for (int start = 0; start < units.size(); start++) {
      for (Term term : lexicon.startingWith(units.get(start))) {
        int end = matchEnd(term, units, start);
        if (end > 0) {
          all.add(new Match(term, start, end, null));
        }
      }
    }
    List<Match> kept = new ArrayList<>();
    for (Match match : all) {
      if (all.stream().noneMatch(match::inside)) {
        kept.add(match.term().gapped() ? withGapNegator(match, all) : match);
      }
    }
    kept.sort(Comparator.comparingInt(Match::start).thenComparingInt(Match::end));
    return new Scan(List.copyOf(kept), List.copyOf(all), List.copyOf(units));
  }

  /** Where the term ends if it matches at start, else -1. */
  private static int matchEnd(Term term, List<String> units, int start) {
    List<List<String>> parts = term.parts();
    if (!partAt(parts.get(0), units, start)) {
      return -1;
    }
    int end = start + parts.get(0).size();
    for (List<String> part : parts.subList(1, parts.size())) {
      int found = -1;
      for (int at = end; at <= end + Term.MAX_GAP && found < 0; at++) {
        if (partAt(part, units, at)) {
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

  private static boolean partAt(List<String> part, List<String> units, int start) {
    if (start + part.size() > units.size()) {
      return false;
    }
    for (int i = 0; i < part.size(); i++) {
      if (!part.get(i).equals(units.get(start + i))) {
        return false;
      }
    }
    return true;
  }

  private static Match withGapNegator(Match match, List<Match> all) {
    List<List<String>> parts = match.term().parts();
    int firstPartEnd = match.start() + parts.get(0).size();
    int lastPartStart = match.end() - parts.get(parts.size() - 1).size();
    for (Match other : all) {
      if (other.term().has(Role.NEGATOR)
          && other.start() >= firstPartEnd
          && other.end() <= lastPartStart) {
        return new Match(match.term(), match.start(), match.end(), other.term().text());
      }
    }
    return match;
  }
}
