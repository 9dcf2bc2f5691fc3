package org.tanfang.speech.audio;

import java.io.IOException;

/** A WAV file that is malformed or not 16-bit mono PCM. */
public class WavFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  public WavFormatException(String message) {
    super(message);
  }
}
