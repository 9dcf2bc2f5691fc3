package org.tanfang.asterisksim;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a line plays before anything was played to it: early media before the answer (ring-back tone
 * with its silent gaps, or plain silence: {@link CalleeScript#earlyMedia()}), then a carrier
 * announcement (in early media or after answering), a voicemail greeting, or nothing (a person who
 * picked up and waits). A RECORD FILE sent before the first prompt hears it; it never uses up the
 * callee's scripted replies, which answer prompts. Once a prompt has played the opening is over.
 *
 * <p>The line is a timeline, and each RECORD FILE takes the next stretch of it as res_agi's {@code
 * handle_recordfile} does: 20 ms frames until {@code s=} seconds of silence in a row (Asterisk's
 * default silence threshold, 256) or the timeout; the silence that ended it is left out of the file
 * (Asterisk keeps up to {@code s} − 1 s of it). So a silent gap in early media ends a round with a
 * quiet (empty) recording, as on a real line. Past the end of the audio the line is silent. The
 * position is the line's own clock (no waiting): while it is before the answer, CHANNEL STATUS says
 * the line rings ({@link #channelState()}), and the position of the first prompt is kept on the
 * {@link CallRecord} ({@link CallRecord#firstPromptLineMs()}).
 */
final class LineOpening {
  private static final int SILENCE_THRESHOLD = 256;
  private static final int DEFAULT_RATE = 8000;

  /** RECORD FILE without a timeout and without silence detection stops here in the sim. */
  private static final long LONGEST_ROUND_MS = 60_000;

  private final Path opening;

  /** Whether the line is the opening alone (no early media before it). */
  private final boolean openingOnly;

  private final Wav.Pcm line;
  private final long answeredAtMs;
  private final CallRecord record;
  private long cursorMs;
  private boolean over;

  /** A line that answers at once and plays {@code wav} (null: nothing). */
  LineOpening(Path wav) {
    this(wav, null, 0, null);
  }

  /**
   * @param opening what plays from the answer on (or, for a callee that never answers, from the
   *     first early media)
   * @param earlyMedia what plays before the answer; null for none
   * @param answersAfterEarlyMedia false for a network that never answers (EARLY_MEDIA pickup)
   */
  LineOpening(Path opening, Path earlyMedia, boolean answersAfterEarlyMedia, CallRecord record) {
    this(
        opening,
        earlyMedia,
        answersAfterEarlyMedia
            ? (earlyMedia == null ? 0 : Math.max(0, Wav.durationMs(earlyMedia)))
            : Long.MAX_VALUE,
        record);
  }

  private LineOpening(Path opening, Path earlyMedia, long answeredAtMs, CallRecord record) {
    this.opening = opening;
    this.openingOnly = earlyMedia == null;
    this.answeredAtMs = answeredAtMs;
    this.record = record;
    this.line =
        join(
            earlyMedia == null ? null : Wav.read(earlyMedia),
            opening == null ? null : Wav.read(opening));
    if (record != null && answeredAtMs != Long.MAX_VALUE) {
      record.lineAnsweredAt(answeredAtMs);
    }
  }

  private static Wav.Pcm join(Wav.Pcm early, Wav.Pcm opening) {
    if (early == null) {
      return opening;
    }
    if (opening == null) {
      return early;
    }
    short[] tail = opening.samples();
    if (opening.rate() != early.rate()) {
      // Nearest-sample rate change: enough for energy and silence detection.
      tail = new short[(int) ((long) opening.samples().length * early.rate() / opening.rate())];
      for (int i = 0; i < tail.length; i++) {
        tail[i] = opening.samples()[(int) ((long) i * opening.rate() / early.rate())];
      }
    }
    short[] all = new short[early.samples().length + tail.length];
    System.arraycopy(early.samples(), 0, all, 0, early.samples().length);
    System.arraycopy(tail, 0, all, early.samples().length, tail.length);
    return new Wav.Pcm(early.rate(), all);
  }

  /** Whether a RECORD FILE now would hear the line's opening rather than a reply. */
  synchronized boolean pending() {
    return !over;
  }

  /** A prompt played: from now on RECORD FILE records replies. */
  synchronized void promptPlayed() {
    if (!over && record != null) {
      record.firstPromptAt(cursorMs);
    }
    over = true;
  }

  /** What AGI CHANNEL STATUS says: ringing (5) during early media, up (6) once answered. */
  synchronized SimChannel.State channelState() {
    return cursorMs >= answeredAtMs ? SimChannel.State.UP : SimChannel.State.RINGING;
  }

  /**
   * RECORD FILE over the opening: the next stretch of the line, ended by {@code silenceSec} of
   * silence or by the timeout.
   */
  synchronized String record(Path target, CallRecord record, long timeoutMs, int silenceSec)
      throws IOException {
    int rate = line == null ? DEFAULT_RATE : line.rate();
    short[] s = line == null ? new short[0] : line.samples();
    int frame = Math.max(1, rate / 50);
    long longest = timeoutMs > 0 ? timeoutMs : LONGEST_ROUND_MS;
    long maxSamples = longest * rate / 1000;
    int start = (int) Math.min(Integer.MAX_VALUE, cursorMs * rate / 1000);
    int quietFrames = 0;
    int needQuiet = silenceSec > 0 ? silenceSec * 50 : Integer.MAX_VALUE;
    int at = start;
    while (at - start < maxSamples) {
      long sum = 0;
      for (int i = at; i < at + frame; i++) {
        sum += i < s.length ? Math.abs(s[i]) : 0;
      }
      at += frame;
      quietFrames = sum / frame < SILENCE_THRESHOLD ? quietFrames + 1 : 0;
      if (quietFrames >= needQuiet) {
        break;
      }
    }
    long recordedMs = (long) (at - start) * 1000 / rate;
    cursorMs += recordedMs;
    boolean bySilence = quietFrames >= needQuiet;
    // The silence that ended the round is not kept (the sim's RECORD FILE always trimmed it).
    int kept = bySilence ? Math.max(0, at - start - quietFrames * frame) : at - start;
    if (start == 0 && opening != null && at >= s.length && openingOnly) {
      // The whole opening in one round, as it is: the file the callee plays.
      kept = s.length;
      java.nio.file.Files.copy(opening, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } else {
      short[] out = new short[kept];
      if (start < s.length) {
        System.arraycopy(s, start, out, 0, Math.min(kept, s.length - start));
      }
      Wav.write(target, rate, out, 0, out.length);
    }
    record.recording(target);
    long left = bySilence && timeoutMs > 0 ? Math.max(0, timeoutMs - recordedMs) : 0;
    return "200 result=" + left + " (timeout) endpos=" + (long) kept * 8000 / rate;
  }
}
