package org.tanfang.asterisksim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The AGI commands where the callee can act: STREAM FILE, CONTROL STREAM FILE, GET OPTION, GET
 * DATA, WAIT FOR DIGIT, SAY ..., RECORD FILE. Reply texts are those of the handlers in
 * res/res_agi.c ({@code handle_streamfile}, {@code handle_getdata}, {@code handle_waitfordigit},
 * {@code handle_recordfile}, ...). Keys are reported as ASCII codes; a hang-up during the command
 * gives result=-1. Prompts are not really played: a prompt heard to the end reports a nominal 2 s
 * endpos.
 */
final class AgiMedia {

  /** Nominal prompt length: 2 s at 8 kHz. */
  static final long PROMPT_SAMPLES = 16000;

  private static final int HUNG_UP = -1;

  private final SimCall call;
  private final CallLine line;
  private final CalleeCursor cursor;

  AgiMedia(SimCall call, CallLine line, CalleeCursor cursor) {
    this.call = call;
    this.line = line;
    this.cursor = cursor;
  }

  /** The outcome of playing a prompt: the key that stopped it (0: none, -1: hang-up). */
  private record Play(int key, long endpos) {}

  String streamFile(String file, String escape) {
    call.opening().promptPlayed();
    call.record().prompt(file);
    Play p = play(escape);
    return "200 result=" + p.key() + " endpos=" + p.endpos();
  }

  String getOption(String file, String escape) {
    call.opening().promptPlayed();
    call.record().prompt(file);
    Play p = play(escape);
    if (p.key() == 0 && !escape.isEmpty()) {
      // After the prompt GET OPTION waits for one more key.
      int k = waitKey();
      if (k == HUNG_UP || escape.indexOf(k) >= 0) {
        return "200 result=" + k + " endpos=" + p.endpos();
      }
    }
    return "200 result=" + p.key() + " endpos=" + p.endpos();
  }

  String say(String escape) {
    call.opening().promptPlayed();
    return "200 result=" + play(escape).key();
  }

  String waitForDigit() {
    return "200 result=" + waitKey();
  }

  String getData(String file, int max) {
    call.opening().promptPlayed();
    call.record().prompt(file);
    CalleeReply r = cursor.peek();
    if (r instanceof CalleeReply.Hangup || r instanceof CalleeReply.Silence) {
      cursor.consume();
      if (!act(r)) {
        return "200 result=-1";
      }
      return "200 result= (timeout)";
    }
    if (!(r instanceof CalleeReply.Digits d)) {
      return "200 result= (timeout)";
    }
    if (!act(r)) {
      return "200 result=-1";
    }
    // '#' ends entry without being part of the result (ast_readstring); fewer than max keys and
    // no '#' means the inter-digit timeout ended it.
    String keys = d.digits();
    int hash = keys.indexOf('#');
    int want = hash >= 0 && hash < max ? hash + 1 : Math.min(max, keys.length());
    String taken = cursor.takeDigits(want);
    taken.chars().forEach(k -> dtmf((char) k));
    String result = taken.replace("#", "");
    boolean complete = taken.endsWith("#") || taken.length() >= max;
    return "200 result=" + result + (complete ? "" : " (timeout)");
  }

