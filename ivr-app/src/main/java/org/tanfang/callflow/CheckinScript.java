package org.tanfang.callflow;

import java.time.Clock;
import java.time.Duration;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.tanfang.dialer.ChannelVariables;
import org.tanfang.dialer.DialledCalls;
import org.tanfang.dialer.LiveConversations;

/**
 * The FastAGI script {@code checkin}: {@code AGI(agi://host:4573/checkin)} in the dialplan. An
 * originated call carries its attempt id as a channel variable; a call without one is an elder
 * calling in ([tanfang-inbound]), served by {@link InboundLine}.
 */
@Component
class CheckinScript implements AgiScript, org.tanfang.dialer.EarlyMediaListening {
  static final String NAME = "checkin";
  private static final Logger log = LoggerFactory.getLogger(CheckinScript.class);

  private final Conversation.Tools tools;
  private final VisitLog visits;
  private final LiveConversations live;
  private final DialledCalls dialled;
  private final SpeechMode mode;
  private ReplyRecognizer recognizer;
  private final LineCheck lineCheck;
  private final InboundLine inboundLine;

  CheckinScript(
      QuestionnaireSource questionnaire,
      Prompts prompts,
      VisitLog visits,
      FollowUps followUps,
      LiveConversations live,
      CallflowProperties props,
      ObjectProvider<ReplyRecognizer> recognizer,
      ObjectProvider<LineRecognizer> lineRecognizer,
      LineCheckProperties lineCheck,
      InboundLine inboundLine,
      org.tanfang.visits.Attempts attempts,
      ApplicationEventPublisher events,
      Clock clock,
      @Value("${tanfang.escalation.transfer-timeout:60s}") Duration transferTimeout,
      DialledCalls dialled) {
    this.dialled = dialled;
    this.visits = visits;
    this.live = live;
    this.inboundLine = inboundLine;
    this.mode = props.speech();
    log.info(
        "Spoken replies (speech {}) are recorded in {}: RECORD FILE's absolute path; with a real"
            + " Asterisk this must be the same folder on both hosts (same host or a shared mount)",
        mode,
        props.recordingDir());
    ReplyRecognizer installed = recognizer.getIfAvailable();
    SpeechListener speech = null;
    if (mode != SpeechMode.OFF) {
      if (installed != null) {
        this.recognizer = installed;
        speech = new SpeechListener(installed, props.recordingDir());
        recordingDir(props.recordingDir());
      } else {
        log.warn("Speech is {} but no ReplyRecognizer is installed: keypad only", mode);
      }
    }
    LineRecognizer line = lineRecognizer.getIfAvailable();
    this.lineCheck =
        line == null || lineCheck.mode() == SpeechMode.OFF
            ? null
            : new LineCheck(line, lineCheck, props.recordingDir(), attempts);
    this.tools =
        new Conversation.Tools(
            questionnaire.current(),
            prompts,
            new KeypadListener(),
            speech,
            visits,
            followUps,
            events,
            clock,
            queueSeconds(transferTimeout),
            live::wrappingUp);
  }

  /**
   * Whether this call listens for spoken replies: {@code true} always (with a recognizer), {@code
   * auto} only when the recognizer understands the elder's reply language, so keypad-only elders
   * get GET DATA exactly as with speech off.
   */
  boolean listensForSpeech(String dialect) {
    if (tools.speech() == null || recognizer == null) {
      return false;
    }
    return mode == SpeechMode.ON || recognizer.canUnderstand(dialect);
  }

  @Override
  public boolean listensBeforeGreeting(String dialect) {
    return lineCheck != null && lineCheck.listensFor(dialect);
  }

  /** Queue() takes whole seconds: round up, at least one. */
  static String queueSeconds(Duration timeout) {
    long ms = timeout.toMillis();
    return String.valueOf(Math.max(1, (ms + 999) / 1000));
  }

  /** RECORD FILE fails with (writefile) if the folder is missing; make it where we can. */
  private static void recordingDir(String dir) {
    try {
      java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
    } catch (java.io.IOException | RuntimeException e) {
      log.warn(
          "Recording folder {} cannot be created here ({}): it must exist where Asterisk writes",
          dir,
          e.toString());
    }
  }

  /** The visit id the dialer put on the channel, or null (unset, unreadable or not a number). */
  private static Long visitOnChannel(AgiChannel channel, long attemptId) {
    String visit;
    try {
      visit = channel.getVariable(ChannelVariables.VISIT_ID);
    } catch (AgiException e) {
      return null;
    }
    if (visit == null || visit.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(visit.trim());
    } catch (NumberFormatException e) {
      log.warn("Attempt {}: bad {} {}", attemptId, ChannelVariables.VISIT_ID, visit);
      return null;
    }
  }

  /**
   * Who is called: as this node's dialer knew it at the Originate (no read while the elder waits
   * for the greeting), else read from the database within the budget; the visit id on the channel
   * is read only when the database cannot say (the FastAGI commands of a normal call stay those of
   * the Asterisk traces).
   */
  private java.util.Optional<VisitLog.Subject> subject(AgiChannel channel, long attemptId) {
    var known = dialled.take(attemptId);
    if (known.isPresent()) {
      var d = known.get();
      return java.util.Optional.of(
          new VisitLog.Subject(d.attemptId(), d.visitId(), d.elderId(), d.dialect()));
    }
    return visits.forAttempt(attemptId, () -> visitOnChannel(channel, attemptId));
  }

  @Override
  public void service(AgiRequest request, AgiChannel channel) throws AgiException {
    String attempt = channel.getVariable(ChannelVariables.ATTEMPT_ID);
    if (attempt == null || attempt.isBlank()) {
      inboundLine.serve(request, channel, tools, this::listensForSpeech);
      return;
    }
    long attemptId = Long.parseLong(attempt.trim());
    org.tanfang.shared.CallLog.attempt(attemptId);
    var subject = subject(channel, attemptId);
    if (subject.isEmpty()) {
      log.warn("AGI for unknown attempt {}: hanging up", attemptId);
      channel.hangup();
      return;
    }
    org.tanfang.shared.CallLog.visit(subject.get().visitId());
    live.started(attemptId);
    try {
      String dialect = subject.get().dialect();
      if (lineCheck != null && lineCheck.listensFor(dialect)) {
        // Before anything personal is said: is it the elder, the carrier or a voicemail box?
        LineCheck.Verdict verdict = lineCheck.check(channel, attemptId, dialect);
        if (verdict != LineCheck.Verdict.PERSON) {
          log.info("Attempt {}: line check {}, no greeting", attemptId, verdict);
          if (verdict == LineCheck.Verdict.NETWORK || verdict == LineCheck.Verdict.NOT_ANSWERED) {
            try {
              channel.hangup();
            } catch (org.asteriskjava.fastagi.AgiHangupException gone) {
              // The carrier released the call first.
            }
          }
          return;
        }
      }
      boolean speech = listensForSpeech(subject.get().dialect());
      var outcome = new Conversation(channel, subject.get(), tools, speech).run();
      log.info("Visit {} (attempt {}): {}", subject.get().visitId(), attemptId, outcome);
    } finally {
      // The attempt is reported ended once what the call learnt is written.
      visits.afterWrites(() -> live.finished(attemptId));
    }
  }
}
