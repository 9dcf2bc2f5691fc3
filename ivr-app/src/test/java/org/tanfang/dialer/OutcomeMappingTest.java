package org.tanfang.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeMappingTest {
  @ParameterizedTest(name = "success={0} reason={1} cause={2} -> {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "true, 4, 16, ANSWERED",
        "false, 3, 19, NO_ANSWER",
        // Asterisk 22 may report cause 0 on the originating leg even for busy: the reason wins.
        "false, 5, 0, BUSY",
        "false, 3, 0, NO_ANSWER",
        "false, 8, 34, CONGESTION",
        "false, 1, 1, INVALID_NUMBER",
        "false, 0, 3, INVALID_NUMBER",
        "false, 1, 17, BUSY",
        "false, 1, 21, NO_ANSWER",
        "false, 0, 38, CONGESTION",
        "false, 0, 27, CONGESTION",
        "false, 0, 0, FAILED",
        "false, 1, null, FAILED",
        "false, null, null, FAILED"
      })
  void mapsTheOriginateReasonFirstAndTheCauseSecond(
      boolean success, Integer reason, Integer cause, AttemptResult expected) {
    assertThat(OutcomeMapping.map(success, reason, cause)).isEqualTo(expected);
  }
}
