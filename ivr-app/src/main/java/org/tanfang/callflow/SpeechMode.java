package org.tanfang.callflow;

/**
 * {@code tanfang.telephony.callflow.speech}: when a call listens for spoken replies.
 *
 * <ul>
 *   <li>{@code auto} (default): per call, only when the {@link ReplyRecognizer} can understand the
 *       elder's reply language (a Vosk model is configured for it); everyone else answers by keypad
 *       exactly as before, with no recording made;
 *   <li>{@code true}: record a reply after every question whenever a recognizer is installed;
 *   <li>{@code false}: keypad only.
 * </ul>
 *
 * Spring binds {@code true}/{@code false} to {@link #ON}/{@link #OFF}.
 */
public enum SpeechMode {
  AUTO,
  ON,
  OFF
}
