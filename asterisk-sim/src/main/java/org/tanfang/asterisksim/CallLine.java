package org.tanfang.asterisksim;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The hang-up state of an answered call, shared by the AGI session (which waits out the callee's
 * scripted delays on it) and whoever hangs up: the callee script, the API or an AMI Hangup.
 */
final class CallLine {

  /** Who ended the call: decides the hang-up events of a Local pair ({@link LocalScripts}). */
  enum Source {
    /** The dialplan's Hangup() after the AGI or the queue, or an AMI Hangup. */
    DIALPLAN,
    /** The far end put the phone down. */
    CALLEE,
    /** The AGI script's HANGUP command. */
    SCRIPT,
    /** Asterisk stopping cleanly ({@code core stop}). */
    SHUTDOWN,
    /** The Asterisk process killed: nothing more is sent. */
    KILLED
  }

  private final CountDownLatch hungUp = new CountDownLatch(1);
  private volatile int cause = HangupCause.NORMAL_CLEARING.code();
  private volatile Source source = Source.DIALPLAN;

  /** Returns true for the first hang-up only. */
  boolean hangUp(int withCause) {
    return hangUp(withCause, Source.DIALPLAN);
  }

  /** Returns true for the first hang-up only. */
  synchronized boolean hangUp(int withCause, Source by) {
    if (hungUp.getCount() == 0) {
      return false;
    }
    if (withCause > 0) {
      cause = withCause;
    }
    source = by;
    hungUp.countDown();
    return true;
  }

  Source source() {
    return source;
  }

  boolean isHungUp() {
    return hungUp.getCount() == 0;
  }

  int cause() {
    return cause;
  }

  /** Waits {@code ms}; false if the line is (or goes) dead meanwhile, cutting the wait short. */
  boolean await(long ms) {
    if (ms <= 0) {
      return !isHungUp();
    }
    try {
      return !hungUp.await(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits {@code ms} while both lines stay up (a bridge): false as soon as either goes dead. Polls,
   * which is plenty for a simulator.
   */
  static boolean awaitBoth(CallLine a, CallLine b, long ms) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, ms));
    while (true) {
      if (a.isHungUp() || b.isHungUp()) {
        return false;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
      if (left <= 0) {
        return true;
      }
      if (!a.await(Math.min(left, 10))) {
        return false;
      }
    }
  }
}
