package org.tanfang.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dev mode's in-process Asterisk stand-in (module asterisk-sim).
 *
 * @param enabled {@code auto} (default): on when no PBX host is configured; {@code true}/{@code
 *     false} force it
 * @param amiPort the simulator's AMI port on 127.0.0.1; 0 picks a free one
 * @param ringTimeout how long a simulated phone rings before "no answer"
 * @param channelLimit calls at once
 * @param demoCallees give every dialled number a scripted elder chosen by its digits (most fine,
 *     some unwell, a few pressing 9, some never answering or busy); off in tests, which script
 *     their own callees
 */
@ConfigurationProperties("tanfang.telephony.simulator")
public record SimulatorProperties(
    @DefaultValue("auto") String enabled,
    @DefaultValue("0") int amiPort,
    @DefaultValue("20s") Duration ringTimeout,
    @DefaultValue("10") int channelLimit,
    @DefaultValue("true") boolean demoCallees) {}
