package org.tanfang.dialer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tanfang.registry.PhoneNumbers;

/**
 * A staff member's phone for click-to-call ({@code app_user.phone}): either a SIP extension on the
 * PBX (a pjsip.conf endpoint such as {@code staff1}, or a short number such as {@code 8001}), rung
 * as {@code PJSIP/<extension>}, or a mobile/landline number (as {@link PhoneNumbers} accepts it),
 * rung through the trunk like an elder.
 */
public final class StaffPhoneNumbers {
  private static final Pattern EXTENSION = Pattern.compile("[a-z][a-z0-9_-]{0,19}|\\d{3,6}");

  private StaffPhoneNumbers() {}

  /** The phone as stored, or empty when it is neither an extension nor a phone number. */
  public static Optional<String> normalise(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip();
    if (EXTENSION.matcher(t.toLowerCase(Locale.ROOT)).matches()) {
      return Optional.of(t.toLowerCase(Locale.ROOT));
    }
    return PhoneNumbers.normalise(t);
  }

  public static boolean isExtension(String phone) {
    return EXTENSION.matcher(phone).matches();
  }

  /** The Originate Channel that rings this phone. */
  static String channel(PbxProperties pbx, String phone) {
    return isExtension(phone) ? "PJSIP/" + phone : pbx.channelFor(phone);
  }

  /** Extensions are not secret; numbers are masked like elders' numbers. */
  public static String display(String phone) {
    return isExtension(phone) ? phone : PhoneNumbers.mask(phone);
  }
}
