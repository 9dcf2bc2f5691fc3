package org.tanfang.visits;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The states of one call attempt and the one table of moves between them (README "Visits and call
 * attempts"). Every write of {@code call_attempt.status} in {@link Attempts} is guarded by {@link
 * #sqlFrom}: two nodes or a late event cannot undo each other.
 */
public enum AttemptStatus {
  /** Waiting for its due time and a free channel. */
  SCHEDULED,
  /** Claimed for dialling, Originate sent or about to be. */
  DIALING,
  /** Answered: the conversation runs. */
  IN_CALL,
  /** Over, with a result. */
  ENDED,
  /** Will not be dialled (its visit closed, or the dialer could not take it). */
  CANCELLED;

  /** The states this one may be reached from. */
  public Set<AttemptStatus> from() {
    return switch (this) {
      case SCHEDULED -> EnumSet.of(DIALING); // a claim given back or moved to the next window
      case DIALING -> EnumSet.of(SCHEDULED);
      case IN_CALL -> EnumSet.of(DIALING);
      case ENDED -> EnumSet.of(DIALING, IN_CALL);
      case CANCELLED -> EnumSet.of(SCHEDULED, DIALING);
    };
  }

  /** Whether a channel is (or is about to be) held for it. */
  public boolean live() {
    return this == DIALING || this == IN_CALL;
  }

  /** {@code ('A', 'B')}: the states {@code to} may be reached from, for a guarded update. */
  static String sqlFrom(AttemptStatus to) {
    return in(to.from());
  }

  static String in(Set<AttemptStatus> states) {
    return states.stream()
        .map(s -> "'" + s.name() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
