package org.tanfang.asterisksim;

/**
 * A call the network never answers but talks to: a carrier announcement as early media (SIP 183
 * with audio), then the call released with the script's cause. With Originate {@code EarlyMedia:
 * true} Asterisk treats the progress as the answer ({@code pbx_outgoing_state_callback},
 * main/pbx.c) and the dialplan runs, so the AGI can record the announcement; without it the
 * dialplan never runs and only the Hangup cause reaches the dialer (OriginateResponse Failure,
 * reason 0, as for every PJSIP refusal: see asterisk-sim/README.md "PJSIP trunk").
 */
final class EarlyMediaCallee {

  /** A 183 with the announcement follows the INVITE within a few hundred ms on a carrier trunk. */
  static final long PROGRESS_AFTER_MS = 200;

  private final SimCall call;

  EarlyMediaCallee(SimCall call) {
    this.call = call;
  }

  void start() {
    CalleeScript script = call.script();
    if (call.request().earlyMedia()) {
      call.ringThen(PROGRESS_AFTER_MS, call::answer);
      return;
    }
    long playMs = PROGRESS_AFTER_MS + Wav.durationMs(script.opening());
    int cause = script.releaseCause() > 0 ? script.releaseCause() : 16;
    call.ringThen(playMs, () -> call.fail(CallOutcome.UNALLOCATED, cause));
  }
}
