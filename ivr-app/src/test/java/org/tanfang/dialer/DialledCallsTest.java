package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DialledCallsTest {
  private final AtomicLong nanos = new AtomicLong();
  private final DialledCalls calls = new DialledCalls(nanos::get);

  private static DialledCalls.Dialled call(long attempt) {
    return new DialledCalls.Dialled(attempt, 100 + attempt, 200 + attempt, "hainan");
  }

  @Test
  void givenADialledCall_whenTaken_thenItsSubjectOnceAndThenNothing() {
    calls.dialling(call(1));
    assertThat(calls.take(1)).contains(call(1));
    assertThat(calls.take(1)).isEmpty();
    assertThat(calls.take(2)).isEmpty();
  }

  @Test
  void givenADialledCallThatEnded_whenTaken_thenNothing() {
    calls.dialling(call(1));
    calls.dialling(call(2));
    calls.ended(1);
    assertThat(calls.take(1)).isEmpty();
    assertThat(calls.size()).isEqualTo(1);
  }

  @Test
  void givenManyCallsHeld_whenOneMoreIsDialled_thenOnlyThoseHeldTooLongAreDropped() {
    calls.dialling(call(0));
    nanos.set(DialledCalls.MAX_HOLD_NANOS + 1);
    for (int i = 1; i < DialledCalls.PRUNE_ABOVE; i++) {
      calls.dialling(call(i));
    }
    assertThat(calls.size()).isEqualTo(DialledCalls.PRUNE_ABOVE);
    calls.dialling(call(DialledCalls.PRUNE_ABOVE));
    assertThat(calls.size()).isEqualTo(DialledCalls.PRUNE_ABOVE);
    assertThat(calls.take(0)).isEmpty();
    assertThat(calls.take(1)).contains(call(1));
  }
}