  String recordFile(List<String> argv) {
    String escape = argv.get(4);
    int timeout = Integer.parseInt(argv.get(5));
    int silenceSec = 0;
    for (int i = 6; i < Math.min(argv.size(), 9); i++) {
      if (argv.get(i).startsWith("s=")) {
        silenceSec = parseIntOr(argv.get(i).substring(2), 0);
      }
    }
    boolean beep =
        (argv.size() > 6 && !argv.get(6).matches("-?\\d+") && !argv.get(6).startsWith("s="))
            || (argv.size() > 7 && !argv.get(7).startsWith("s="));
    if (beep) {
      call.opening().promptPlayed();
      call.record().prompt("beep");
    }
    Path target = Path.of(argv.get(2) + "." + argv.get(3));
    if (target.toAbsolutePath().getParent() == null
        || !Files.isDirectory(target.toAbsolutePath().getParent())) {
      return "200 result=-1 (writefile)";
    }
    if (call.opening().pending()) {
      try {
        return call.opening().record(target, call.record(), timeout, silenceSec);
      } catch (IOException e) {
        return "200 result=-1 (writefile)";
      }
    }
    CalleeReply r = cursor.peek();
    long spokenMs = 0;
    try {
      if (r instanceof CalleeReply.Recording rec) {
        cursor.consume();
        if (!act(r)) {
          return "200 result=-1 (hangup) endpos=0";
        }
        Files.copy(rec.wav(), target, StandardCopyOption.REPLACE_EXISTING);
        call.record().recording(target);
        spokenMs = Wav.durationMs(rec.wav());
        if (rec.endKey() != null && escape.indexOf(rec.endKey()) >= 0) {
          dtmf(rec.endKey());
          return "200 result=" + (int) rec.endKey() + " (dtmf) endpos=" + spokenMs * 8;
        }
      } else {
        if (r instanceof CalleeReply.Digits) {
          if (!act(r)) {
            return "200 result=-1 (hangup) endpos=0";
          }
          char k = cursor.takeDigits(1).charAt(0);
          dtmf(k);
          Wav.writeEmpty(target);
          call.record().recording(target);
          if (escape.indexOf(k) >= 0) {
            return "200 result=" + (int) k + " (dtmf) endpos=0";
          }
        } else {
          cursor.consume();
          if (!act(r)) {
            return "200 result=-1 (hangup) endpos=0";
          }
          Wav.writeEmpty(target);
          call.record().recording(target);
        }
      }
    } catch (IOException e) {
      return "200 result=-1 (writefile)";
    }
    // Ended by silence detection, the result is what was left of the timeout (ast_waitfor's
    // return); ended by the timeout itself it is 0.
    long left = silenceSec > 0 && timeout > 0 ? timeout - spokenMs - silenceSec * 1000L : 0;
    return "200 result=" + Math.max(0, left) + " (timeout) endpos=" + spokenMs * 8;
  }

  /** Plays a prompt that {@code escape} keys may interrupt. */
  private Play play(String escape) {
    if (line.isHungUp()) {
      return new Play(HUNG_UP, 0);
    }
    CalleeReply r = cursor.peek();
    if (r instanceof CalleeReply.Hangup) {
      cursor.consume();
      act(r);
      return new Play(HUNG_UP, 0);
    }
    if (escape.isEmpty() || r instanceof CalleeReply.Recording) {
      // Keys pressed during an uninterruptible prompt are discarded, so they stay for later.
      return new Play(0, PROMPT_SAMPLES);
    }
    if (r instanceof CalleeReply.Silence) {
      cursor.consume();
      return act(r) ? new Play(0, PROMPT_SAMPLES) : new Play(HUNG_UP, 0);
    }
    CalleeReply.Digits d = (CalleeReply.Digits) r;
    if (!act(r)) {
      return new Play(HUNG_UP, 0);
    }
    char k = cursor.takeDigits(1).charAt(0);
    dtmf(k);
    if (escape.indexOf(k) < 0) {
      return new Play(0, PROMPT_SAMPLES);
    }
    return new Play(k, Math.min(PROMPT_SAMPLES, d.delayMs() * 8));
  }

  private int waitKey() {
    CalleeReply r = cursor.peek();
    if (r instanceof CalleeReply.Digits) {
      if (!act(r)) {
        return HUNG_UP;
      }
      char k = cursor.takeDigits(1).charAt(0);
      dtmf(k);
      return k;
    }
    if (r instanceof CalleeReply.Recording) {
      return line.isHungUp() ? HUNG_UP : 0;
    }
    cursor.consume();
    return act(r) ? 0 : HUNG_UP;
  }

  /**
   * Waits the reply's delay. Returns false if the line is dead by then: hung up meanwhile, or the
   * reply itself is the callee hanging up.
   */
  private boolean act(CalleeReply r) {
    if (!line.await(r.delayMs())) {
      return false;
    }
    if (r instanceof CalleeReply.Hangup) {
      call.calleeHangsUp();
      return false;
    }
    return true;
  }

  private void dtmf(char key) {
    String k = String.valueOf(key);
    call.publish(
        AmiEvents.Category.DTMF,
        call.event("DTMFBegin", AmiEvents.Category.DTMF)
            .add("Digit", k)
            .add("Direction", "Received"));
    call.publish(
        AmiEvents.Category.DTMF,
        call.event("DTMFEnd", AmiEvents.Category.DTMF)
            .add("Digit", k)
            .add("DurationMs", 120)
            .add("Direction", "Received"));
  }

  static int parseIntOr(String s, int fallback) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
