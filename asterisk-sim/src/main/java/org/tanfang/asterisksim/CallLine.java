package org.tanfang.asterisksim;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The hang-up state of an answered call, shared by the AGI session (which waits out the callee's
 * scripted delays on it) and whoever hangs up: the callee script, the API or an AMI Hangup.
 */
final class CallLine {

  private final CountDownLatch hungUp = new CountDownLatch(1);
  private volatile int cause = HangupCause.NORMAL_CLEARING.code();

  /** Returns true for the first hang-up only. */
  synchronized boolean hangUp(int withCause) {
    if (hungUp.getCount() == 0) {
      return false;
    }
    if (withCause > 0) {
      cause = withCause;
    }
    hungUp.countDown();
    return true;
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
}
