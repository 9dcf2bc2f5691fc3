package org.tanfang.prompts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.tanfang.shared.FieldProblem;
import org.tanfang.speech.audio.Resampler;
import org.tanfang.speech.audio.WavFile;

/**
 * A received recording made into what Asterisk plays: decoded by Java Sound (WAV, AIFF, AU; PCM of
 * 8–32 bits, float, A-law, μ-law; any channels, mixed to mono), resampled to 8 kHz, silence trimmed
 * at both ends, then checked for level, clipping and length. Every failed check is reported at
 * once.
 */
final class PromptAudio {
  static final int RATE = 8000;
  private static final int FRAME = RATE / 50; // 20 ms
  private static final int MARGIN_FRAMES = 5; // 100 ms kept around the sound
  private static final double FULL_SCALE = 32768.0;

  /** The converted prompt and what was measured. */
  record Result(
      WavFile wav,
      String sourceFormat,
      long durationMs,
      long trimmedMs,
      double levelDb,
      double peakDb) {}

  private PromptAudio() {}

  static Result convert(byte[] bytes, PromptProperties props) {
    AudioInputStream in;
    try {
      in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes));
    } catch (UnsupportedAudioFileException | IOException e) {
      throw new PromptRejectedException(415, FieldProblem.of("file", "prompt.format"));
    }
    AudioFormat f = in.getFormat();
    String source =
        String.format(
            Locale.ROOT,
            "%s %s %.0f Hz %d-bit %d ch",
            formatName(bytes),
            f.getEncoding(),
            f.getSampleRate(),
            f.getSampleSizeInBits(),
            f.getChannels());
    int rate = Math.round(f.getSampleRate());
    if (rate < RATE || rate > 192_000) {
      throw new PromptRejectedException(400, FieldProblem.of("file", "prompt.rate", rate));
    }
    short[] input = mono(in, f);
    List<FieldProblem> problems = new ArrayList<>();
    if (clippedShare(input) > props.clippedShare()) {
      problems.add(FieldProblem.of("file", "prompt.clipped"));
    }
    short[] samples = rate == RATE ? input : Resampler.resample(input, rate, RATE);
    int frames = samples.length / FRAME;
    int first = -1;
    int last = -1;
    double energy = 0;
    long sounding = 0;
    for (int i = 0; i < frames; i++) {
      double sum = 0;
      for (int j = i * FRAME; j < (i + 1) * FRAME; j++) {
        sum += (double) samples[j] * samples[j];
      }
      if (db(Math.sqrt(sum / FRAME)) >= props.silenceDb()) {
        first = first < 0 ? i : first;
        last = i;
        energy += sum;
        sounding += FRAME;
      }
    }
    if (first < 0) {
      throw new PromptRejectedException(400, FieldProblem.of("file", "prompt.silent"));
    }
    int from = Math.max(0, first - MARGIN_FRAMES) * FRAME;
    int to = Math.min(samples.length, (last + 1 + MARGIN_FRAMES) * FRAME);
    short[] kept = java.util.Arrays.copyOfRange(samples, from, to);
    double level = db(Math.sqrt(energy / sounding));
    int peak = 0;
    for (short s : kept) {
      peak = Math.max(peak, Math.abs((int) s));
    }
    long durationMs = kept.length * 1000L / RATE;
    if (level < props.quietDb()) {
      problems.add(FieldProblem.of("file", "prompt.quiet", round(level), props.quietDb()));
    }
    if (durationMs < props.minLength().toMillis()) {
      problems.add(
          FieldProblem.of("file", "prompt.short", durationMs, props.minLength().toMillis()));
    }
    if (durationMs > props.maxLength().toMillis()) {
      problems.add(
          FieldProblem.of("file", "prompt.long", durationMs / 1000, props.maxLength().toSeconds()));
    }
    if (!problems.isEmpty()) {
      throw new PromptRejectedException(400, problems);
    }
    long trimmedMs = (samples.length - kept.length) * 1000L / RATE;
    return new Result(
        new WavFile(RATE, kept), source, durationMs, trimmedMs, round(level), round(db(peak)));
  }

  /** The samples as 16-bit, channels averaged. */
  private static short[] mono(AudioInputStream in, AudioFormat f) {
    int channels = Math.max(1, f.getChannels());
    AudioFormat pcm =
        new AudioFormat(
            AudioFormat.Encoding.PCM_SIGNED,
            f.getSampleRate(),
            16,
            channels,
            2 * channels,
            f.getSampleRate(),
            false);
    try (AudioInputStream converted =
        f.matches(pcm) ? in : AudioSystem.getAudioInputStream(pcm, in)) {
      byte[] data = converted.readAllBytes();
      int n = data.length / (2 * channels);
      short[] out = new short[n];
      for (int i = 0; i < n; i++) {
        int sum = 0;
        for (int c = 0; c < channels; c++) {
          int at = (i * channels + c) * 2;
          sum += (short) ((data[at] & 0xff) | (data[at + 1] << 8));
        }
        out[i] = (short) (sum / channels);
      }
      return out;
    } catch (IllegalArgumentException | IOException e) {
      throw new PromptRejectedException(415, FieldProblem.of("file", "prompt.format"));
    }
  }

  private static double clippedShare(short[] samples) {
    if (samples.length == 0) {
      return 0;
    }
    long clipped = 0;
    for (short s : samples) {
      if (s >= 32700 || s <= -32700) {
        clipped++;
      }
    }
    return (double) clipped / samples.length;
  }

  private static String formatName(byte[] b) {
    if (b.length >= 4) {
      String magic = new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
      switch (magic) {
        case "RIFF":
          return "WAV";
        case "FORM":
          return "AIFF";
        case ".snd":
          return "AU";
        default:
          break;
      }
    }
    return "audio";
  }

  private static double db(double amplitude) {
    return amplitude <= 0 ? -120 : 20 * Math.log10(amplitude / FULL_SCALE);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
