package org.tanfang.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vosk.Recognizer;

/**
 * Runs one Vosk recognition over 16-bit samples at the model's rate and returns the words. Vosk
 * ends a segment at each pause it detects (acceptWaveForm returns true); the segments' texts are
 * joined, so a reply with a pause in it is heard whole. {@code [unk]} tokens are dropped.
 */
final class VoskTranscriber {

  /** Samples fed per call: 0.2 s at 16 kHz. */
  private static final int CHUNK = 3200;

  private static final Pattern TEXT =
      Pattern.compile("\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private VoskTranscriber() {}

  /** Recognises constrained to {@code grammarJson}, or free-form when it is null. */
  static String transcribe(SpeechModel model, short[] samples, String grammarJson) {
    float rate = model.sampleRate();
    try (Recognizer recognizer =
        grammarJson == null
            ? newRecognizer(model, rate)
            : new Recognizer(model.model(), rate, grammarJson)) {
      List<String> segments = new ArrayList<>();
      for (int at = 0; at < samples.length; at += CHUNK) {
        short[] chunk = Arrays.copyOfRange(samples, at, Math.min(samples.length, at + CHUNK));
        if (recognizer.acceptWaveForm(chunk, chunk.length)) {
          segments.add(text(recognizer.getResult()));
        }
      }
      segments.add(text(recognizer.getFinalResult()));
      return String.join(" ", segments.stream().filter(s -> !s.isEmpty()).toList());
    }
  }

  private static Recognizer newRecognizer(SpeechModel model, float rate) {
    try {
      return new Recognizer(model.model(), rate);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Vosk could not create a recognizer", e);
    }
  }

  /** The "text" of a Vosk result, without {@code [unk]}. */
  static String text(String resultJson) {
    Matcher matcher = TEXT.matcher(resultJson == null ? "" : resultJson);
    if (!matcher.find()) {
      return "";
    }
    String text = unescape(matcher.group(1));
    return String.join(
        " ",
        Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty() && !w.equals("[unk]")).toList());
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char next = s.charAt(++i);
      if (next == 'u' && i + 4 < s.length()) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
        i += 4;
      } else {
        out.append(
            switch (next) {
              case 'n', 't', 'r' -> ' ';
              default -> next;
            });
      }
    }
    return out.toString();
  }
}
