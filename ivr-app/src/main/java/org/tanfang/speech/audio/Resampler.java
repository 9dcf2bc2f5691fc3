package org.tanfang.speech.audio;

import java.util.Arrays;

/**
 * Sample-rate conversion for 16-bit mono PCM by any rational ratio (8 kHz → 16 kHz for Vosk, 16 kHz
 * → 8 kHz, 44.1 kHz → 16 kHz, …).
 *
 * <p>A polyphase windowed-sinc FIR: the ratio is reduced to up/down = L/M; output sample n lies at
 * input time n·M/L = q + φ/L, and is the dot product of the input around q with the precomputed
 * coefficients of phase φ. The low-pass cut-off is 95 % of the lower Nyquist frequency, the window
 * a Kaiser window for about 90 dB stop-band attenuation with the pass band flat to 90 % of that
 * Nyquist frequency — so downsampling does not alias and upsampling leaves no images. The output is
 * aligned with the input (no delay); a stream can be fed in chunks ({@link #stream}). Immutable and
 * thread-safe; a {@link Stream} is not.
 */
public final class Resampler {

  private static final double ATTENUATION_DB = 90;
  private static final double PASS_EDGE = 0.90;
  private static final double STOP_EDGE = 1.00;

  private final int inRate;
  private final int outRate;
  private final int up;
  private final int down;
  private final int taps;
  private final float[][] phases;

  public Resampler(int inRate, int outRate) {
    if (inRate <= 0 || outRate <= 0) {
      throw new IllegalArgumentException(
          "Sample rates must be positive: " + inRate + " → " + outRate);
    }
    this.inRate = inRate;
    this.outRate = outRate;
    int gcd = gcd(inRate, outRate);
    this.up = outRate / gcd;
    this.down = inRate / gcd;
    // Band edges in cycles per input sample, relative to the lower of the two rates.
    double lowerNyquist = Math.min(inRate, outRate) / 2.0 / inRate;
    double transition = (STOP_EDGE - PASS_EDGE) * lowerNyquist;
    double cutoff = 2 * lowerNyquist * (PASS_EDGE + STOP_EDGE) / 2;
    int length = (int) Math.ceil((ATTENUATION_DB - 7.95) / (14.36 * transition)) + 1;
    this.taps = length + (length % 2);
    this.phases = designPhases(up, taps, cutoff, 0.1102 * (ATTENUATION_DB - 8.7));
  }

  /** Resamples a whole signal. */
  public static short[] resample(short[] samples, int inRate, int outRate) {
    if (inRate == outRate) {
      return samples.clone();
    }
    Stream stream = new Resampler(inRate, outRate).stream();
    short[] head = stream.process(samples);
    short[] tail = stream.flush();
    short[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  /** Resamples a whole signal given as 16-bit little-endian PCM bytes. */
  public static byte[] resample(byte[] pcm16le, int inRate, int outRate) {
    return Pcm16.toBytes(resample(Pcm16.toShorts(pcm16le), inRate, outRate));
  }

  /** The number of output samples for {@code inputSamples} input samples: ⌈n·out/in⌉. */
  public long outputLength(long inputSamples) {
    return (inputSamples * up + down - 1) / down;
  }

  public int inRate() {
    return inRate;
  }

  public int outRate() {
    return outRate;
  }

  /** Coefficients per phase (the filter's length in input samples). */
  public int tapsPerPhase() {
    return taps;
  }

  /** A new stateful conversion that can be fed in chunks, e.g. 20 ms telephone frames. */
  public Stream stream() {
    return new Stream();
  }

  /**
   * One conversion fed in chunks. {@link #process} returns what can be computed so far (the filter
   * looks {@code taps/2} input samples ahead); {@link #flush} returns the rest at the end.
   */
  public final class Stream {
    private float[] buffer = new float[0];
    private int buffered;
    private long bufferStart;
    private long received;
    private long produced;
    private int oddByte = -1;

    private Stream() {}

    public short[] process(short[] chunk) {
      append(chunk);
      return produce(false);
    }

    /** Feeds little-endian PCM bytes; a sample split across two chunks is joined. */
    public byte[] process(byte[] pcm16le) {
      byte[] joined = pcm16le;
      if (oddByte >= 0) {
        joined = new byte[pcm16le.length + 1];
        joined[0] = (byte) oddByte;
        System.arraycopy(pcm16le, 0, joined, 1, pcm16le.length);
      }
      int even = joined.length & ~1;
      oddByte = even < joined.length ? joined[even] & 0xff : -1;
      return Pcm16.toBytes(process(Pcm16.toShorts(Arrays.copyOf(joined, even))));
    }

    public short[] flush() {
      return produce(true);
    }

    private void append(short[] chunk) {
      if (buffered + chunk.length > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + chunk.length));
      }
      for (short sample : chunk) {
        buffer[buffered++] = sample;
      }
      received += chunk.length;
    }

    private short[] produce(boolean end) {
      int half = taps / 2;
      long last = end ? outputLength(received) : Long.MAX_VALUE;
      short[] out = new short[16];
      int count = 0;
      while (produced < last) {
        long position = produced * down;
        long q = position / up;
        if (!end && q + half >= received) {
          break;
        }
        float[] coefficients = phases[(int) (position % up)];
        long first = q - half + 1;
        double sum = 0;
        for (int k = 0; k < taps; k++) {
          long i = first + k;
          if (i >= 0 && i < received) {
            sum += coefficients[k] * buffer[(int) (i - bufferStart)];
          }
        }
        if (count == out.length) {
          out = Arrays.copyOf(out, count * 2);
        }
        out[count++] = clip(sum);
        produced++;
      }
      discardBefore((produced * down) / up - half + 1);
      return Arrays.copyOf(out, count);
    }

    private void discardBefore(long index) {
      int drop = (int) Math.max(0, Math.min(buffered, index - bufferStart));
      System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
      buffered -= drop;
      bufferStart += drop;
    }
  }

  /**
   * phases[φ][k] weighs input sample q − taps/2 + 1 + k for an output at time q + φ/L: a sinc
   * low-pass at {@code cutoff} (cycles per input sample × 2) under a Kaiser window, each phase
   * scaled to unity gain at DC.
   */
  private static float[][] designPhases(int up, int taps, double cutoff, double beta) {
    float[][] phases = new float[up][taps];
    double halfWidth = taps / 2.0;
    double norm = besselI0(beta);
    for (int phase = 0; phase < up; phase++) {
      double[] h = new double[taps];
      double sum = 0;
      for (int k = 0; k < taps; k++) {
        double tau = (double) phase / up + (taps / 2 - 1) - k;
        double x = tau / halfWidth;
        double window = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / norm;
        h[k] = cutoff * sinc(cutoff * tau) * window;
        sum += h[k];
      }
      for (int k = 0; k < taps; k++) {
        phases[phase][k] = (float) (h[k] / sum);
      }
    }
    return phases;
  }

  private static double sinc(double x) {
    return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  }

  /** Modified Bessel function of the first kind, order 0 (power series). */
  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    for (int k = 1; k < 50; k++) {
      term *= (x / (2 * k)) * (x / (2 * k));
      sum += term;
      if (term < sum * 1e-16) {
        break;
      }
    }
    return sum;
  }

  private static short clip(double value) {
    long rounded = Math.round(value);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
