package org.tanfang.asterisksim;

/**
 * A final SIP response a carrier sends to Asterisk's INVITE, and what Asterisk 22.10.1 makes of it
 * on the PJSIP channel: the Q.850 cause is {@code ast_sip_hangup_sip2cause} (res/res_pjsip.c),
 * which {@code chan_pjsip_session_end} (channels/chan_pjsip.c) sets on the channel, overriding a
 * {@code Reason: Q.850} header of the response; the status itself becomes the channel's tech cause
 * ({@code TechCause} of HangupRequest and Hangup); DialEnd's DialStatus is {@code
 * ast_hangup_cause_to_dial_status} (main/dial.c) of that cause.
 *
 * @param status the SIP status code (300–699)
 * @param phrase its reason phrase (for logs and the README)
 */
public record SipResponse(int status, String phrase) {

  public SipResponse {
    if (status < 300 || status > 699) {
      throw new IllegalArgumentException("not a final failure response: " + status);
    }
  }

  public static final SipResponse BUSY_HERE = new SipResponse(486, "Busy Here");
  public static final SipResponse NOT_FOUND = new SipResponse(404, "Not Found");
  public static final SipResponse SERVICE_UNAVAILABLE = new SipResponse(503, "Service Unavailable");
  public static final SipResponse DECLINE = new SipResponse(603, "Decline");

  /** A response by its code, with the RFC 3261 reason phrase where the sim knows it. */
  public static SipResponse of(int status) {
    return new SipResponse(status, phrase(status));
  }

  /**
   * The response that carries {@code cause} as Asterisk reads it (the inverse of sip2cause, as
   * {@code hangup_cause2sip} in chan_pjsip.c picks it), for callees given as a Q.850 cause.
   */
  public static SipResponse forCause(int cause) {
    return of(
        switch (cause) {
          case 1 -> 404;
          case 3 -> 420;
          case 17 -> 486;
          case 18 -> 408;
          case 19 -> 480;
          case 21 -> 403;
          case 22 -> 410;
          case 27 -> 502;
          case 28 -> 484;
          case 38 -> 500;
          case 58 -> 488;
          case 102 -> 504;
          case 127 -> 487;
          default -> 503;
        });
  }

  /** {@code ast_sip_hangup_sip2cause}, res/res_pjsip.c of Asterisk 22.10.1. */
  public int cause() {
    return switch (status) {
      case 302 -> 23;
      case 401, 403, 407, 603 -> 21;
      case 404, 485, 604 -> 1;
      case 405, 411, 413, 414, 415, 481, 482, 487, 491, 493, 505 -> 127;
      case 408 -> 18;
      case 409 -> 41;
      case 410 -> 22;
      case 420 -> 3;
      case 480, 483 -> 19;
      case 484 -> 28;
      case 486, 600 -> 17;
      case 488, 606 -> 58;
      case 500 -> 38;
      case 501 -> 29;
      case 502 -> 27;
      case 503 -> 34;
      case 504 -> 102;
      default -> status >= 500 && status < 600 ? 34 : status >= 400 ? 127 : 16;
    };
  }

  /** DialEnd's DialStatus: {@code ast_hangup_cause_to_dial_status}, main/dial.c. */
  public String dialStatus() {
    return dialStatus(cause());
  }

  static String dialStatus(int cause) {
    return switch (cause) {
      case 17 -> "BUSY";
      case 34 -> "CONGESTION";
      case 3, 20 -> "CHANUNAVAIL";
      default -> "NOANSWER";
    };
  }

  private static String phrase(int status) {
    return switch (status) {
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 410 -> "Gone";
      case 420 -> "Bad Extension";
      case 480 -> "Temporarily Unavailable";
      case 484 -> "Address Incomplete";
      case 486 -> "Busy Here";
      case 487 -> "Request Terminated";
      case 488 -> "Not Acceptable Here";
      case 500 -> "Server Internal Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Server Time-out";
      case 600 -> "Busy Everywhere";
      case 603 -> "Decline";
      case 604 -> "Does Not Exist Anywhere";
      default -> "";
    };
  }
}
