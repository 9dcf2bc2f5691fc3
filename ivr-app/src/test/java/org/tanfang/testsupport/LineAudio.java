package org.tanfang.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import org.tanfang.speech.audio.WavFile;

/**
 * Line audio made in the test: silence, the Chinese ring-back tone (450 Hz; 1 s on, 4 s off) and
 * recordings joined one after another, as 8 kHz 16-bit mono WAVs (the telephone format).
 */
public final class LineAudio {
  public static final int RATE = 8000;

  private LineAudio() {}

  public static short[] silence(long ms) {
    return new short[(int) (ms * RATE / 1000)];
  }

  /** The tone for {@code onMs}, then silence for {@code offMs} (one cadence of ring-back). */
  public static short[] ringback(long onMs, long offMs) {
    short[] out = new short[(int) ((onMs + offMs) * RATE / 1000)];
    int on = (int) (onMs * RATE / 1000);
    for (int i = 0; i < on; i++) {
      out[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * 450 * i / RATE));
    }
    return out;
  }

  public static short[] of(Path wav) throws IOException {
    WavFile f = WavFile.read(wav);
    return f.sampleRate() == RATE ? f.samples() : f.resampled(RATE).samples();
  }

  /** The parts joined into {@code dir/name.wav}. */
  public static Path join(Path dir, String name, short[]... parts) throws IOException {
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
    Path out = dir.resolve(name + ".wav");
    new WavFile(RATE, all).write(out);
    return out;
  }
}
