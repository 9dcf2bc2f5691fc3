package org.tanfang.asterisksim;

import java.util.List;

/**
 * The event scripts of an Originate to a PJSIP channel ({@code PJSIP/<number>@trunk}), one per SIP
 * exchange, as Asterisk 22.10.1's source makes them (the README's "PJSIP trunk" table gives the
 * functions). Like {@link LocalScripts}, a script lists every order Asterisk can send its events
 * in; {@link PjsipLeg} picks one with the sim's seeded order random. The order varies because
 * {@code fast_originate} (main/manager.c) raises OriginateResponse directly, while DialEnd, Hangup
 * and HangupRequest travel through stasis to the manager and may still be queued (the Local traces
 * show the same race). A new callee behaviour on a PJSIP trunk picks its SIP answer ({@link
 * SipReply}) and thus one of these scripts; a behaviour with new events adds a script here.
 *
 * <p>Causes and reasons: every final failure response gives {@code Reason: 0}, whatever the
 * response: chan_pjsip queues no BUSY/CONGESTION control frame (only RINGING, PROGRESS, ANSWER in
 * {@code chan_pjsip_incoming_response}), the channel just hangs up, so {@code monitor_dial}
 * (main/dial.c) reads NULL, never sets the dial's cause, and {@code pbx_dial_reason} (main/pbx.c)
 * maps cause 0 to reason 0. Only the Originate timeout (reason 3, cause 19) and the answer (4) say
 * anything; the Hangup's cause is {@link SipResponse#cause()}.
 */
final class PjsipScripts {

  private PjsipScripts() {}

  /** What one step sends. */
  enum Kind {
    /** Newstate: the channel moves to the script's state (Ringing on 180, Up on 200). */
    NEWSTATE,
    /** DialState with the script's status (RINGING on 180, PROGRESS on 183 or 180 with SDP). */
    DIAL_STATE,
    /** DialEnd with the script's status. */
    DIAL_END,
    /** HangupRequest (Cause, TechCause) from {@code ast_queue_hangup} in chan_pjsip_session_end. */
    HANGUP_REQUEST,
    /** Hangup (Cause, Cause-txt, TechCause when set). */
    HANGUP,
    ORIGINATE_RESPONSE
  }

  /** A scenario: every order Asterisk can send it in. */
  record Script(String name, List<List<Kind>> orders) {}

  private static final Kind NEWSTATE = Kind.NEWSTATE;
  private static final Kind DIAL_STATE = Kind.DIAL_STATE;
  private static final Kind DIAL_END = Kind.DIAL_END;
  private static final Kind REQUEST = Kind.HANGUP_REQUEST;
  private static final Kind HANGUP = Kind.HANGUP;
  private static final Kind RESPONSE = Kind.ORIGINATE_RESPONSE;

  /** 180 Ringing: {@code ast_setstate(RINGING)} then the dial's RINGING control frame. */
  static final Script RINGING = new Script("180 Ringing", List.of(List.of(NEWSTATE, DIAL_STATE)));

  /** 183 Session Progress: PROGRESS only; the channel state stays Down. */
  static final Script PROGRESS = new Script("183 Session Progress", List.of(List.of(DIAL_STATE)));

  /** 200 OK: Newstate Up (read of the ANSWER frame), DialEnd ANSWER, OriginateResponse 4. */
  static final Script ANSWERED =
      new Script(
          "200 OK",
          List.of(List.of(NEWSTATE, DIAL_END, RESPONSE), List.of(NEWSTATE, RESPONSE, DIAL_END)));

  /**
   * A final failure response (486, 404, 503, 603 …): HangupRequest from chan_pjsip_session_end,
   * then {@code monitor_dial} reads the hang-up: DialEnd, Hangup; OriginateResponse Failure 0.
   */
  static final Script REJECTED =
      new Script(
          "final failure response",
          List.of(
              List.of(REQUEST, DIAL_END, HANGUP, RESPONSE),
              List.of(REQUEST, DIAL_END, RESPONSE, HANGUP),
              List.of(REQUEST, RESPONSE, DIAL_END, HANGUP)));

  /**
   * The Originate Timeout expired: {@code handle_timeout_trip} sets cause 19 and hangs up
   * (chan_pjsip sends CANCEL, tech cause 480); no DialEnd, no HangupRequest; OriginateResponse
   * Failure 3.
   */
  static final Script RANG_OUT =
      new Script(
          "Originate timeout (CANCEL)",
          List.of(List.of(HANGUP, RESPONSE), List.of(RESPONSE, HANGUP)));

  /**
   * Hung up from AMI (or the sim's API) while still dialling: the soft hang-up makes {@code
   * monitor_dial} read NULL: DialEnd, Hangup with the request's cause; OriginateResponse Failure 0.
   */
  static final Script CANCELLED =
      new Script(
          "hung up while dialling",
          List.of(List.of(DIAL_END, HANGUP, RESPONSE), List.of(DIAL_END, RESPONSE, HANGUP)));

  /**
   * The far end sends BYE on an answered call: HangupRequest (the cause of its {@code Reason:
   * Q.850} header, res_pjsip_rfc3326.c), then the dialplan ends and the channel hangs up.
   */
  static final Script BYE = new Script("BYE", List.of(List.of(REQUEST, HANGUP)));

  /** Every script, for documentation and tests. */
  static List<Script> all() {
    return List.of(RINGING, PROGRESS, ANSWERED, REJECTED, RANG_OUT, CANCELLED, BYE);
  }
}
