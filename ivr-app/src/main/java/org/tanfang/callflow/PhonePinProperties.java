package org.tanfang.callflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The phone PIN of the inbound line ({@code tanfang.telephony.phone-pin.*}; README "The inbound
 * line").
 *
 * @param maxFailures wrong entries in a row on the line that lock an elder's PIN
 * @param lockFor how long a locked PIN is refused (staff can unlock it sooner)
 */
@ConfigurationProperties("tanfang.telephony.phone-pin")
public record PhonePinProperties(
    @DefaultValue("5") int maxFailures, @DefaultValue("30m") Duration lockFor) {
  public PhonePinProperties {
    if (maxFailures < 1 || lockFor.isNegative() || lockFor.isZero()) {
      throw new IllegalArgumentException("phone-pin: max-failures >= 1 and lock-for > 0");
    }
  }
}
