package org.tanfang.dialer;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * Who each call this node dialled is for (attempt, visit, elder, dialect: the row the claim read
 * anyway), kept from the Originate until the call's FastAGI script takes it or the attempt ends.
 * The check-in script starts talking without a database read of its own: that read, at the moment
 * the elder picks up, was most of the reply gap's tail when a wave of calls was answered at once
 * (BENCHMARKS.md "The reply gap without database reads"). A call this node did not dial (another
 * node's, or after a restart) is not here: the script reads the database as before.
 */
@Component
public class DialledCalls {
  /** What the dialer knew of an attempt when it sent the Originate. */
  public record Dialled(long attemptId, long visitId, long elderId, String dialect) {}

  private record Held(Dialled call, long sinceNanos) {}

  /** Above this many calls held, those held longer than {@link #MAX_HOLD_NANOS} are dropped. */
  static final int PRUNE_ABOVE = 20_000;

  /** Longer than any ring and answer: a call still held after that lost its end somewhere. */
  static final long MAX_HOLD_NANOS = 3_600_000_000_000L;

  private final ConcurrentHashMap<Long, Held> calls = new ConcurrentHashMap<>();
  private final LongSupplier nanos;

  DialledCalls() {
    this(System::nanoTime);
  }

  DialledCalls(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** The Originate of this call is about to be sent. */
  void dialling(Dialled call) {
    long now = nanos.getAsLong();
    if (calls.size() >= PRUNE_ABOVE) {
      calls.values().removeIf(h -> now - h.sinceNanos() > MAX_HOLD_NANOS);
    }
    calls.put(call.attemptId(), new Held(call, now));
  }

  /** The attempt ended (answered or not): nothing will ask for it. */
  void ended(long attemptId) {
    calls.remove(attemptId);
  }

  /** The call's script took over: what the dialer knew of it, once; empty if not dialled here. */
  public Optional<Dialled> take(long attemptId) {
    Held held = calls.remove(attemptId);
    return held == null ? Optional.empty() : Optional.of(held.call());
  }

  /** Calls held now (dialled, not yet answered or ended). */
  int size() {
    return calls.size();
  }
}
