package org.tanfang.asterisksim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a line plays before anything was played to it: a carrier announcement (in early media or
 * after answering), a voicemail greeting, or nothing (a person who picked up and waits). A RECORD
 * FILE sent before the first prompt hears it; it never uses up the callee's scripted replies, which
 * answer prompts. Once a prompt has played the opening is over, heard or not.
 */
final class LineOpening {

  private final Path wav;
  private boolean over;

  LineOpening(Path wav) {
    this.wav = wav;
  }

  /** Whether a RECORD FILE now would hear the line's opening rather than a reply. */
  synchronized boolean pending() {
    return !over;
  }

  /** A prompt played: from now on RECORD FILE records replies. */
  synchronized void promptPlayed() {
    over = true;
  }

  /**
   * RECORD FILE over the opening: the announcement or greeting (ended by silence detection once it
   * is over), or an empty file for a quiet line.
   */
  synchronized String record(Path target, CallRecord record, long timeoutMs, int silenceSec)
      throws IOException {
    over = true;
    long spokenMs = 0;
    if (wav != null) {
      Files.copy(wav, target, StandardCopyOption.REPLACE_EXISTING);
      spokenMs = Wav.durationMs(wav);
    } else {
      Wav.writeEmpty(target);
    }
    record.recording(target);
    long left = silenceSec > 0 && timeoutMs > 0 ? timeoutMs - spokenMs - silenceSec * 1000L : 0;
    return "200 result=" + Math.max(0, left) + " (timeout) endpos=" + spokenMs * 8;
  }
}
