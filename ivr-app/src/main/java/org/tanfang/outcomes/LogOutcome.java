package org.tanfang.outcomes;

/**
 * How a visit came out, as one value a supervisor can filter on. A visit is settled by the first
 * rule that applies, so every visit has exactly one: cancelled; unreachable (retries exhausted,
 * handed to a person); the conversation's outcome when a call was answered; done without a
 * conversation (a visit recorded by a person, usually a home visit); the last dial's failure while
 * retries are still to come; otherwise still open.
 */
public enum LogOutcome {
  COMPLETED,
  PARTIAL,
  TRANSFERRED,
  NOT_CONFIRMED,
  HOME_VISIT_DONE,
  NO_ANSWER,
  BUSY,
  INVALID_NUMBER,
  CONGESTION,
  FAILED,
  SWITCHED_OFF,
  SUSPENDED,
  NO_SUCH_NUMBER,
  UNREACHABLE_NETWORK,
  VOICEMAIL,
  UNREACHABLE,
  CANCELLED,
  PENDING;

  /** The rules above in SQL, over {@code visit v} and the last dial's result {@code a}. */
  static final String SQL =
      "case when v.status = 'CANCELLED' then 'CANCELLED'"
          + " when v.status = 'UNREACHABLE' then 'UNREACHABLE'"
          + " when v.outcome is not null then v.outcome"
          + " when v.status = 'DONE' then 'HOME_VISIT_DONE'"
          + " when a.last_result in ('NO_ANSWER', 'BUSY', 'INVALID_NUMBER', 'CONGESTION', 'FAILED',"
          + " 'SWITCHED_OFF', 'SUSPENDED', 'NO_SUCH_NUMBER', 'UNREACHABLE_NETWORK', 'VOICEMAIL')"
          + " then a.last_result"
          + " else 'PENDING' end";
}
