package org.tanfang.speech.audio;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A RIFF/WAVE file of 16-bit mono PCM, the format of Tanfang's prompts and recordings. Reading
 * skips chunks it does not need (LIST, fact, …) and accepts WAVE_FORMAT_EXTENSIBLE with a PCM
 * sub-format; anything else (stereo, 8/24-bit, float, A-law, RF64) is refused with a message saying
 * what was found. A data chunk longer than the file (a recording cut off mid-write) is read as far
 * as it goes.
 */
public final class WavFile {

  private static final int PCM = 1;
  private static final int EXTENSIBLE = 0xFFFE;

  private final int sampleRate;
  private final short[] samples;

  public WavFile(int sampleRate, short[] samples) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("Sample rate must be positive: " + sampleRate);
    }
    this.sampleRate = sampleRate;
    this.samples = samples.clone();
  }

  public int sampleRate() {
    return sampleRate;
  }

  public short[] samples() {
    return samples.clone();
  }

  public int length() {
    return samples.length;
  }

  public long durationMillis() {
    return samples.length * 1000L / sampleRate;
  }

  /** This audio at another sample rate. */
  public WavFile resampled(int rate) {
    return new WavFile(rate, Resampler.resample(samples, sampleRate, rate));
  }

  public static WavFile read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  public static WavFile read(InputStream in, String name) throws IOException {
    ByteBuffer header = ByteBuffer.wrap(readFully(in, 12, name)).order(ByteOrder.LITTLE_ENDIAN);
    String riff = fourCc(header, 0);
    if (!riff.equals("RIFF") || !fourCc(header, 8).equals("WAVE")) {
      throw new WavFormatException(name + ": not a RIFF/WAVE file (starts with '" + riff + "')");
    }
    int rate = -1;
    while (true) {
      byte[] chunkHeader = in.readNBytes(8);
      if (chunkHeader.length < 8) {
        throw new WavFormatException(name + ": no data chunk");
      }
      ByteBuffer chunk = ByteBuffer.wrap(chunkHeader).order(ByteOrder.LITTLE_ENDIAN);
      String id = fourCc(chunk, 0);
      long size = Integer.toUnsignedLong(chunk.getInt(4));
      if (id.equals("fmt ")) {
        if (size > 1024) {
          throw new WavFormatException(name + ": fmt chunk of " + size + " bytes");
        }
        rate = format(readFully(in, (int) size, name), name);
      } else if (id.equals("data")) {
        if (rate < 0) {
          throw new WavFormatException(name + ": data chunk before fmt chunk");
        }
        byte[] data = in.readNBytes((int) Math.min(size, Integer.MAX_VALUE - 8));
        return new WavFile(rate, Pcm16.toShorts(data.length % 2 == 0 ? data : trim(data)));
      } else {
        skip(in, size + size % 2, id, name);
        continue;
      }
      if (size % 2 == 1) {
        skip(in, 1, id, name);
      }
    }
  }

  /** The file as bytes: a 44-byte header and the samples. */
  public byte[] toBytes() {
    int dataBytes = samples.length * 2;
    ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(US_ASCII)).putInt(36 + dataBytes);
    out.put("WAVEfmt ".getBytes(US_ASCII)).putInt(16);
    out.putShort((short) PCM).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2);
    out.putShort((short) 2).putShort((short) 16);
    out.put("data".getBytes(US_ASCII)).putInt(dataBytes);
    out.put(Pcm16.toBytes(samples));
    return out.array();
  }

  public void write(Path path) throws IOException {
    Files.write(path, toBytes());
  }

  /** Checks a fmt chunk and returns its sample rate. */
  private static int format(byte[] fmt, String name) throws WavFormatException {
    if (fmt.length < 16) {
      throw new WavFormatException(name + ": fmt chunk of " + fmt.length + " bytes, need 16");
    }
    ByteBuffer b = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
    int tag = Short.toUnsignedInt(b.getShort(0));
    int channels = Short.toUnsignedInt(b.getShort(2));
    int rate = b.getInt(4);
    int bits = Short.toUnsignedInt(b.getShort(14));
    if (tag == EXTENSIBLE && fmt.length >= 26) {
      tag = Short.toUnsignedInt(b.getShort(24));
    }
    if (tag != PCM || channels != 1 || bits != 16 || rate <= 0) {
      throw new WavFormatException(
          String.format(
              "%s: unsupported WAV format (format tag %d, %d channel(s), %d-bit, %d Hz);"
                  + " need PCM (tag 1), mono, 16-bit",
              name, tag, channels, bits, rate));
    }
    return rate;
  }

  private static byte[] readFully(InputStream in, int length, String name) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException(name + ": file ends inside a header");
    }
    return bytes;
  }

  private static byte[] trim(byte[] data) {
    return Arrays.copyOf(data, data.length - 1);
  }

  private static void skip(InputStream in, long bytes, String id, String name) throws IOException {
    try {
      in.skipNBytes(bytes);
    } catch (EOFException e) {
      throw new WavFormatException(name + ": file ends inside the '" + id.strip() + "' chunk");
    }
  }

  private static String fourCc(ByteBuffer buffer, int at) {
    char[] id = new char[4];
    for (int i = 0; i < 4; i++) {
      id[i] = (char) (buffer.get(at + i) & 0xff);
    }
    return new String(id);
  }
}
