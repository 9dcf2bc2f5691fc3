package org.tanfang.scheduler.retry;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished call attempt that produced no valid visit.
 *
 * @param phoneIndex which of the elder's numbers was dialled: 0 the primary, 1.. the alternates in
 *     the registry's order
 */
public record CallAttempt(Instant at, int phoneIndex, CallOutcome outcome) {

  public CallAttempt {
    Objects.requireNonNull(at, "attempt time");
    Objects.requireNonNull(outcome, "outcome");
    if (phoneIndex < 0) {
      throw new IllegalArgumentException("phone index must not be negative, was " + phoneIndex);
    }
  }
}
