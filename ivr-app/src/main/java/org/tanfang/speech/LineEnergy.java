package org.tanfang.speech;

import org.tanfang.speech.audio.WavFile;

/**
 * How much of a recording carries sound: 20 ms frames whose RMS is over a fixed threshold (about
 * -36 dBFS, above a telephone line's hiss, below speech and ring-back tones).
 */
final class LineEnergy {
  static final double THRESHOLD = 520;

  private LineEnergy() {}

  /**
   * China's ring-back and busy tones are one 450 Hz tone (YD/T 1277; 1 s on, 4 s off for
   * ring-back).
   */
  static final double RINGBACK_HZ = 450;

  /** A voiced frame this much of whose energy is at the tone's frequency is the tone. */
  static final double TONE_SHARE = 0.6;

  /**
   * How much of a recording is the 450 Hz ring-back tone: voiced 20 ms frames whose energy at 450
   * Hz (Goertzel) is at least {@link #TONE_SHARE} of the frame's. Speech spreads its energy over
   * many frequencies and stays far below.
   */
  static double toneSeconds(WavFile audio, double hz) {
    int frame = Math.max(1, audio.sampleRate() / 50);
    short[] s = audio.samples();
    double coeff = 2 * Math.cos(2 * Math.PI * hz / audio.sampleRate());
    int toneFrames = 0;
    for (int at = 0; at + frame <= s.length; at += frame) {
      double sum = 0;
      double q1 = 0;
      double q2 = 0;
      for (int i = at; i < at + frame; i++) {
        sum += (double) s[i] * s[i];
        double q0 = coeff * q1 - q2 + s[i];
        q2 = q1;
        q1 = q0;
      }
      if (Math.sqrt(sum / frame) <= THRESHOLD) {
        continue;
      }
      // |X(f)|^2 of the frame; a pure tone of it has |X|^2 = (N/2)^2 A^2 and sum = N A^2 / 2.
      double power = q1 * q1 + q2 * q2 - coeff * q1 * q2;
      double share = power / (sum * frame / 2.0);
      if (share >= TONE_SHARE) {
        toneFrames++;
      }
    }
    return toneFrames * 0.02;
  }

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
