package org.tanfang.callflow;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.tanfang.dialer.ChannelVariables;

/**
 * The FastAGI script {@code transfer-unanswered}: [tanfang-staff] runs it after {@code Queue()}
 * returned without a member answering ({@code AGI(agi://…/transfer-unanswered,${QUEUESTATUS})}). It
 * tells the elder, in their dialect, that staff will call back, and publishes {@link
 * TransferUnanswered} so the case is marked for an urgent call-back. Taking this from the dialplan
 * rather than from AMI queue events means a lost event cannot hide an unanswered distress call.
 */
@Component
class TransferUnansweredScript implements AgiScript {
  static final String NAME = "transfer-unanswered";
  static final String PROMPT = "staff-callback";
  private static final Logger log = LoggerFactory.getLogger(TransferUnansweredScript.class);

  private final Prompts prompts;
  private final VisitLog visits;
  private final ApplicationEventPublisher events;

  TransferUnansweredScript(Prompts prompts, VisitLog visits, ApplicationEventPublisher events) {
    this.prompts = prompts;
    this.visits = visits;
    this.events = events;
  }

  @Override
  public void service(AgiRequest request, AgiChannel channel) throws AgiException {
    String[] args = request.getArguments();
    String status = args != null && args.length > 0 && !args[0].isBlank() ? args[0] : "UNKNOWN";
    String attempt = channel.getVariable(ChannelVariables.ATTEMPT_ID);
    VisitLog.Subject subject = null;
    if (attempt != null && !attempt.isBlank()) {
      subject = visits.forAttempt(Long.parseLong(attempt.trim()), () -> null).orElse(null);
    }
    if (subject != null) {
      if (subject.attemptId() != null) {
        org.tanfang.shared.CallLog.attempt(subject.attemptId());
      }
      org.tanfang.shared.CallLog.visit(subject.visitId());
    }
    String dialect = subject == null ? Prompts.MANDARIN : subject.dialect();
    log.info("Staff queue unanswered ({}) for attempt {}", status, attempt);
    // Recorded before the prompt: an elder who hangs up meanwhile still gets the call-back.
    events.publishEvent(
        new TransferUnanswered(
            subject == null ? null : subject.attemptId(),
            subject == null ? null : subject.visitId(),
            subject == null ? null : subject.elderId(),
            status));
    channel.streamFile(prompts.path(PROMPT, dialect));
  }
}
