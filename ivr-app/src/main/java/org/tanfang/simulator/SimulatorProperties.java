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
 * @param staffPhone the demo staff phone (a SIP extension): the staff queue's member, and the phone
 *     of the generated {@code staff} account when it has none, so distress transfers and
 *     click-to-call work in dev mode
 * @param staffAnswers whether the demo staff phone is picked up at all
 * @param staffAnswerAfter how long it rings before it is picked up
 * @param staffTalkTime how long the staff member talks once connected
 * @param queueMemberTimeout how long the queue rings one member (queues.conf {@code timeout})
 */
@ConfigurationProperties("tanfang.telephony.simulator")
public record SimulatorProperties(
    @DefaultValue("auto") String enabled,
    @DefaultValue("0") int amiPort,
    @DefaultValue("20s") Duration ringTimeout,
    @DefaultValue("10") int channelLimit,
    @DefaultValue("true") boolean demoCallees,
    @DefaultValue("staff1") String staffPhone,
    @DefaultValue("true") boolean staffAnswers,
    @DefaultValue("3s") Duration staffAnswerAfter,
    @DefaultValue("15s") Duration staffTalkTime,
    @DefaultValue("20s") Duration queueMemberTimeout) {}
