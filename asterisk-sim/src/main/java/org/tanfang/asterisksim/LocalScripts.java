package org.tanfang.asterisksim;

import java.util.List;

/**
 * The event scripts of a call placed on a Local channel pair ({@code Local/<number>@<context>}),
 * one per scenario, each a list of the orders real Asterisk 22.10.1 sent them in ({@code
 * shared/asterisk-traces}; the comment of each variant names the trace). Where the traces show more
 * than one order, {@link LocalPair} picks one with the sim's seeded order random, so a test run
 * with a few seeds sees every order. A new callee behaviour adds a script here (and a pickup in
 * {@link CalleeScript}); {@code SimTraceComparisonTest} holds it against its trace.
 *
 * <p>Causes: Asterisk puts the real cause on the {@code ;2} leg and often 0 on {@code ;1} (busy,
 * congestion); both legs carry it for no answer (19) and cause 1; both 0 after the AGI script's
 * HANGUP and at a clean shutdown; 16 on both for a far-end or dialplan hang-up.
 */
final class LocalScripts {

  private LocalScripts() {}

  /** What one step sends. */
  enum Kind {
    /** DialBegin: no caller (an originate), Dest = the ;1 leg, DialString number@context. */
    DIAL_BEGIN,
    /** DialEnd with the scenario's DialStatus. */
    DIAL_END,
    /** Newstate of a leg; the state is the scenario's (Up on answer, Busy for Busy()). */
    NEWSTATE,
    ORIGINATE_RESPONSE,
    HANGUP_REQUEST,
    SOFT_HANGUP_REQUEST,
    HANGUP,
    /** ;1 leaves the bridge it is in, if any (10: the staff phone's half, between the Hangups). */
    BRIDGE_LEAVE
  }

  /** The half of the pair a step is about (ignored where it makes no sense, e.g. DialBegin). */
  enum Leg {
    ONE,
    TWO,
    NONE
  }

  /** One event of a script; {@code cause} is the Cause header of the hang-up events. */
  record Step(Kind kind, Leg leg, int cause) {}

  /** A scenario: every order Asterisk was seen to send it in. */
  record Script(String name, List<List<Step>> orders) {
    /** The same script with hang-up cause {@code from} replaced by {@code to} (e.g. 1 → 21). */
    Script withCause(int from, int to) {
      return new Script(
          name + " (cause " + to + ")",
          orders.stream()
              .map(
                  o ->
                      o.stream()
                          .map(
                              s ->
                                  s.cause() == from && s.kind() != Kind.SOFT_HANGUP_REQUEST
                                      ? new Step(s.kind(), s.leg(), to)
                                      : s)
                          .toList())
              .toList());
    }
  }

  private static Step dialBegin() {
    return new Step(Kind.DIAL_BEGIN, Leg.NONE, 0);
  }

  private static Step dialEnd() {
    return new Step(Kind.DIAL_END, Leg.NONE, 0);
  }

  private static Step response() {
    return new Step(Kind.ORIGINATE_RESPONSE, Leg.NONE, 0);
  }

  private static Step newstate(Leg leg) {
    return new Step(Kind.NEWSTATE, leg, 0);
  }

  private static Step request(Leg leg, int cause) {
    return new Step(Kind.HANGUP_REQUEST, leg, cause);
  }

  private static Step soft(Leg leg, int cause) {
    return new Step(Kind.SOFT_HANGUP_REQUEST, leg, cause);
  }

  private static Step bridgeLeave() {
    return new Step(Kind.BRIDGE_LEAVE, Leg.ONE, 0);
  }

  private static Step hangup(Leg leg, int cause) {
    return new Step(Kind.HANGUP, leg, cause);
  }

  private static final Leg ONE = Leg.ONE;
  private static final Leg TWO = Leg.TWO;

  /**
   * Answered at once (no ringing): DialBegin and Newstate ;2 swap, so do DialEnd and the response.
   */
  static final Script ANSWERED =
      new Script(
          "answered",
          List.of(
              // 01, 08b
              List.of(newstate(TWO), dialBegin(), newstate(ONE), dialEnd(), response()),
              // 05, 06b, 07, 08a, 09a/09b family, 11, 11b
              List.of(dialBegin(), newstate(TWO), newstate(ONE), dialEnd(), response()),
              // 06a
              List.of(dialBegin(), newstate(TWO), newstate(ONE), response(), dialEnd())));

  /** Answered after ringing (10: the staff phone); DialBegin went out with the ringing. */
  static final Script ANSWERED_AFTER_RINGING =
      new Script(
          "answered after ringing",
          List.of(
              // 10
              List.of(newstate(TWO), newstate(ONE), response(), dialEnd())));

  /** Rang out at the Originate timeout: no DialEnd; the response's place varies. */
  static final Script NO_ANSWER =
      new Script(
          "no answer",
          List.of(
              // 02, 09b elder tf-30 and tf-36
              List.of(
                  request(TWO, 19), response(), hangup(ONE, 19), soft(TWO, 16), hangup(TWO, 19)),
              // 09b elder tf-34
              List.of(
                  request(TWO, 19), hangup(ONE, 19), soft(TWO, 16), hangup(TWO, 19), response()),
              // 09b family tf-38
              List.of(
                  request(TWO, 19), soft(TWO, 16), hangup(ONE, 19), hangup(TWO, 19), response())));

