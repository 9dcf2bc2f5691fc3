package org.tanfang.dialer;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * One Asterisk server the dialer originates through.
 *
 * @param name short name kept on each attempt ({@code call_attempt.pbx})
 * @param host AMI host; blank means "not configured"
 * @param port AMI port
 * @param username AMI user (manager.conf)
 * @param secret AMI secret
 * @param channelTemplate dial string, {@code {number}} is replaced by the normalised phone number
 * @param callerId caller ID shown to the elder, {@code "Name" <number>} (the trunk may override it)
 * @param ringTimeout how long the phone may ring (Originate Timeout)
 * @param channelLimit calls at once on this PBX (counted over all nodes from the database)
 * @param context dialplan context that runs the check-in AGI
 * @param exten extension in that context
 * @param familyContext dialplan context of family notification calls (visit purpose FAMILY_NOTICE):
 *     runs the {@code family} AGI script, same extension
 */
public record PbxProperties(
    @DefaultValue("pbx1") String name,
    String host,
    @DefaultValue("5038") int port,
    @DefaultValue("tanfang") String username,
    String secret,
    @DefaultValue("PJSIP/{number}@trunk") String channelTemplate,
    @DefaultValue("Tanfang <12349>") String callerId,
    @DefaultValue("30s") Duration ringTimeout,
    @DefaultValue("10") int channelLimit,
    @DefaultValue("tanfang-checkin") String context,
    @DefaultValue("s") String exten,
    @DefaultValue("tanfang-family") String familyContext) {

  public boolean configured() {
    return StringUtils.hasText(host);
  }

  /** The context an Originate for a visit of this purpose enters. */
  String contextFor(String purpose) {
    return FAMILY_NOTICE.equals(purpose) ? familyContext : context;
  }

  /** {@code visit.purpose} of a notification call to an elder's emergency contacts. */
  public static final String FAMILY_NOTICE = "FAMILY_NOTICE";

  /**
   * The trunk calls leave by: the endpoint after {@code @} in the channel template ({@code
   * PJSIP/{number}@trunk}: {@code trunk}); null when the template names none.
   */
  String trunk() {
    int at = channelTemplate.lastIndexOf('@');
    return at < 0 || at == channelTemplate.length() - 1 ? null : channelTemplate.substring(at + 1);
  }

  String channelFor(String number) {
    return channelTemplate.replace("{number}", number);
  }
}
