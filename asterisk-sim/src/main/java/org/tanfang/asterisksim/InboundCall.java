package org.tanfang.asterisksim;

import java.util.Map;

/**
 * A call into the line: the carrier's INVITE on the trunk endpoint, whose {@code context}
 * (pjsip.conf) is {@code tanfang-inbound}. Asterisk 22 creates one PJSIP channel {@code
 * PJSIP/trunk-<seq>} in state Ring (4) with the caller's number and the dialled number as
 * extension; [tanfang-inbound] sends it to {@code s} (Goto), answers it (Newstate Up), runs the
 * check-in AGI (agi_callerid the caller, agi_dnid the dialled number, agi_context tanfang-inbound,
 * agi_extension s, agi_priority 3) and puts it through to [tanfang-staff] when the script set
 * TANFANG_TRANSFER=staff or could not be reached, else hangs up. What the caller presses comes from
 * the callee book entry of the caller's number, as for an outbound callee.
 */
final class InboundCall {
  /** pjsip.conf: the trunk endpoint's context. */
  static final String CONTEXT = "tanfang-inbound";

  /** pjsip.conf: the endpoint the carrier's calls arrive on. */
  static final String TRUNK = "trunk";

  private InboundCall() {}

  /** What the call is made of, in the shape an Originate has (no action, no ActionID). */
  static OriginateRequest request(String from, String callerName, String dialled) {
    return new OriginateRequest(
        "PJSIP/" + TRUNK,
        "PJSIP",
        TRUNK,
        from,
        CONTEXT,
        dialled,
        1,
        "",
        "",
        0,
        from,
        callerName == null ? "" : callerName,
        Map.of(),
        "",
        "",
        "",
        "",
        true,
        Map.of());
  }
}
