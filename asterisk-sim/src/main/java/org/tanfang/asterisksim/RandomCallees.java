package org.tanfang.asterisksim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A weighted, seeded mix of callee behaviours for load runs: each unknown number dialled draws one
 * script. The same seed and dialling order give the same draws, so a load test can be repeated.
 */
public final class RandomCallees {

  private record Weighted(CalleeScript script, double weight) {}

  private final List<Weighted> entries;
  private final double total;
  private final Random random;

  private RandomCallees(List<Weighted> entries, long seed) {
    this.entries = List.copyOf(entries);
    this.total = entries.stream().mapToDouble(Weighted::weight).sum();
    this.random = new Random(seed);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Draws the next script. */
  public synchronized CalleeScript next() {
    double r = random.nextDouble() * total;
    for (Weighted w : entries) {
      r -= w.weight();
      if (r < 0) {
        return w.script();
      }
    }
    return entries.get(entries.size() - 1).script();
  }

  /** Builds a mix. */
  public static final class Builder {
    private final List<Weighted> entries = new ArrayList<>();
    private long seed = 1;

    private Builder() {}

    public Builder add(CalleeScript script, double weight) {
      if (!(weight > 0)) {
        throw new IllegalArgumentException("weight must be positive: " + weight);
      }
      entries.add(new Weighted(script, weight));
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public RandomCallees build() {
      if (entries.isEmpty()) {
        throw new IllegalStateException("no callees in the mix");
      }
      return new RandomCallees(entries, seed);
    }
  }
}
