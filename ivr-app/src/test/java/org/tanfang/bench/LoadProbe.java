package org.tanfang.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.tanfang.asterisksim.CallRecord;
import org.tanfang.asterisksim.SimListener;

/**
 * The load benchmark's figures as the PBX (asterisk-sim) sees them: when each Originate arrived,
 * calls and conversations at once (and their peaks), how long each call held its channel, and every
 * AGI reply gap, filed under the number of conversations running when the command arrived.
 */
final class LoadProbe implements SimListener {
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicInteger peakLive = new AtomicInteger();
  private final AtomicInteger talking = new AtomicInteger();
  private final AtomicInteger peakTalking = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final AtomicLong holdNanos = new AtomicLong();
  private final AtomicLong lastEnd = new AtomicLong();
  private final Map<CallRecord, Long> startedAt = new ConcurrentHashMap<>();
  private final Map<CallRecord, Boolean> answered = new ConcurrentHashMap<>();
  private final long[] originateAt;
  private final String[] originatedBy;
  private final Samples[] gaps = new Samples[Levels.COUNT];

  LoadProbe(int expectedCalls) {
    this.originateAt = new long[expectedCalls];
    this.originatedBy = new String[expectedCalls];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = new Samples();
    }
  }

  @Override
  public void callStarted(CallRecord call) {
    long now = System.nanoTime();
    int n = started.getAndIncrement();
    if (n < originateAt.length) {
      originateAt[n] = now;
      // The node that dialled: its FastAGI address, which each Originate carries.
      originatedBy[n] = call.originate().variables().getOrDefault("TANFANG_NODE_AGI", "?");
    }
    startedAt.put(call, now);
    peakLive.accumulateAndGet(live.incrementAndGet(), Math::max);
  }

  @Override
  public void callAnswered(CallRecord call) {
    if (answered.putIfAbsent(call, Boolean.TRUE) == null) {
      peakTalking.accumulateAndGet(talking.incrementAndGet(), Math::max);
    }
  }

  @Override
  public void callEnded(CallRecord call) {
    long now = System.nanoTime();
    Long start = startedAt.remove(call);
    if (start == null) {
      return; // ended twice, or a leg we did not see start
    }
    if (answered.remove(call) != null) {
      talking.decrementAndGet();
    }
    live.decrementAndGet();
    holdNanos.addAndGet(now - start);
    ended.incrementAndGet();
    lastEnd.accumulateAndGet(now, Math::max);
  }

  @Override
  public void agiGap(CallRecord call, String command, long nanos) {
    gaps[Levels.of(talking.get())].add(nanos);
  }

  int started() {
    return started.get();
  }

  int ended() {
    return ended.get();
  }

  int live() {
    return live.get();
  }

  int talking() {
    return talking.get();
  }

  int peakLive() {
    return peakLive.get();
  }

  int peakTalking() {
    return peakTalking.get();
  }

  long lastEndNanos() {
    return lastEnd.get();
  }

  /** The n-th Originate's arrival (0-based), System.nanoTime. */
  long originateAt(int n) {
    return originateAt[n];
  }

  /** The node (its FastAGI address, {@code agi://host:port}) that sent the n-th Originate. */
  String originatedBy(int n) {
    return originatedBy[n];
  }

  double meanHoldSeconds() {
    int n = ended.get();
    return n == 0 ? 0 : holdNanos.get() / 1e9 / n;
  }

  Samples gaps(int level) {
    return gaps[level];
  }

  /** Concurrency levels the gaps are filed under (conversations running at once). */
  static final class Levels {
    static final int[] FROM = {0, 100, 300, 1000, 2000, 3000};
    static final int COUNT = FROM.length;

    private Levels() {}

    static int of(int conversations) {
      int level = 0;
      while (level + 1 < COUNT && conversations >= FROM[level + 1]) {
        level++;
      }
      return level;
    }

    static String label(int level) {
      return level + 1 < COUNT ? FROM[level] + "–" + (FROM[level + 1] - 1) : "≥" + FROM[level];
    }
  }

  /** A growing list of nanosecond samples and its percentiles. */
  static final class Samples {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    synchronized int size() {
      return size;
    }

    /** The q-quantile in milliseconds (nearest rank), NaN without samples. */
    synchronized double millis(double q) {
      if (size == 0) {
        return Double.NaN;
      }
      long[] sorted = java.util.Arrays.copyOf(values, size);
      java.util.Arrays.sort(sorted);
      int rank = (int) Math.ceil(q * size) - 1;
      return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
    }
  }
}
