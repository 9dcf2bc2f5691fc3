package org.tanfang.callflow;

import java.time.Instant;

/**
 * Published (Spring application event) when a caller into the line presses 9 (help) before being
 * identified, just before the call goes to the staff queue. The escalation feature opens a DISTRESS
 * case with no elder and this number, so staff find it on the desk.
 *
 * @param callerNumber the number the call came from, normalised as the registry stores numbers
 *     where possible; null when withheld
 * @param inboundCallId the {@code inbound_call} row, null if it could not be written
 */
public record UnidentifiedDistress(String callerNumber, Long inboundCallId, Instant at) {}
