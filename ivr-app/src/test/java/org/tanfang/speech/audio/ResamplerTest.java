package org.tanfang.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

  private static final double AMPLITUDE = 10_000;

  @Test
  void upsampling8kTo16kKeepsA1kHzToneAndItsLevel() {
    short[] in = tone(1000, 8000, 8000);
    short[] out = Resampler.resample(in, 8000, 16000);

    assertThat(out).hasSize(16000);
    short[] middle = middle(out);
    // 1 kHz over 0.8 s: 1600 zero crossings
    assertThat(zeroCrossings(middle)).isBetween(1598, 1602);
    assertThat(decibels(level(middle, 1000, 16000) / AMPLITUDE)).isCloseTo(0, within(1.0));
  }

  @Test
  void downsampling16kTo8kKeepsA3500HzTone() {
    short[] out = Resampler.resample(tone(3500, 16000, 16000), 16000, 8000);

    assertThat(out).hasSize(8000);
    assertThat(decibels(level(middle(out), 3500, 8000) / AMPLITUDE)).isCloseTo(0, within(1.0));
  }

  @Test
  void downsampling16kTo8kRemovesA6kHzToneInsteadOfAliasingIt() {
    short[] out = Resampler.resample(tone(6000, 16000, 16000), 16000, 8000);

    // Without the low-pass, 6 kHz would fold to 2 kHz at full level.
    double aliased = level(middle(out), 2000, 8000);
    double total = rms(middle(out)) * Math.sqrt(2);
    assertThat(decibels(aliased / AMPLITUDE)).isLessThan(-40);
    assertThat(decibels(total / AMPLITUDE)).isLessThan(-40);
  }

  @Test
  void converts44100To16000() {
    Resampler resampler = new Resampler(44100, 16000);
    short[] out = Resampler.resample(tone(1000, 44100, 44100), 44100, 16000);

    assertThat(out).hasSize(16000);
    assertThat(resampler.outputLength(44100)).isEqualTo(16000);
    assertThat(decibels(level(middle(out), 1000, 16000) / AMPLITUDE)).isCloseTo(0, within(1.0));
  }

  @ParameterizedTest
  @CsvSource({"8000, 16000, 1000, 2000", "16000, 8000, 1001, 501", "44100, 16000, 441, 160"})
  void lengthFollowsTheRatio(int from, int to, int inLength, int outLength) {
    assertThat(Resampler.resample(new short[inLength], from, to)).hasSize(outLength);
  }

  @Test
  void aStreamFedInOddChunksGivesTheSameSamples() {
    short[] in = tone(440, 8000, 4000);
    short[] whole = Resampler.resample(in, 8000, 16000);

    byte[] bytes = Pcm16.toBytes(in);
    Resampler.Stream stream = new Resampler(8000, 16000).stream();
    byte[] streamed = new byte[0];
    int at = 0;
    for (int chunk : new int[] {1, 319, 160, 3, 999}) {
      int end = Math.min(bytes.length, at + chunk);
      streamed = concat(streamed, stream.process(Arrays.copyOfRange(bytes, at, end)));
      at = end;
    }
    streamed = concat(streamed, stream.process(Arrays.copyOfRange(bytes, at, bytes.length)));
    streamed = concat(streamed, Pcm16.toBytes(stream.flush()));

    assertThat(Pcm16.toShorts(streamed)).isEqualTo(whole);
  }

  @Test
  void theSameRateIsACopyAndBadRatesAreRefused() {
    short[] in = {1, 2, 3};
    assertThat(Resampler.resample(in, 8000, 8000)).isEqualTo(in).isNotSameAs(in);
    assertThatThrownBy(() -> new Resampler(0, 8000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pcm16.toShorts(new byte[3]))
        .hasMessageContaining("even number of bytes");
  }

  @Test
  void bytesAreLittleEndian() {
    assertThat(Pcm16.toBytes(new short[] {0x1234, -2})).containsExactly(0x34, 0x12, 0xFE, 0xFF);
    assertThat(Pcm16.toShorts(new byte[] {0x34, 0x12})).containsExactly((short) 0x1234);
  }

  static short[] tone(double frequency, int rate, int length) {
    short[] samples = new short[length];
    for (int i = 0; i < length; i++) {
      samples[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * frequency * i / rate));
    }
    return samples;
  }

  /** The signal without its first and last 10 %, where the filter sees the edges. */
  private static short[] middle(short[] samples) {
    return Arrays.copyOfRange(samples, samples.length / 10, samples.length * 9 / 10);
  }

  private static int zeroCrossings(short[] samples) {
    int count = 0;
    for (int i = 1; i < samples.length; i++) {
      if ((samples[i - 1] < 0) != (samples[i] < 0)) {
        count++;
      }
    }
    return count;
  }

  /** The amplitude of one frequency (Goertzel). */
  private static double level(short[] samples, double frequency, int rate) {
    double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
    double previous = 0;
    double beforePrevious = 0;
    for (short sample : samples) {
      double current = sample + coefficient * previous - beforePrevious;
      beforePrevious = previous;
      previous = current;
    }
    double power =
        previous * previous
            + beforePrevious * beforePrevious
            - coefficient * previous * beforePrevious;
    return 2 * Math.sqrt(Math.max(power, 0)) / samples.length;
  }

  private static double rms(short[] samples) {
    double sum = 0;
    for (short sample : samples) {
      sum += (double) sample * sample;
    }
    return Math.sqrt(sum / samples.length);
  }

  private static double decibels(double ratio) {
    return 20 * Math.log10(Math.max(ratio, 1e-12));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
