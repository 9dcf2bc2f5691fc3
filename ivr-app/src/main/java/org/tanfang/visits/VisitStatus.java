package org.tanfang.visits;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The states of a visit and the one table of moves between them (README "Visits and call
 * attempts"). Every write of {@code visit.status} in {@link Visits} is guarded by {@link #sqlFrom},
 * so a move the table does not allow changes nothing.
 */
public enum VisitStatus {
  /** Planned, nobody reached yet: attempts may be scheduled. */
  PLANNED,
  /** A call is under way (or a conversation was started). */
  IN_PROGRESS,
  /** Closed with a result (valid or, for staff and demo calls, answered). */
  DONE,
  /** Robocalls had their chance: a person takes over. */
  UNREACHABLE,
  /** Not to be made any more (elder paused, case resolved, no free channel for a test call). */
  CANCELLED;

  /** The states this one may be reached from. */
  public Set<VisitStatus> from() {
    return switch (this) {
      case PLANNED -> EnumSet.of(IN_PROGRESS);
      case IN_PROGRESS -> EnumSet.of(PLANNED);
      case DONE, UNREACHABLE, CANCELLED -> EnumSet.of(PLANNED, IN_PROGRESS);
    };
  }

  /** Whether the visit still waits for a result. */
  public boolean open() {
    return this == PLANNED || this == IN_PROGRESS;
  }

  /** {@code ('A', 'B')}: the states {@code to} may be reached from, for a guarded update. */
  static String sqlFrom(VisitStatus to) {
    return in(to.from());
  }

  static String in(Set<VisitStatus> states) {
    return states.stream()
        .map(s -> "'" + s.name() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
