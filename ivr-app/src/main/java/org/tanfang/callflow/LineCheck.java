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
 * and the call is hung up before anything personal is said. The greeting starts only once the line
 * is answered (AGI CHANNEL STATUS Up, 6) and then a person's word is heard or the line stayed quiet
 * for {@code answeredQuiet} (a person waiting); tones or music are listened to again, up to {@code
 * max} after the answer. Before the answer nothing is a person: a silent gap in early media, the
 * off part of ring-back (450 Hz, 1 s on, 4 s off in China) and the tone itself are listened past,
 * up to {@code earlyMax}.
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
    HUNG_UP,
    /** Early media went on past {@code earlyMax} without an answer: hang up, no greeting. */
    NOT_ANSWERED
  }

  /** AGI CHANNEL STATUS: "Line is up". */
  private static final int UP = 6;

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
    double afterAnswer = 0;
    double quietAfterAnswer = 0;
    double beforeAnswer = 0;
    double maxSeconds = props.max().toMillis() / 1000.0;
    double earlyMaxSeconds = props.earlyMax().toMillis() / 1000.0;
    for (int round = 0; afterAnswer < maxSeconds; round++) {
      boolean answered;
      try {
        answered = answered(channel);
      } catch (org.asteriskjava.fastagi.AgiHangupException e) {
        return Verdict.HUNG_UP;
      }
      if (!answered && beforeAnswer >= earlyMaxSeconds) {
        log.info(
            "Line check of attempt {}: no answer after {} s of early media",
            attemptId,
            round(beforeAnswer));
        return Verdict.NOT_ANSWERED;
      }
      String file = recordingDir + "/" + attemptId + "-line-" + round;
      double left = answered ? maxSeconds - afterAnswer : earlyMaxSeconds - beforeAnswer;
      long roundMs = Math.min(props.round().toMillis(), (long) (left * 1000));
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
      // A quiet round lasted at least the silence that ended it, whatever the file kept of it.
      double seconds =
          Math.max(
              heard.audioSeconds(),
              heard.kind() == LineRecognizer.Kind.QUIET ? silenceSeconds() : 0.2);
      if (answered) {
        afterAnswer += seconds;
      } else {
        beforeAnswer += seconds;
      }
      LineRecognizer.Kind kind =
          answered && machineByEnergy(heard) ? LineRecognizer.Kind.VOICEMAIL : heard.kind();
      log.info(
          "Line check of attempt {} round {} ({}): {} '{}' ({} s, {} s voiced)",
          attemptId,
          round,
          answered ? "answered" : "early media",
          kind,
          heard.transcript(),
          heard.audioSeconds(),
          heard.voicedSeconds());
      if (kind.network()) {
        String source = heard.kind() == kind ? "SPEECH" : "ENERGY";
        attempts.detected(
            attemptId,
            kind.name(),
            new Attempts.Evidence(heard.transcript(), round(beforeAnswer + afterAnswer), source));
        return Verdict.NETWORK;
      }
      if (hungUp) {
        return Verdict.HUNG_UP;
      }
      if (!answered) {
        // Ring-back, its silent gaps, music: the network's, never a person's.
        continue;
      }
      if (kind == LineRecognizer.Kind.PERSON) {
        return Verdict.PERSON;
      }
      if (kind == LineRecognizer.Kind.QUIET) {
        quietAfterAnswer += seconds;
        if (quietAfterAnswer + 1e-9 >= props.answeredQuiet().toMillis() / 1000.0) {
          return Verdict.PERSON;
        }
      }
    }
    return Verdict.PERSON;
  }

  /**
   * Whether the line is answered (CHANNEL STATUS 6). The dialplan runs on early media only with
   * Originate {@code EarlyMedia}; a status that cannot be read counts as answered, the check's
   * behaviour before it asked.
   */
  private static boolean answered(AgiChannel channel) throws AgiException {
    try {
      return channel.getChannelStatus() == UP;
    } catch (org.asteriskjava.fastagi.AgiHangupException e) {
      throw e;
    } catch (AgiException | RuntimeException e) {
      log.debug("CHANNEL STATUS unreadable ({}): taken as answered", e.toString());
      return true;
    }
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
