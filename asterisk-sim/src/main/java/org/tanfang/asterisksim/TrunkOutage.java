package org.tanfang.asterisksim;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trunk that fails every call for a while (carrier outage, lost registration, typhoon damage):
 * while it lasts, every dialled number gets {@code failure} whatever its own script says. It ends
 * after {@code calls} failed calls (if positive) or when {@link #end()} is called. Set with {@link
 * Callees#setOutage}.
 */
public final class TrunkOutage {

  private final CalleeScript failure;
  private final int calls;
  private final AtomicInteger failed = new AtomicInteger();
  private volatile boolean ended;

  private TrunkOutage(CalleeScript failure, int calls) {
    this.failure = Objects.requireNonNull(failure);
    this.calls = calls;
  }

  /** The carrier answers every INVITE with 503: congestion (reason 8, cause 34). */
  public static TrunkOutage congestion() {
    return new TrunkOutage(CalleeScript.congestion(), 0);
  }

  /** The trunk is unreachable (qualify failed): no channel at all (reason 0). */
  public static TrunkOutage unreachable() {
    return new TrunkOutage(CalleeScript.unavailable(), 0);
  }

  /** The same outage, over after {@code n} failed calls. */
  public TrunkOutage forCalls(int n) {
    return new TrunkOutage(failure, n);
  }

  /** The trunk works again. */
  public void end() {
    ended = true;
  }

  public boolean active() {
    return !ended && (calls <= 0 || failed.get() < calls);
  }

  /** How many calls it failed so far. */
  public int failedCalls() {
    return failed.get();
  }

  /** The failure for the next call, or null once the outage is over. */
  CalleeScript nextFailure() {
    if (ended) {
      return null;
    }
    int n = failed.incrementAndGet();
    if (calls > 0 && n > calls) {
      failed.decrementAndGet();
      return null;
    }
    return failure;
  }
}
