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

  private ChannelVariables() {}
}
