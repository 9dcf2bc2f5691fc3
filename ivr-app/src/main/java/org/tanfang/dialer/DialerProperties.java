package org.tanfang.dialer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PBXs to dial through. One PBX comes from the environment ({@code TANFANG_AMI_*} into {@code
 * tanfang.telephony.ami.*}); more can be listed as {@code tanfang.telephony.pbx[N].*}. With none
 * configured, dev mode's simulator stands in (see {@code org.tanfang.simulator}).
 *
 * @param ami the PBX set by environment variables
 * @param pbx further PBXs
 * @param reconnectInterval how often a PBX that is not connected (and not already reconnecting
 *     inside Asterisk-Java) is tried again
 * @param lostAfter an attempt still DIALING this long after its ring timeout lost its outcome (e.g.
 *     the AMI connection dropped meanwhile) and is ended as FAILED
 * @param maxCallDuration an answered call not hung up after this long is ended (lost Hangup). The
 *     default, 20 minutes, is the longest scripted check-in (every question re-asked to the limit,
 *     speech clarifications included: about 10.5 minutes with today's prompts) plus the staff
 *     queue's wait and a conversation with a person; {@code MaxCallDurationTest} recomputes the
 *     longest check-in from the questionnaire and the prompt recordings and fails when the default
 *     no longer covers it
 * @param sweepInterval how often attempts and staff calls that lost their events are looked for and
 *     ended ({@code lostAfter}, {@code maxCallDuration}); {@code 0} runs no sweep (tests, which
 *     sweep by hand)
 * @param node this application node's name, kept on the attempts it dials
 * @param earlyMedia send Originate {@code EarlyMedia: true}: Asterisk treats progress (SIP 183) as
 *     the answer and runs the dialplan on early media, so the call flow hears a carrier
 *     announcement played before any answer (README "Carrier announcements, voicemail and storms")
 * @param drainTimeout on a graceful stop, how long this node waits for its calls (ringing, in a
 *     conversation, with staff) to end before it asks the conversations to finish
 * @param wrapUpTimeout then how long conversations get to say goodbye at their next question and
 *     write their outcome, before the application stops regardless
 * @param dialThreads threads per PBX sending a pacing pass's Originates (each send is an AMI write;
 *     the database work of a pass is done before, in a few statements)
 */
@ConfigurationProperties("tanfang.telephony")
public record DialerProperties(
    @DefaultValue PbxProperties ami,
    @DefaultValue List<PbxProperties> pbx,
    @DefaultValue("5s") Duration reconnectInterval,
    @DefaultValue("2m") Duration lostAfter,
    @DefaultValue("20m") Duration maxCallDuration,
    @DefaultValue("15s") Duration sweepInterval,
    @DefaultValue("ivr-app") String node,
    @DefaultValue("true") boolean earlyMedia,
    @DefaultValue("3m") Duration drainTimeout,
    @DefaultValue("30s") Duration wrapUpTimeout,
    @DefaultValue("2") int dialThreads) {

  /** PBXs with a host, the environment's first. */
  public List<PbxProperties> configuredPbxs() {
    List<PbxProperties> all = new ArrayList<>();
    if (ami.configured()) {
      all.add(ami);
    }
    pbx.stream().filter(PbxProperties::configured).forEach(all::add);
    return all;
  }
}
