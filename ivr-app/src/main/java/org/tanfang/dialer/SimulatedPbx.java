package org.tanfang.dialer;

/**
 * The PBX to use when none is configured: dev mode's in-process simulator provides one as a bean.
 * The dialer depends only on this record, not on the simulator.
 */
public record SimulatedPbx(PbxProperties pbx) {}
