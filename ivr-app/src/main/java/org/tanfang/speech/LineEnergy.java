package org.tanfang.speech;

import org.tanfang.speech.audio.WavFile;

/**
 * How much of a recording carries sound: 20 ms frames whose RMS is over a fixed threshold (about
 * -36 dBFS, above a telephone line's hiss, below speech and ring-back tones).
 */
final class LineEnergy {
  static final double THRESHOLD = 520;

  private LineEnergy() {}

  static double voicedSeconds(WavFile audio) {
    int frame = Math.max(1, audio.sampleRate() / 50);
    short[] s = audio.samples();
    int voicedFrames = 0;
    for (int at = 0; at + frame <= s.length; at += frame) {
      double sum = 0;
      for (int i = at; i < at + frame; i++) {
        sum += (double) s[i] * s[i];
      }
      if (Math.sqrt(sum / frame) > THRESHOLD) {
        voicedFrames++;
      }
    }
    return voicedFrames * 0.02;
  }
}
