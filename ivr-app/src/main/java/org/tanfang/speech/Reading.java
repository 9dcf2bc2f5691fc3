package org.tanfang.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.tanfang.speech.TermScanner.Match;
import org.tanfang.speech.TermScanner.Scan;

/**
 * Resolves the modifiers among the terms found in one answer: which terms are negated, and which
 * words only intensify. What is left is a list of tokens that carry meaning.
 *
 * <p>Negation scope is deliberately narrow: a negator counts only when it comes right before the
 * term, with at most {@value #MAX_LINKS} bridge, intensifier or hedge words between (不+太+好,
 * 没有什么+地方+不舒服), never across a clause boundary, or inside the gap of a gapped term (煤气没有漏).
 * Anything looser would let a stray 没 cancel a real cry for help; a missed distress call is far
 * worse than a false alarm, so when in doubt a distress term stays distress.
 */
final class Reading {

  /**
   * A term that carries meaning.
   *
   * @param term the term
   * @param start where it starts, in units
   * @param negated whether a negator governs it
   * @param leading whether only fillers, carrier words and bare yes/no come before it — a bare
   *     answer (有 / 没有) counts only there, not when 没 turns up inside a longer answer
   * @param label the term as reported, with its negators: {@code 没有+摔倒}
   */
  record Token(Term term, int start, boolean negated, boolean leading, String label) {
    Role meaning() {
      return term.meaning();
    }

    boolean has(Role role) {
      return term.has(role);
    }
  }

  static final int MAX_LINKS = 3;

  private static final Set<Role> CONTENT =
      EnumSet.of(Role.FINE, Role.BAD, Role.UNWELL, Role.RECOVERED, Role.HELP, Role.NEEDS);
  private static final Set<Role> LEAD = EnumSet.of(Role.FILLER, Role.YES, Role.NO);

  private Reading() {}

  static List<Token> read(Scan scan) {
    List<Match> matches = scan.matches();
    // consumed[i]: match i is a modifier already used (or an intensifier); usedAt[i]: the start
    // of the term it modifies, so terms starting at the same place (胸闷, 胸…闷) share a negator.
    boolean[] consumed = new boolean[matches.size()];
    int[] usedAt = new int[matches.size()];
    Arrays.fill(usedAt, -1);
    markIntensifiers(matches, consumed);
    String[] negators = new String[matches.size()];
    // Right to left, so the widest scope wins: in "don't need medicine" the negator governs
    // "medicine" through the bridge "need", rather than "need" alone.
    for (int i = matches.size() - 1; i >= 0; i--) {
      Match match = matches.get(i);
      if (!consumed[i] && carriesMeaning(match.term()) && match.term().negatable()) {
        negators[i] = negatorBefore(scan, i, consumed, usedAt);
        if (negators[i] == null) {
          negators[i] = match.gapNegator();
        }
      }
    }
    int leadEnd = leadEnd(scan);
    List<Token> tokens = new ArrayList<>();
    for (int i = 0; i < matches.size(); i++) {
      Match match = matches.get(i);
      if (consumed[i] || !carriesMeaning(match.term())) {
        continue;
      }
      boolean negated = negators[i] != null;
      String label = negated ? negators[i] + "+" + match.term().text() : match.term().text();
      tokens.add(new Token(match.term(), match.start(), negated, match.end() <= leadEnd, label));
    }
    return tokens;
  }

  private static boolean carriesMeaning(Term term) {
    Role meaning = term.meaning();
    boolean confirms = term.roles().containsKey(Role.Group.CONFIRM);
    return confirms || (meaning != null && meaning != Role.NEUTRAL);
  }

  /** 好 before another content word means "very" (好痛, 好孤单), not "fine". */
  private static void markIntensifiers(List<Match> matches, boolean[] consumed) {
    for (int i = 0; i < matches.size(); i++) {
      Match match = matches.get(i);
      if (!match.term().has(Role.INTENSIFIER) || match.term().meaning() == null) {
        continue;
      }
      for (Match next : matches) {
        if (next != match
            && next.start() == match.end()
            && CONTENT.contains(next.term().meaning())) {
          consumed[i] = true;
        }
      }
    }
  }

