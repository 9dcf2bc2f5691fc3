package org.tanfang.asterisksim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Just enough RIFF/WAVE to tell a recording's length (for RECORD FILE's endpos, in 8 kHz samples as
 * Asterisk's wav format counts them) and to write the empty file Asterisk leaves when nothing was
 * said.
 */
final class Wav {
  private Wav() {}

  /** Duration in ms, 0 if the file is not a readable PCM WAV. */
  static long durationMs(Path wav) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
      if (b.limit() < 44 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
        return 0;
      }
      int byteRate = 0;
      int pos = 12;
      while (pos + 8 <= b.limit()) {
        int id = b.getInt(pos);
        int size = b.getInt(pos + 4);
        if (id == 0x20746d66) { // "fmt "
          byteRate = b.getInt(pos + 16);
        } else if (id == 0x61746164 && byteRate > 0) { // "data"
          long bytes = Math.min(size & 0xffffffffL, b.limit() - pos - 8L);
          return bytes * 1000 / byteRate;
        }
        pos += 8 + size + (size & 1);
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Writes a WAV header with no samples: 8 kHz, 16-bit, mono, like Asterisk's wav format. */
  static void writeEmpty(Path target) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(36).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
    b.putInt(0x61746164).putInt(0);
    Files.write(target, b.array());
  }

  /** 16-bit mono PCM samples and their rate. */
  record Pcm(int rate, short[] samples) {
    long ms(int samplesCount) {
      return samplesCount * 1000L / rate;
    }
  }

  /** The samples of a 16-bit mono PCM WAV; null if it is not one. */
  static Pcm read(Path wav) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
      if (b.limit() < 44 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
        return null;
      }
      int rate = 0;
      int pos = 12;
      while (pos + 8 <= b.limit()) {
        int id = b.getInt(pos);
        int size = b.getInt(pos + 4);
        if (id == 0x20746d66) { // "fmt "
          if (b.getShort(pos + 8) != 1 || b.getShort(pos + 10) != 1 || b.getShort(pos + 22) != 16) {
            return null;
          }
          rate = b.getInt(pos + 12);
        } else if (id == 0x61746164 && rate > 0) { // "data"
          int bytes = (int) Math.min(size & 0xffffffffL, b.limit() - pos - 8L);
          short[] s = new short[bytes / 2];
          for (int i = 0; i < s.length; i++) {
            s[i] = b.getShort(pos + 8 + 2 * i);
          }
          return new Pcm(rate, s);
        }
        pos += 8 + size + (size & 1);
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Writes 16-bit mono PCM samples as a WAV. */
  static void write(Path target, int rate, short[] samples, int from, int to) throws IOException {
    int n = Math.max(0, to - from);
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(36 + 2 * n).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    b.putInt(0x61746164).putInt(2 * n);
    for (int i = from; i < to; i++) {
      b.putShort(samples[i]);
    }
    Files.write(target, b.array());
  }
}
