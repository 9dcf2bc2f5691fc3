package org.tanfang.dialer;

import java.util.List;

/**
 * Dev mode's simulated PBX placing a call into the line, as if an elder rang it (present only when
 * asterisk-sim runs in-process). The caller presses {@code keys}, one group per prompt that takes
 * input, then 1 to everything.
 */
public interface SimulatedCallsIn {
  /** The number the simulated calls dial. */
  String line();

  /** Places the call; returns its channel name. */
  String callIn(String from, List<String> keys);
}