  /** Where the answer's lead of fillers, carrier words and bare yes/no ends. */
  private static int leadEnd(Scan scan) {
    int position = 0;
    boolean moved = true;
    while (moved && position < scan.units().size()) {
      moved = false;
      if (scan.units().get(position).equals(TextNormalizer.BOUNDARY)) {
        position++;
        moved = true;
        continue;
      }
      for (Match match : scan.matches()) {
        Term term = match.term();
        boolean lead =
            LEAD.contains(term.meaning()) || (term.meaning() == null && !term.has(Role.NEGATOR));
        if (match.start() == position && lead) {
          position = match.end();
          moved = true;
          break;
        }
      }
    }
    return position;
  }

  /**
   * The negator chain right before matches[target] (e.g. "不+太"), marking it consumed, or null when
   * the term is not negated.
   */
  private static String negatorBefore(Scan scan, int target, boolean[] consumed, int[] usedAt) {
    List<Match> matches = scan.matches();
    int start = matches.get(target).start();
    int position = start;
    boolean[] free = new boolean[matches.size()];
    for (int i = 0; i < free.length; i++) {
      free[i] = !consumed[i] || usedAt[i] == start;
    }
    List<Integer> chain = new ArrayList<>();
    for (int links = 0; links <= MAX_LINKS; links++) {
      int negator = endingAt(matches, position, target, free, Role.NEGATOR);
      String negatorText = negator >= 0 ? matches.get(negator).term().text() : null;
      if (negator < 0 && links == 0) {
        negator = overlappingNegator(scan, target, free);
        negatorText = negator >= 0 ? negatorInside(scan, matches.get(target)) : null;
      }
      if (negator >= 0) {
        StringBuilder label = new StringBuilder(negatorText);
        chain.add(0, negator);
        for (int index : chain) {
          consumed[index] = true;
          usedAt[index] = start;
          if (index != negator) {
            label.append('+').append(matches.get(index).term().text());
          }
        }
        return label.toString();
      }
      int link = endingAt(matches, position, target, free, Role.BRIDGE);
      if (link < 0) {
        link = endingAt(matches, position, target, free, Role.INTENSIFIER);
      }
      if (link < 0) {
        link = endingAt(matches, position, target, free, Role.HEDGE);
      }
      if (link < 0) {
        return null;
      }
      chain.add(0, link);
      position = matches.get(link).start();
    }
    return null;
  }

  /**
   * A kept negator that overlaps the start of the target and holds a shorter negator ending where
   * the target starts: in 没有困难 the kept 没有 overlaps 有困难, and its 没 negates it. Returns the index of
   * the overlapping negator, or -1.
   */
  private static int overlappingNegator(Scan scan, int target, boolean[] free) {
    Match term = scan.matches().get(target);
    if (negatorInside(scan, term) == null) {
      return -1;
    }
    for (int i = 0; i < scan.matches().size(); i++) {
      Match other = scan.matches().get(i);
      if (i != target
          && free[i]
          && other.term().has(Role.NEGATOR)
          && other.start() < term.start()
          && other.end() > term.start()) {
        return i;
      }
    }
    return -1;
  }

  private static String negatorInside(Scan scan, Match term) {
    for (Match occurrence : scan.all()) {
      if (occurrence.end() == term.start() && occurrence.term().has(Role.NEGATOR)) {
        return occurrence.term().text();
      }
    }
    return null;
  }

  private static int endingAt(
      List<Match> matches, int position, int target, boolean[] free, Role role) {
    for (int i = 0; i < matches.size(); i++) {
      Match match = matches.get(i);
      if (i != target && free[i] && match.end() == position && match.term().has(role)) {
        return i;
      }
    }
    return -1;
  }
}
