package org.tanfang.simulator;

import java.util.List;
import org.springframework.stereotype.Component;
import org.tanfang.asterisksim.AsteriskSim;
import org.tanfang.asterisksim.CalleeReply;
import org.tanfang.asterisksim.CalleeScript;
import org.tanfang.dialer.SimulatedCallsIn;
import org.tanfang.system.ConditionalOnSimulator;

/** asterisk-sim's {@code callIn}: the caller's keys scripted for its number, then the call. */
@Component
@ConditionalOnSimulator
class SimCallsIn implements SimulatedCallsIn {
  /** Any number: [tanfang-inbound] takes every number the trunk receives. */
  private static final String LINE = "089866120000";

  private final AsteriskSim sim;

  SimCallsIn(AsteriskSim sim) {
    this.sim = sim;
  }

  @Override
  public String line() {
    return LINE;
  }

  @Override
  public String callIn(String from, List<String> keys) {
    var script = CalleeScript.answers();
    keys.forEach(script::press);
    sim.callees().put(from, script.thenAlways(new CalleeReply.Digits("1", 0)).build());
    return sim.callIn(from, LINE).channel();
  }
}
