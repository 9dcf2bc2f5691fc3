package org.tanfang.shared;

import org.slf4j.MDC;

/**
 * The call a thread is handling, in the logging MDC: {@code attemptId} and {@code visitId}, shown
 * on every log line by the pattern in application.properties ({@code logging.pattern.level}), so
 * one call's lines can be picked out of a busy log (README "Metrics and logs").
 */
public final class CallLog {
  public static final String ATTEMPT = "attemptId";
  public static final String VISIT = "visitId";

  private CallLog() {}

  /**
   * Puts the attempt and visit (either may be null: left as it was) in the MDC until the returned
   * scope is closed, which puts back what was there before.
   */
  public static Scope of(Long attemptId, Long visitId) {
    Scope scope = new Scope(MDC.get(ATTEMPT), MDC.get(VISIT));
    if (attemptId != null) {
      MDC.put(ATTEMPT, attemptId.toString());
    }
    if (visitId != null) {
      MDC.put(VISIT, visitId.toString());
    }
    return scope;
  }

  /** Sets the attempt of the call this thread handles. */
  public static void attempt(long attemptId) {
    MDC.put(ATTEMPT, Long.toString(attemptId));
  }

  /** Sets the visit of the call this thread handles (learnt after the attempt). */
  public static void visit(long visitId) {
    MDC.put(VISIT, Long.toString(visitId));
  }

  /**
   * A thread from a pool starts a new call: nothing of the call it handled before stays. The
   * returned scope clears both again when closed.
   */
  public static Scope fresh() {
    MDC.remove(ATTEMPT);
    MDC.remove(VISIT);
    return new Scope(null, null);
  }

  /** Restores the MDC to what it was before {@link #of}. */
  public static final class Scope implements AutoCloseable {
    private final String attempt;
    private final String visit;

    private Scope(String attempt, String visit) {
      this.attempt = attempt;
      this.visit = visit;
    }

    @Override
    public void close() {
      restore(ATTEMPT, attempt);
      restore(VISIT, visit);
    }

    private static void restore(String key, String value) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }
}
