package org.tanfang.asterisksim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a simulated phone behaves: whether and when it answers, then the replies it gives to the AGI
 * script's successive input commands.
 *
 * @param pickup what happens when the phone is dialled
 * @param answerDelayMs time to answer (ANSWER); with a delay at or beyond the Originate timeout the
 *     call is not answered
 * @param replies consumed in order by input commands
 * @param whenExhausted what the callee keeps doing once {@code replies} are used up
 * @param hangupAfterCommands if positive, the callee hangs up once this many AGI commands were
 *     answered (the script then gets Asterisk's {@code HANGUP} line and 511 for further commands)
 * @param opening what the line plays from the moment audio flows, before anything was played to it
 *     (a carrier announcement, a voicemail greeting): heard by a RECORD FILE sent before any prompt
 *     ({@link LineOpening}); null for a plain phone
 * @param releaseCause the Q.850 cause when the callee ends the call (0: Normal Clearing), e.g. 19
 *     for a carrier's 480 after an announcement
 * @param sip the carrier's SIP answer for {@link Pickup#REJECT}; null for the other pickups, which
 *     have their own ({@link #sipReply()})
 * @param earlyMedia what the network plays as early media (SIP 183 with audio: ring-back tone,
 *     silence, colour ring-back music) before this callee answers; heard only with Originate {@code
 *     EarlyMedia: true}, and while it plays AGI CHANNEL STATUS says the line rings (5), not Up (6)
 *     ({@link LineOpening}); null: the callee answers straight away
 */
public record CalleeScript(
    Pickup pickup,
    long answerDelayMs,
    List<CalleeReply> replies,
    CalleeReply whenExhausted,
    int hangupAfterCommands,
    Path opening,
    int releaseCause,
    SipReply sip,
    Path earlyMedia) {

  /** What the line does when dialled. */
  public enum Pickup {
    ANSWER,
    NO_ANSWER,
    BUSY,
    CONGESTION,
    UNALLOCATED,
    UNAVAILABLE,
    /**
     * The network plays {@code opening} as early media (SIP 183) and then releases the call with
     * {@code releaseCause}, never answering ({@link EarlyMediaCallee}).
     */
    EARLY_MEDIA,
    /** Rings, then the callee rejects the call: 180 Ringing, then 603 Decline. */
    DECLINED,
    /** The carrier's own SIP answer ({@link CalleeScript#sip()}), e.g. 480, 484, 500, 183 + 486. */
    REJECT
  }

  public CalleeScript {
    Objects.requireNonNull(pickup, "pickup");
    replies = List.copyOf(replies);
    Objects.requireNonNull(whenExhausted, "whenExhausted");
    if (pickup == Pickup.EARLY_MEDIA && opening == null) {
      throw new IllegalArgumentException("An early-media callee needs the announcement it plays");
    }
    if (earlyMedia != null && pickup != Pickup.ANSWER) {
      throw new IllegalArgumentException(
          "early media before an answer needs a callee that answers");
    }
    if ((pickup == Pickup.REJECT) != (sip != null)) {
      throw new IllegalArgumentException("a SIP answer goes with pickup REJECT, and only with it");
    }
  }

  public CalleeScript(
      Pickup pickup,
      long answerDelayMs,
      List<CalleeReply> replies,
      CalleeReply whenExhausted,
      int hangupAfterCommands) {
    this(pickup, answerDelayMs, replies, whenExhausted, hangupAfterCommands, null, 0, null, null);
  }

  /**
   * A carrier announcement in early media (您拨打的电话已关机 …), then the call is released with {@code
   * cause} (e.g. 19 for SIP 480, 21 for 403, 1 for 404) without an answer.
   */
  public static CalleeScript earlyMedia(Path announcement, int cause) {
    return new CalleeScript(
        Pickup.EARLY_MEDIA,
        0,
        List.of(CalleeReply.hangup()),
        CalleeReply.hangup(),
        0,
        announcement,
        cause,
        null,
        null);
  }

  /** The carrier answers (200 OK), plays an announcement and hangs up. */
  public static CalleeScript answersWithAnnouncement(Path announcement) {
    return answers().opening(announcement).hangUp().build();
  }

  /**
   * A voicemail box or call-secretary service: answers, plays its greeting, then records whatever
   * it is told (silence) until the caller hangs up.
   */
  public static CalleeScript voicemail(Path greeting) {
    return answers().opening(greeting).build();
  }

  /**
   * What the carrier answers on a PJSIP trunk when this callee refuses the call: busy 486,
   * congestion 503, unallocated 404, declined 180 then 603, or the REJECT script's own; null when
   * the callee answers, rings out or cannot be dialled at all.
   */
  public SipReply sipReply() {
    return switch (pickup) {
      case BUSY -> new SipReply(0, SipResponse.BUSY_HERE);
      case CONGESTION -> new SipReply(0, SipResponse.SERVICE_UNAVAILABLE);
      case UNALLOCATED -> new SipReply(0, SipResponse.NOT_FOUND);
      case DECLINED -> new SipReply(180, SipResponse.DECLINE);
      case REJECT -> sip;
      default -> null;
    };
  }

  public static CalleeScript declined() {
    return of(Pickup.DECLINED);
  }

  /** The carrier answers the INVITE with this final status (e.g. 480, 484, 500, 502, 600). */
  public static CalleeScript rejects(int status) {
    return rejects(SipReply.of(status));
  }

  /**
   * The carrier's provisional (180/183) and final answer, e.g. {@code SipReply.after(183, 486)}.
   */
  public static CalleeScript rejects(SipReply reply) {
    return new CalleeScript(
        Pickup.REJECT, 0, List.of(), CalleeReply.silence(), 0, null, 0, reply, null);
  }

  public static CalleeScript busy() {
    return of(Pickup.BUSY);
  }

  public static CalleeScript noAnswer() {
    return of(Pickup.NO_ANSWER);
  }

  public static CalleeScript congestion() {
    return of(Pickup.CONGESTION);
  }

  public static CalleeScript unallocated() {
    return of(Pickup.UNALLOCATED);
  }

  public static CalleeScript unavailable() {
    return of(Pickup.UNAVAILABLE);
  }

  /** A callee that answers at once and presses {@code digit} at every input opportunity. */
  public static CalleeScript alwaysPress(String digit) {
    return answers().thenAlways(new CalleeReply.Digits(digit, 0)).build();
  }

  private static CalleeScript of(Pickup pickup) {
    return new CalleeScript(pickup, 0, List.of(), CalleeReply.silence(), 0);
  }

  /** Starts a script for a callee that answers. */
  public static Builder answers() {
    return new Builder();
  }

  /** Builds an answering callee's script. */
  public static final class Builder {
    private long answerDelayMs;
    private final List<CalleeReply> replies = new ArrayList<>();
    private CalleeReply whenExhausted = CalleeReply.silence();
    private int hangupAfterCommands;

    private Path opening;
    private Path earlyMedia;

    private Builder() {}

    /**
     * What the network plays as early media before this callee answers (ring-back with its silent
     * gaps, or plain silence): see {@link CalleeScript#earlyMedia()}.
     */
    public Builder earlyMedia(Path wav) {
      this.earlyMedia = wav;
      return this;
    }

    /** What the line plays as soon as it answers, before any prompt (see {@link LineOpening}). */
    public Builder opening(Path wav) {
      this.opening = wav;
      return this;
    }

    public Builder afterMs(long ms) {
      this.answerDelayMs = ms;
      return this;
    }

    public Builder afterSeconds(double seconds) {
      return afterMs(Math.round(seconds * 1000));
    }

    public Builder press(String digits) {
      return press(digits, 0);
    }

    public Builder press(String digits, long delayMs) {
      return reply(new CalleeReply.Digits(digits, delayMs));
    }

    public Builder silence() {
      return reply(CalleeReply.silence());
    }

    public Builder say(Path wav) {
      return reply(new CalleeReply.Recording(wav, null, 0));
    }

    public Builder say(Path wav, char endKey) {
      return reply(new CalleeReply.Recording(wav, endKey, 0));
    }

    public Builder hangUp() {
      return reply(CalleeReply.hangup());
    }

    public Builder reply(CalleeReply reply) {
      replies.add(Objects.requireNonNull(reply));
      return this;
    }

    public Builder thenAlways(CalleeReply reply) {
      this.whenExhausted = Objects.requireNonNull(reply);
      return this;
    }

    public Builder hangUpAfterCommands(int commands) {
      this.hangupAfterCommands = commands;
      return this;
    }

    public CalleeScript build() {
      return new CalleeScript(
          Pickup.ANSWER,
          answerDelayMs,
          replies,
          whenExhausted,
          hangupAfterCommands,
          opening,
          0,
          null,
          earlyMedia);
    }
  }
}
