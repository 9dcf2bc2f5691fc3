package org.tanfang.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tanfang.speech.audio.WavFile;

/** Ring-back is told from speech by its one frequency: China's 450 Hz, 1 s on and 4 s off. */
class LineEnergyTest {
  private static final int RATE = 8000;

  private static short[] tone(double hz, int ms, double amplitude) {
    short[] s = new short[ms * RATE / 1000];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
    }
    return s;
  }

  private static WavFile join(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] all = new short[n];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return new WavFile(RATE, all);
  }

  /** A voice-like buzz: a 130 Hz fundamental and its harmonics up to 3.4 kHz, wavering. */
  private static short[] voice(int ms) {
    short[] s = new short[ms * RATE / 1000];
    Random r = new Random(7);
    for (int i = 0; i < s.length; i++) {
      double f0 = 130 + 15 * Math.sin(2 * Math.PI * 3 * i / RATE);
      double v = 0;
      for (int h = 1; h * 130 < 3400; h++) {
        v += Math.sin(2 * Math.PI * f0 * h * i / RATE) / h;
      }
      s[i] = (short) Math.round(2500 * v + 300 * r.nextGaussian());
    }
    return s;
  }

  @Test
  void ringBackIsAllTone() {
    WavFile cadence = join(tone(450, 1000, 4000), new short[4000 * RATE / 1000]);

    assertThat(LineEnergy.voicedSeconds(cadence)).isCloseTo(1.0, within(0.05));
    assertThat(LineEnergy.toneSeconds(cadence, LineEnergy.RINGBACK_HZ))
        .isCloseTo(1.0, within(0.05));
  }

  @Test
  void speechIsNotTheTone() {
    WavFile speech = join(voice(1500));

    assertThat(LineEnergy.voicedSeconds(speech)).isGreaterThan(1.4);
    assertThat(LineEnergy.toneSeconds(speech, LineEnergy.RINGBACK_HZ)).isLessThan(0.1);
  }

  @Test
  void aBeepIsNotRingBack() {
    // The 1 kHz beep of a voicemail box ("after the tone") is a tone, but not China's 450 Hz.
    assertThat(LineEnergy.toneSeconds(join(tone(1000, 1000, 4000)), LineEnergy.RINGBACK_HZ))
        .isLessThan(0.1);
  }

  @Test
  void quietIsNeitherVoicedNorTone() {
    WavFile quiet = join(tone(450, 1000, 200));

    assertThat(LineEnergy.voicedSeconds(quiet)).isZero();
    assertThat(LineEnergy.toneSeconds(quiet, LineEnergy.RINGBACK_HZ)).isZero();
  }
}
