package org.tanfang.scheduler.retry;

import java.time.Instant;
import java.util.Objects;

/** What to do after a failed call attempt; the caller persists it. */
public sealed interface RetryDecision {

  /** Call again at {@code at} (always inside a call window), dialling number {@code phoneIndex}. */
  record RetryAt(Instant at, int phoneIndex) implements RetryDecision {
    public RetryAt {
      Objects.requireNonNull(at, "retry time");
    }
  }

  /**
   * Stop robocalls for this elder: no number is worth dialling. The registry must be corrected, and
   * the visit is still owed, by a person.
   */
  record GiveUp(Reason reason) implements RetryDecision {
    public GiveUp {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The cycle is nearly over without a valid visit: a person must visit or call now. */
  record NeedsPerson(String reason) implements RetryDecision {}

  /**
   * The phone was switched off on {@code days} consecutive local days: a person checks on the elder
   * now, sooner than the normal retry path would.
   */
  record SwitchedOff(int days) implements RetryDecision {}

  enum Reason {
    NO_PHONE("无联系电话，需补充资料"),
    ALL_NUMBERS_INVALID("号码均无效，需更正资料");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
