package org.tanfang.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;

/** Dev mode's emergency contacts behave plausibly on family notification calls. */
class DemoContactsTest {

  private static String kind(CalleeScript s) {
    if (s.pickup() != CalleeScript.Pickup.ANSWER) {
      return s.pickup().name();
    }
    return s.replies().isEmpty() ? "SILENT" : ((CalleeReply.Digits) s.replies().get(0)).digits();
  }

  @Test
  void aboutHalfConfirmSafeSomeAskForAVisitSomeNeverAnswer() {
    Map<String, Integer> counts = new TreeMap<>();
    int n = 2000;
    for (int i = 0; i < n; i++) {
      counts.merge(kind(DemoCallees.forContact(String.format("1370898%04d", i))), 1, Integer::sum);
    }
    assertThat(counts.get("1") / (double) n).isCloseTo(0.55, within(0.05));
    assertThat(counts.get("2") / (double) n).isCloseTo(0.20, within(0.04));
    assertThat(counts.get("SILENT") / (double) n).isCloseTo(0.10, within(0.03));
    assertThat(counts.get("NO_ANSWER") / (double) n).isCloseTo(0.10, within(0.03));
    assertThat(counts.get("BUSY") / (double) n).isCloseTo(0.05, within(0.02));
    assertThat(kind(DemoCallees.forContact("13700000001")))
        .as("the same number behaves the same way every run")
        .isEqualTo(kind(DemoCallees.forContact("13700000001")));
  }
}
