package org.tanfang.callflow;

import java.nio.file.Path;
import java.time.Duration;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * Keys or voice: STREAM FILE plays the question (a key interrupts it), then RECORD FILE records the
 * reply until 2 s of silence or a key, and the {@link ReplyRecognizer} says what it meant.
 * Asterisk-Java's {@code recordFile()} turns the reply's number into a char, so the reply line is
 * read instead: {@code (dtmf)} means a key ended it, {@code (timeout)} silence, {@code -1} hang-up.
 * No BEEP: Asterisk has no beep file in our layout.
 */
final class SpeechListener implements ReplyListener {
  private static final String KEYS = "0123456789*#";
  private static final int SILENCE_SECONDS = 2;

  private final ReplyRecognizer recognizer;
  private final String recordingDir;

  SpeechListener(ReplyRecognizer recognizer, String recordingDir) {
    this.recognizer = recognizer;
    this.recordingDir = recordingDir;
  }

  @Override
  public Reply listen(AgiChannel channel, String promptPath, Asking asking, Duration timeout)
      throws AgiException, HungUp {
    // A dead line shows on the next command as Asterisk's 511 (AgiHangupException); -1 here may
    // also mean a missing prompt file, so it is not taken for a hang-up.
    char key = channel.streamFile(promptPath, KEYS);
    if (key != 0 && key != (char) -1) {
      return Reply.key(String.valueOf(key));
    }
    String file =
        recordingDir + "/" + asking.visitId() + "-" + asking.question().id() + "-" + asking.round();
    channel.recordFile(file, "wav", KEYS, (int) timeout.toMillis() * 2, 0, false, SILENCE_SECONDS);
    AgiReply reply = channel.getLastReply();
    String line = reply.getFirstLine();
    if (line.contains("(writefile)")) {
      // Asterisk could not write the file (recording dir missing): carry on with keys only.
      return Reply.none(null);
    }
    if (line.contains("(hangup)") || reply.getResultCode() == -1) {
      throw new HungUp();
    }
    if (line.contains("(dtmf)")) {
      return Reply.key(String.valueOf((char) reply.getResultCode()));
    }
    String recording = file + ".wav";
    return recognizer
        .understand(Path.of(recording), asking.question(), asking.dialect())
        .map(u -> new Reply(null, u, recording))
        .orElse(Reply.none(recording));
  }
}
