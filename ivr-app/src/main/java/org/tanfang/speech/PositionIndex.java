package org.tanfang.speech;

import java.util.List;
import java.util.function.ToIntFunction;
import org.tanfang.speech.TermScanner.Match;

/**
 * The indexes of matches grouped by one position (where they start, or where they end), in list
 * order: lets the scanner and {@link Reading} look at the few matches at a position instead of
 * walking every match, which keeps understanding linear in the length of the text.
 */
final class PositionIndex {

  private final int[] first;
  private final int[] items;

  PositionIndex(List<Match> matches, int positions, ToIntFunction<Match> position) {
    first = new int[positions + 2];
    for (Match match : matches) {
      first[position.applyAsInt(match) + 1]++;
    }
    for (int p = 1; p < first.length; p++) {
      first[p] += first[p - 1];
    }
    items = new int[matches.size()];
    int[] next = first.clone();
    for (int i = 0; i < matches.size(); i++) {
      items[next[position.applyAsInt(matches.get(i))]++] = i;
    }
  }

  static PositionIndex byStart(List<Match> matches, int positions) {
    return new PositionIndex(matches, positions, Match::start);
  }

  static PositionIndex byEnd(List<Match> matches, int positions) {
    return new PositionIndex(matches, positions, Match::end);
  }

  /** How many matches are at the position (0 outside the text). */
  int count(int position) {
    if (position < 0 || position + 1 >= first.length) {
      return 0;
    }
    return first[position + 1] - first[position];
  }

  /** The k-th match (an index into the list) at the position, k below {@link #count}. */
  int get(int position, int k) {
    return items[first[position] + k];
  }
}
