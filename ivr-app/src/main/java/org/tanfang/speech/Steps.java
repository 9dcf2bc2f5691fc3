package org.tanfang.speech;

/**
 * Counts the elementary steps of understanding one text (term candidates tried, matches looked at),
 * so a test can show the cost grows linearly with the text without timing anything.
 */
final class Steps {

  /** A counter nobody reads, for callers that do not count. */
  static Steps ignored() {
    return new Steps();
  }

  private long count;

  void add(long steps) {
    count += steps;
  }

  long count() {
    return count;
  }
}
