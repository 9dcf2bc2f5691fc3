package org.tanfang.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** Conversion to 8 kHz 16-bit mono, silence trimming, and the level, clipping and length checks. */
class PromptAudioTest {
  static final PromptProperties PROPS =
      new PromptProperties(
          Duration.ofMillis(500), Duration.ofSeconds(30), -45, -35, 0.001, Duration.ofMinutes(1));

  /** silence, a 440 Hz tone of the given amplitude (0–1), silence; {@code channels} identical. */
  static byte[] wav(
      int rate, int channels, int bits, double lead, double tone, double tail, double amplitude)
      throws IOException {
    int n = (int) ((lead + tone + tail) * rate);
    int bytes = bits / 8;
    byte[] pcm = new byte[n * channels * bytes];
    for (int i = 0; i < n; i++) {
      double t = (double) i / rate;
      double v = t >= lead && t < lead + tone ? amplitude * Math.sin(2 * Math.PI * 440 * t) : 0;
      long s = Math.round(Math.max(-1, Math.min(1, v)) * ((1L << (bits - 1)) - 1));
      for (int c = 0; c < channels; c++) {
        for (int b = 0; b < bytes; b++) {
          pcm[(i * channels + c) * bytes + b] = (byte) (s >> (8 * b));
        }
      }
    }
    AudioFormat f = new AudioFormat(rate, bits, channels, true, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(
        new AudioInputStream(new ByteArrayInputStream(pcm), f, n), AudioFileFormat.Type.WAVE, out);
    return out.toByteArray();
  }

  @Test
  void givenAStereoStudioFile_whenConverted_thenItIs8kHzMonoWithTheSilenceTrimmed()
      throws IOException {
    PromptAudio.Result r = PromptAudio.convert(wav(44_100, 2, 24, 1.0, 2.0, 1.5, 0.3), PROPS);

    assertThat(r.wav().sampleRate()).isEqualTo(8000);
    // 2 s of tone and 100 ms kept at each end (frame-rounded)
    assertThat(r.durationMs()).isBetween(2150L, 2260L);
    assertThat(r.trimmedMs()).isBetween(2240L, 2360L);
    assertThat(r.levelDb()).isBetween(-14.5, -12.5); // a sine of 0.3: −13.5 dBFS RMS
    assertThat(r.sourceFormat()).contains("WAV", "44100 Hz", "24-bit", "2 ch");
    byte[] file = r.wav().toBytes();
    assertThat(file.length).isEqualTo(44 + r.wav().length() * 2);
  }

  @Test
  void givenTooQuietClippedShortOrLongRecordings_thenEachIsRefusedWithItsRule() throws IOException {
    assertThat(rules(wav(16_000, 1, 16, 0.2, 2, 0.2, 0.01))).containsExactly("prompt.quiet");
    assertThat(rules(wav(16_000, 1, 16, 0.2, 2, 0.2, 1.6))).contains("prompt.clipped");
    assertThat(rules(wav(16_000, 1, 16, 0.2, 0.2, 0.2, 0.3))).containsExactly("prompt.short");
    assertThat(rules(wav(8_000, 1, 16, 0.2, 31, 0.2, 0.3))).containsExactly("prompt.long");
    assertThat(rules(wav(8_000, 1, 16, 2, 0, 0, 0))).containsExactly("prompt.silent");
  }

  @Test
  void givenSomethingThatIsNotAudio_thenItIsRefusedAsAnUnsupportedFormat() {
    PromptRejectedException e =
        catchThrowableOfType(
            PromptRejectedException.class,
            () -> PromptAudio.convert("\u001aE\u00df\u00a3 webm".getBytes(), PROPS));
    assertThat(e.status()).isEqualTo(415);
    assertThat(e.problems()).extracting(p -> p.rule()).containsExactly("prompt.format");
  }

  private static java.util.List<String> rules(byte[] wav) {
    PromptRejectedException e =
        catchThrowableOfType(PromptRejectedException.class, () -> PromptAudio.convert(wav, PROPS));
    assertThat(e).as("refused").isNotNull();
    assertThat(e.status()).isEqualTo(400);
    return e.problems().stream().map(p -> p.rule()).toList();
  }
}