  /** Busy(): 17 on ;2 only. */
  static final Script BUSY =
      new Script(
          "busy",
          List.of(
              // 03
              List.of(
                  newstate(TWO),
                  dialBegin(),
                  dialEnd(),
                  request(TWO, 0),
                  soft(TWO, 16),
                  hangup(TWO, 17),
                  hangup(ONE, 0),
                  response())));

  /** Congestion(): 34 on ;2 only, the response between the legs' Hangups. */
  static final Script CONGESTION =
      new Script(
          "congestion",
          List.of(
              // 04-congestion
              List.of(
                  newstate(TWO),
                  dialBegin(),
                  dialEnd(),
                  request(TWO, 0),
                  hangup(ONE, 0),
                  response(),
                  soft(TWO, 16),
                  hangup(TWO, 34))));

  /** Hangup(1) before answer: reason 0, cause 1 on both legs, DialEnd NOANSWER. */
  static final Script UNALLOCATED =
      new Script(
          "unallocated (cause 1)",
          List.of(
              // 04-cause1-unallocated, 09a tf-29
              List.of(
                  dialBegin(),
                  soft(TWO, 16),
                  request(ONE, 1),
                  hangup(TWO, 1),
                  dialEnd(),
                  response(),
                  hangup(ONE, 1)),
              // 09a tf-33: ;2 hung up before DialBegin is sent
              List.of(
                  soft(TWO, 16),
                  request(ONE, 1),
                  hangup(TWO, 1),
                  dialBegin(),
                  dialEnd(),
                  response(),
                  hangup(ONE, 1)),
              // 09a tf-35
              List.of(
                  dialBegin(),
                  soft(TWO, 16),
                  request(ONE, 1),
                  response(),
                  dialEnd(),
                  hangup(ONE, 1),
                  hangup(TWO, 1))));

  /** The number is not in the callee's context: no LocalBridge, no Dial events, reason 0. */
  static final Script UNDEFINED_EXTENSION =
      new Script(
          "undefined extension",
          List.of(
              // 04-undefined-extension
              List.of(hangup(TWO, 0), hangup(ONE, 0), response())));

  /** Hung up from the API or an AMI Hangup while ringing: inferred, not in the traces. */
  static final Script CANCELLED =
      new Script(
          "cancelled while ringing",
          List.of(
              List.of(
                  soft(ONE, 16), request(TWO, 16), hangup(ONE, 16), hangup(TWO, 16), response())));

  /** The AGI script's HANGUP: SoftHangupRequest 32 on ;1 went out with the command. */
  static final Script SCRIPT_HANGUP =
      new Script(
          "AGI HANGUP",
          List.of(
              // 01, 08a
              List.of(
                  soft(ONE, 16), request(TWO, 0), soft(TWO, 16), hangup(TWO, 0), hangup(ONE, 0)),
              // 07, 09b family
              List.of(
                  soft(ONE, 16), request(TWO, 0), soft(TWO, 16), hangup(ONE, 0), hangup(TWO, 0)),
              // 09a family
              List.of(
                  soft(ONE, 16), request(TWO, 0), hangup(ONE, 0), soft(TWO, 16), hangup(TWO, 0))));

  /** The elder puts the phone down (05; also a queue member's or staff phone's pair in 06a, 10). */
  static final Script CALLEE_HANGUP =
      new Script(
          "callee hangs up",
          List.of(
              List.of(
                  soft(TWO, 16),
                  request(ONE, 16),
                  hangup(TWO, 16),
                  bridgeLeave(),
                  soft(ONE, 16),
                  hangup(ONE, 16))));

  /** The dialplan's Hangup() (06b after transfer-unanswered; 06a, 08b after the member left). */
  static final Script DIALPLAN_HANGUP =
      new Script(
          "dialplan Hangup()",
          List.of(
              List.of(
                  soft(ONE, 16),
                  request(TWO, 16),
                  hangup(ONE, 16),
                  soft(TWO, 16),
                  hangup(TWO, 16))));

  /** {@code core stop} (11): SoftHangupRequest 4 on both legs, then causes 0. */
  static final Script SHUTDOWN =
      new Script(
          "clean shutdown",
          List.of(
              List.of(
                  soft(TWO, 4),
                  soft(ONE, 4),
                  soft(TWO, 16),
                  request(ONE, 0),
                  hangup(TWO, 0),
                  soft(ONE, 16),
                  hangup(ONE, 0))));

  /** Every script, for documentation and the comparison test. */
  static List<Script> all() {
    return List.of(
        ANSWERED,
        ANSWERED_AFTER_RINGING,
        NO_ANSWER,
        BUSY,
        CONGESTION,
        UNALLOCATED,
        UNDEFINED_EXTENSION,
        CANCELLED,
        SCRIPT_HANGUP,
        CALLEE_HANGUP,
        DIALPLAN_HANGUP,
        SHUTDOWN);
  }
}
