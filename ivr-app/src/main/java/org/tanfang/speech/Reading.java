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
 *
 * <p>Each step looks only at the matches starting or ending at one position ({@link
 * PositionIndex}), so reading is linear in the number of matches.
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
    return read(scan, Steps.ignored());
  }

  static List<Token> read(Scan scan, Steps steps) {
    return new Pass(scan, steps).tokens();
  }

  private static boolean carriesMeaning(Term term) {
    Role meaning = term.meaning();
    boolean confirms = term.roles().containsKey(Role.Group.CONFIRM);
    return confirms || term.has(Role.ALARM) || (meaning != null && meaning != Role.NEUTRAL);
  }

  /** One reading of one scan, with its indexes. */
  private static final class Pass {
    private final Scan scan;
    private final List<Match> matches;
    private final Steps steps;
    private final PositionIndex byStart;
    private final PositionIndex byEnd;
    private final PositionIndex allByEnd;
    // consumed[i]: match i is a modifier already used (or an intensifier); usedAt[i]: the start
    // of the term it modifies, so terms starting at the same place (胸闷, 胸…闷) share a negator.
    private final boolean[] consumed;
    private final int[] usedAt;

    Pass(Scan scan, Steps steps) {
      this.scan = scan;
      this.matches = scan.matches();
      this.steps = steps;
      int positions = scan.units().size();
      byStart = PositionIndex.byStart(matches, positions);
      byEnd = PositionIndex.byEnd(matches, positions);
      allByEnd = PositionIndex.byEnd(scan.all(), positions);
      consumed = new boolean[matches.size()];
      usedAt = new int[matches.size()];
      Arrays.fill(usedAt, -1);
    }

    List<Token> tokens() {
      markIntensifiers();
      String[] negators = new String[matches.size()];
      // Right to left, so the widest scope wins: in "don't need medicine" the negator governs
      // "medicine" through the bridge "need", rather than "need" alone.
      for (int i = matches.size() - 1; i >= 0; i--) {
        Match match = matches.get(i);
        if (!consumed[i] && carriesMeaning(match.term()) && match.term().negatable()) {
          negators[i] = negatorBefore(i);
          if (negators[i] == null) {
            negators[i] = match.gapNegator();
          }
        }
      }
      int leadEnd = leadEnd();
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

    /** 好 before another content word means "very" (好痛, 好孤单), not "fine". */
    private void markIntensifiers() {
      for (int i = 0; i < matches.size(); i++) {
        Match match = matches.get(i);
        if (!match.term().has(Role.INTENSIFIER) || match.term().meaning() == null) {
          continue;
        }
        for (int k = 0; k < byStart.count(match.end()); k++) {
          steps.add(1);
          Match next = matches.get(byStart.get(match.end(), k));
          if (next != match && CONTENT.contains(next.term().meaning())) {
            consumed[i] = true;
          }
        }
      }
    }

    /** Where the answer's lead of fillers, carrier words and bare yes/no ends. */
    private int leadEnd() {
      int position = 0;
      boolean moved = true;
      while (moved && position < scan.units().size()) {
        moved = false;
        if (scan.units().get(position).equals(TextNormalizer.BOUNDARY)) {
          position++;
          moved = true;
          continue;
        }
        for (int k = 0; k < byStart.count(position); k++) {
          steps.add(1);
          Term term = matches.get(byStart.get(position, k)).term();
          boolean lead =
              LEAD.contains(term.meaning()) || (term.meaning() == null && !term.has(Role.NEGATOR));
          if (lead) {
            position = matches.get(byStart.get(position, k)).end();
            moved = true;
            break;
          }
        }
      }
      return position;
    }

    private boolean free(int i, int start) {
      return !consumed[i] || usedAt[i] == start;
    }

    /**
     * The negator chain right before matches[target] (e.g. "不+太"), marking it consumed, or null
     * when the term is not negated.
     */
    private String negatorBefore(int target) {
      int start = matches.get(target).start();
      int position = start;
      List<Integer> chain = new ArrayList<>();
      for (int links = 0; links <= MAX_LINKS; links++) {
        int negator = endingAt(position, target, start, Role.NEGATOR);
        String negatorText = negator >= 0 ? matches.get(negator).term().text() : null;
        if (negator < 0 && links == 0) {
          negator = overlappingNegator(target, start);
          negatorText = negator >= 0 ? negatorInside(matches.get(target)) : null;
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
        int link = endingAt(position, target, start, Role.BRIDGE);
        if (link < 0) {
          link = endingAt(position, target, start, Role.INTENSIFIER);
        }
        if (link < 0) {
          link = endingAt(position, target, start, Role.HEDGE);
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
     * the target starts: in 没有困难 the kept 没有 overlaps 有困难, and its 没 negates it. Returns the index
     * of the overlapping negator, or -1.
     */
    private int overlappingNegator(int target, int start) {
      Match term = matches.get(target);
      if (negatorInside(term) == null) {
        return -1;
      }
      for (int from = Math.max(0, term.start() - scan.longest()); from < term.start(); from++) {
        for (int k = 0; k < byStart.count(from); k++) {
          steps.add(1);
          int i = byStart.get(from, k);
          Match other = matches.get(i);
          if (i != target
              && free(i, start)
              && other.term().has(Role.NEGATOR)
              && other.end() > term.start()) {
            return i;
          }
        }
      }
      return -1;
    }

    private String negatorInside(Match term) {
      for (int k = 0; k < allByEnd.count(term.start()); k++) {
        steps.add(1);
        Match occurrence = scan.all().get(allByEnd.get(term.start(), k));
        if (occurrence.term().has(Role.NEGATOR)) {
          return occurrence.term().text();
        }
      }
      return null;
    }

    private int endingAt(int position, int target, int start, Role role) {
      for (int k = 0; k < byEnd.count(position); k++) {
        steps.add(1);
        int i = byEnd.get(position, k);
        if (i != target && free(i, start) && matches.get(i).term().has(role)) {
          return i;
        }
      }
      return -1;
    }
  }
}
