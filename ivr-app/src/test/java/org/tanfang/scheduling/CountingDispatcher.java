package org.tanfang.scheduling;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.tanfang.scheduler.dispatch.CallDispatcher;

/**
 * A dialer that counts: every dial per attempt, the calls in progress and their peak. Calls stay
 * "in progress" until the test ends them, so free channels really run out.
 */
class CountingDispatcher implements CallDispatcher {
  final Map<Long, AtomicInteger> dials = new ConcurrentHashMap<>();
  final List<Long> order = new CopyOnWriteArrayList<>();
  final AtomicInteger inCall = new AtomicInteger();
  final AtomicInteger peak = new AtomicInteger();
  private final int channels;

  CountingDispatcher(int channels) {
    this.channels = channels;
  }

  @Override
  public synchronized int freeChannels() {
    return channels - inCall.get();
  }

  @Override
  public void dial(long attemptId) {
    dials.computeIfAbsent(attemptId, id -> new AtomicInteger()).incrementAndGet();
    order.add(attemptId);
    peak.accumulateAndGet(inCall.incrementAndGet(), Math::max);
  }

  void hangUpAll() {
    inCall.set(0);
  }

  int totalDials() {
    return dials.values().stream().mapToInt(AtomicInteger::get).sum();
  }
}
