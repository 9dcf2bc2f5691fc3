package org.tanfang.speech.audio;

/** 16-bit little-endian PCM bytes ↔ samples. */
public final class Pcm16 {

  private Pcm16() {}

  public static short[] toShorts(byte[] pcm16le) {
    if (pcm16le.length % 2 != 0) {
      throw new IllegalArgumentException(
          "16-bit PCM needs an even number of bytes, got " + pcm16le.length);
    }
    short[] samples = new short[pcm16le.length / 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) ((pcm16le[2 * i] & 0xff) | (pcm16le[2 * i + 1] << 8));
    }
    return samples;
  }

  public static byte[] toBytes(short[] samples) {
    byte[] bytes = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      bytes[2 * i] = (byte) samples[i];
      bytes[2 * i + 1] = (byte) (samples[i] >> 8);
    }
    return bytes;
  }
}
