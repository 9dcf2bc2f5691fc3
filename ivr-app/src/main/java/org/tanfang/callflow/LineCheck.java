package org.tanfang.callflow;

import java.nio.file.Files;
import java.nio.file.Path;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tanfang.visits.Attempts;

/**
 * Listens to the line before the greeting: the dialplan runs on early media (Originate {@code
 * EarlyMedia: true}) or on answer, and the first seconds say who is there. RECORD FILE records the
 * line in rounds (no beep, ended by silence); the {@link LineRecognizer} names each round. A
 * carrier announcement or a voicemail box is recorded on the attempt ({@link Attempts#detected})
 * and the call is hung up before anything personal is said; a person's word or a quiet line (a
 * person waiting) lets the greeting start; tones or music are listened to again, up to {@code max}.
 */
final class LineCheck {
  private static final Logger log = LoggerFactory.getLogger(LineCheck.class);

  /** What the check decided. */
  enum Verdict {
    /** Greet: a person (or nobody we could tell apart from one). */
    PERSON,
    /** The network or a machine answered: the attempt carries the result; hang up. */
    NETWORK,
    /** The line went dead while listening. */
    HUNG_UP
  }

  private final LineRecognizer recognizer;
  private final LineCheckProperties props;
  private final String recordingDir;
  private final Attempts attempts;

  LineCheck(
      LineRecognizer recognizer,
      LineCheckProperties props,
      String recordingDir,
      Attempts attempts) {
    this.recognizer = recognizer;
    this.props = props;
    this.recordingDir = recordingDir;
    this.attempts = attempts;
  }

  boolean listensFor(String dialect) {
    return switch (props.mode()) {
      case OFF -> false;
      case ON -> true;
      case AUTO -> recognizer.canHear(dialect);
    };
  }

  Verdict check(AgiChannel channel, long attemptId, String dialect) throws AgiException {
    double listened = 0;
    double maxSeconds = props.max().toMillis() / 1000.0;
    for (int round = 0; listened < maxSeconds; round++) {
      String file = recordingDir + "/" + attemptId + "-line-" + round;
      long roundMs = Math.min(props.round().toMillis(), (long) ((maxSeconds - listened) * 1000));
      try {
        channel.recordFile(
            file, "wav", "", (int) Math.max(1000, roundMs), 0, false, silenceSeconds());
      } catch (org.asteriskjava.fastagi.AgiHangupException e) {
        return Verdict.HUNG_UP;
      }
      AgiReply reply = channel.getLastReply();
      String line = reply.getFirstLine();
      if (line.contains("(writefile)")) {
        log.warn("Line check of attempt {}: recording folder not writable, greeting", attemptId);
        return Verdict.PERSON;
      }
      boolean hungUp = line.contains("(hangup)") || reply.getResultCode() == -1;
      Path wav = Path.of(file + ".wav");
      LineRecognizer.Heard heard =
          Files.isRegularFile(wav)
              ? recognizer.hear(wav, dialect)
              : new LineRecognizer.Heard(LineRecognizer.Kind.QUIET, "", 0, 0);
      forget(wav);
      listened += Math.max(heard.audioSeconds(), 0.2);
      LineRecognizer.Kind kind =
          machineByEnergy(heard) ? LineRecognizer.Kind.VOICEMAIL : heard.kind();
      log.info(
          "Line check of attempt {} round {}: {} '{}' ({} s, {} s voiced)",
          attemptId,
          round,
          kind,
          heard.transcript(),
          heard.audioSeconds(),
          heard.voicedSeconds());
      if (kind.network()) {
        String source = heard.kind() == kind ? "SPEECH" : "ENERGY";
        attempts.detected(
            attemptId,
            kind.name(),
            new Attempts.Evidence(heard.transcript(), round(listened), source));
        return Verdict.NETWORK;
      }
      if (hungUp) {
        return Verdict.HUNG_UP;
      }
      if (kind == LineRecognizer.Kind.PERSON || kind == LineRecognizer.Kind.QUIET) {
        return Verdict.PERSON;
      }
    }
    return Verdict.PERSON;
  }

  /**
   * The line's recording is not kept: the transcript is the evidence, and a voicemail greeting may
   * carry the elder's own voice and name.
   */
  private static void forget(Path wav) {
    try {
      Files.deleteIfExists(wav);
    } catch (java.io.IOException | RuntimeException e) {
      log.debug("Line recording {} not deleted: {}", wav, e.toString());
    }
  }

  private boolean machineByEnergy(LineRecognizer.Heard heard) {
    double rule = props.machineVoiced().toMillis() / 1000.0;
    return rule > 0 && heard.kind() == LineRecognizer.Kind.SOUND && heard.voicedSeconds() >= rule;
  }

  private int silenceSeconds() {
    return (int) Math.max(1, (props.silence().toMillis() + 999) / 1000);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }
}
