package org.tanfang.scheduler.dispatch;

/**
 * Where the dialer reports that an attempt ended. The scheduler reads the attempt's {@code result}
 * (and the visit's {@code valid}) from the database and decides what follows: the visit is done, a
 * retry or the next phone is scheduled, the number is flagged for correction, or a person is asked
 * to take over. Idempotent: reporting the same attempt twice schedules nothing twice.
 */
public interface AttemptOutcomes {

  /** The attempt's row must already be ENDED with its result. */
  void attemptEnded(long attemptId);
}
