package org.tanfang.asterisksim;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The phone book of scripted callees, keyed by dialled number. Numbers not listed get the random
 * mix if one is set, else the default callee. Safe to change while calls run: a call reads its
 * script once, when dialled.
 */
public final class Callees {

  private final Map<String, CalleeScript> byNumber = new ConcurrentHashMap<>();
  private volatile CalleeScript defaultCallee;
  private volatile RandomCallees randomMix;
  private volatile TrunkOutage outage;

  public Callees(CalleeScript defaultCallee) {
    this.defaultCallee = Objects.requireNonNull(defaultCallee);
  }

  public Callees put(String number, CalleeScript script) {
    byNumber.put(number, Objects.requireNonNull(script));
    return this;
  }

  public Callees putAll(Map<String, CalleeScript> scripts) {
    scripts.forEach(this::put);
    return this;
  }

  public Callees remove(String number) {
    byNumber.remove(number);
    return this;
  }

  public Callees setDefault(CalleeScript script) {
    this.defaultCallee = Objects.requireNonNull(script);
    return this;
  }

  /** Unknown numbers draw from {@code mix}; {@code null} goes back to the default callee. */
  public Callees setRandomMix(RandomCallees mix) {
    this.randomMix = mix;
    return this;
  }

  /** Every call fails this way while {@code outage} lasts; {@code null} ends it. */
  public Callees setOutage(TrunkOutage outage) {
    this.outage = outage;
    return this;
  }

  /** The script for a dialled number. */
  public CalleeScript scriptFor(String number) {
    TrunkOutage down = outage;
    CalleeScript failure = down == null ? null : down.nextFailure();
    if (failure != null) {
      return failure;
    }
    CalleeScript script = byNumber.get(number);
    if (script != null) {
      return script;
    }
    RandomCallees mix = randomMix;
    return mix != null ? mix.next() : defaultCallee;
  }
}
