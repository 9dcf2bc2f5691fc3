package org.tanfang.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {

  private static final short[] SAMPLES = {0, 1000, -1000, 32767, -32768};

  @Test
  void writesAndReadsBack(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("prompt.wav");
    new WavFile(8000, SAMPLES).write(file);

    WavFile read = WavFile.read(file);
    assertThat(read.sampleRate()).isEqualTo(8000);
    assertThat(read.samples()).containsExactly(SAMPLES);
    assertThat(Files.size(file)).isEqualTo(44 + 2L * SAMPLES.length);
  }

  @Test
  void skipsListAndOddSizedChunks() throws IOException {
    byte[] wav =
        riff(
            chunk(
                "LIST",
                "INFOISFT\u0003\u0000\u0000\u0000ab\u0000".getBytes(StandardCharsets.ISO_8859_1)),
            chunk("fmt ", fmt(1, 1, 16000, 16, 16)),
            chunk("odd ", new byte[] {1, 2, 3}),
            chunk("data", Pcm16.toBytes(SAMPLES)));

    WavFile read = read(wav);
    assertThat(read.sampleRate()).isEqualTo(16000);
    assertThat(read.samples()).containsExactly(SAMPLES);
  }

  @Test
  void acceptsExtensiblePcm() throws IOException {
    byte[] fmt = Arrays.copyOf(fmt(0xFFFE, 1, 8000, 16, 40), 40);
    ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN).putShort(24, (short) 1);
    assertThat(read(riff(chunk("fmt ", fmt), chunk("data", Pcm16.toBytes(SAMPLES)))).length())
        .isEqualTo(SAMPLES.length);
  }

  @Test
  void readsATruncatedDataChunkAsFarAsItGoes() throws IOException {
    byte[] wav =
        riff(chunk("fmt ", fmt(1, 1, 8000, 16, 16)), chunk("data", Pcm16.toBytes(SAMPLES)));
    ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 1_000_000);
    assertThat(read(Arrays.copyOf(wav, wav.length - 1)).samples()).hasSize(SAMPLES.length - 1);
  }

  @Test
  void refusesWhatIsNotMono16BitPcm() {
    assertRefused(fmt(1, 2, 8000, 16, 16), "2 channel(s)");
    assertRefused(fmt(1, 1, 8000, 8, 16), "8-bit");
    assertRefused(fmt(3, 1, 8000, 32, 16), "format tag 3");
    assertRefused(fmt(6, 1, 8000, 8, 16), "format tag 6");
  }

  @Test
  void refusesMalformedFiles() {
    assertThatThrownBy(() -> read("RIFX....WAVE".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(WavFormatException.class)
        .hasMessageContaining("not a RIFF/WAVE file");
    assertThatThrownBy(() -> read(riff(chunk("fmt ", fmt(1, 1, 8000, 16, 16)))))
        .isInstanceOf(WavFormatException.class)
        .hasMessageContaining("no data chunk");
    assertThatThrownBy(() -> read(riff(chunk("data", new byte[4]))))
        .hasMessageContaining("data chunk before fmt chunk");
    assertThatThrownBy(() -> read(new byte[5])).hasMessageContaining("ends inside a header");
  }

  @Test
  void resamplesTelephoneAudioForTheRecogniser() {
    WavFile phone = new WavFile(8000, ResamplerTest.tone(1000, 8000, 800));
    WavFile wide = phone.resampled(16000);
    assertThat(wide.sampleRate()).isEqualTo(16000);
    assertThat(wide.length()).isEqualTo(1600);
    assertThat(wide.durationMillis()).isEqualTo(phone.durationMillis());
  }

  private static void assertRefused(byte[] fmt, String detail) {
    assertThatThrownBy(() -> read(riff(chunk("fmt ", fmt), chunk("data", new byte[4]))))
        .isInstanceOf(WavFormatException.class)
        .hasMessageContaining("unsupported WAV format")
        .hasMessageContaining(detail)
        .hasMessageContaining("need PCM (tag 1), mono, 16-bit");
  }

  private static WavFile read(byte[] wav) throws IOException {
    return WavFile.read(new ByteArrayInputStream(wav), "test.wav");
  }

  private static byte[] fmt(int tag, int channels, int rate, int bits, int size) {
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) tag).putShort((short) channels).putInt(rate);
    b.putInt(rate * channels * bits / 8)
        .putShort((short) (channels * bits / 8))
        .putShort((short) bits);
    return b.array();
  }

  private static byte[] chunk(String id, byte[] body) {
    ByteBuffer b =
        ByteBuffer.allocate(8 + body.length + body.length % 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
    return b.array();
  }

  private static byte[] riff(byte[]... chunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
    for (byte[] chunk : chunks) {
      body.writeBytes(chunk);
    }
    ByteBuffer b = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size()).put(body.toByteArray());
    return b.array();
  }
}
