package org.tanfang.callflow;

import java.nio.file.Path;

/**
 * The seam for what the line says before the elder does (the speech feature implements it with Vosk
 * and a small grammar of carrier and voicemail phrases per language): given the recording of the
 * call's first seconds, is it a carrier announcement, a voicemail box, a person, or nothing yet
 * (tones, music, silence).
 */
public interface LineRecognizer {

  /** Whether the line can be listened to for an elder with this dialect (a model is loaded). */
  boolean canHear(String dialect);

  /** What the recording of the line's first seconds is. */
  Heard hear(Path recording, String dialect);

  /** What was on the line. */
  enum Kind {
    SWITCHED_OFF,
    SUSPENDED,
    NO_SUCH_NUMBER,
    UNREACHABLE_NETWORK,
    BUSY,
    VOICEMAIL,
    /** Words a person says on picking up (喂, 你好, hello). */
    PERSON,
    /** Voiced audio without a known phrase: ringback, music (彩铃), unknown speech. */
    SOUND,
    /** A quiet line. */
    QUIET;

    /** Whether this is the network or a machine speaking instead of the elder. */
    public boolean network() {
      return this != PERSON && this != SOUND && this != QUIET;
    }
  }

  /**
   * @param kind what it is
   * @param transcript the phrases recognised (empty when none)
   * @param audioSeconds length of the recording
   * @param voicedSeconds how much of it carried sound (energy over the silence threshold)
   */
  record Heard(Kind kind, String transcript, double audioSeconds, double voicedSeconds) {}
}
