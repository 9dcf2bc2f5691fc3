package org.tanfang.dialer;

/**
 * Channel variables set on every Originate; the call flow reads them and dialplans/extensions.conf
 * may (DialplanContractTest keeps the names in step).
 */
public final class ChannelVariables {
  /** The {@code call_attempt.id} of the call. */
  public static final String ATTEMPT_ID = "TANFANG_ATTEMPT_ID";

  /** The {@code visit.id} of the call. */
  public static final String VISIT_ID = "TANFANG_VISIT_ID";

  /**
   * Seconds a transferred call waits in the staff queue: set by the check-in script from {@code
   * tanfang.escalation.transfer-timeout}, read by [tanfang-staff]'s {@code Queue()}.
   */
  public static final String QUEUE_TIMEOUT = "TANFANG_QUEUE_TIMEOUT";

  /** The escalation a click-to-call is for ([tanfang-callback]). */
  public static final String ESCALATION_ID = "TANFANG_ESCALATION_ID";

  /**
   * What [tanfang-callback]'s {@code Dial()} dials: the elder's number in the PBX's {@code
   * channel-template} (e.g. {@code PJSIP/13800000001@trunk}), so the dialplan names no trunk.
   */
  public static final String DIAL_STRING = "TANFANG_DIAL_STRING";

  /** Seconds [tanfang-callback]'s {@code Dial()} rings the elder. */
  public static final String DIAL_TIMEOUT = "TANFANG_DIAL_TIMEOUT";

  /**
   * {@code agi://host:port} of the FastAGI server of the node that dialled the call (set when
   * {@code tanfang.telephony.agi.advertise-host} is): [tanfang-agi] sends the call's AGI() there,
   * to the configured {@code TANFANG_AGI_HOST} when it is empty.
   */
  public static final String NODE_AGI = "TANFANG_NODE_AGI";

  private ChannelVariables() {}
}
