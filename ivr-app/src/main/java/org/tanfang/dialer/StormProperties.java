package org.tanfang.dialer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Storm mode ({@code tanfang.telephony.storm.*}; README "Carrier announcements, voicemail and
 * storms").
 *
 * @param window how many recent attempts per PBX are watched
 * @param windowTime attempts older than this leave the window
 * @param minCalls a storm needs at least this many attempts in the window
 * @param threshold share of network failures (FAILED, CONGESTION) in the window that starts one
 * @param probeNumber a test number dialled while a PBX is degraded; empty: only a supervisor ends a
 *     storm
 * @param probeInterval how often the probe is dialled
 * @param probeSuccesses probes in a row that must get through (answered, ringing, busy) to end it
 * @param watchRegistration whether AMI {@code Registry} events of PJSIP outbound registrations, and
 *     the {@code PJSIPShowRegistrationsOutbound} listing at each login, open and end storms
 * @param registrationDomain only Registry events whose Domain (listed registrations whose
 *     ServerUri) contains this count; empty: every PJSIP registration of the PBX is the trunk's
 */
@ConfigurationProperties("tanfang.telephony.storm")
public record StormProperties(
    @DefaultValue("20") int window,
    @DefaultValue("10m") Duration windowTime,
    @DefaultValue("10") int minCalls,
    @DefaultValue("0.8") double threshold,
    @DefaultValue("") String probeNumber,
    @DefaultValue("1m") Duration probeInterval,
    @DefaultValue("2") int probeSuccesses,
    @DefaultValue("true") boolean watchRegistration,
    @DefaultValue("") String registrationDomain) {

  public StormProperties {
    if (window < 1 || minCalls < 1 || minCalls > window) {
      throw new IllegalArgumentException(
          "tanfang.telephony.storm: need 1 <= min-calls <= window, got " + minCalls + "/" + window);
    }
    if (threshold <= 0 || threshold > 1) {
      throw new IllegalArgumentException(
          "tanfang.telephony.storm.threshold must be in (0, 1], got " + threshold);
    }
    if (probeSuccesses < 1) {
      throw new IllegalArgumentException("tanfang.telephony.storm.probe-successes must be >= 1");
    }
  }
}
