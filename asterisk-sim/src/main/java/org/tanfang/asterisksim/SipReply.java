package org.tanfang.asterisksim;

import java.util.Objects;

/**
 * What the carrier answers to the INVITE of a PJSIP originate that is refused: an optional
 * provisional response (180 Ringing, or 183 Session Progress with early media) and then the final
 * failure response.
 *
 * @param provisional 0 (the final response comes straight after 100 Trying), 180 or 183
 * @param response the final response
 */
public record SipReply(int provisional, SipResponse response) {

  public SipReply {
    if (provisional != 0 && provisional != 180 && provisional != 183) {
      throw new IllegalArgumentException("provisional response must be 0, 180 or 183");
    }
    Objects.requireNonNull(response, "response");
  }

  public static SipReply of(int status) {
    return new SipReply(0, SipResponse.of(status));
  }

  public static SipReply after(int provisional, int status) {
    return new SipReply(provisional, SipResponse.of(status));
  }
}
