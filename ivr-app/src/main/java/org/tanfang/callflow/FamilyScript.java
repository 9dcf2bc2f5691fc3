package org.tanfang.callflow;

import java.time.Clock;
import java.time.Duration;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.tanfang.dialer.ChannelVariables;
import org.tanfang.dialer.LiveConversations;

/**
 * The FastAGI script {@code family}: {@code AGI(agi://host:4573/family)} in [tanfang-family]. An
 * elder's emergency contact hears that the elder did not answer today's care call and is asked to
 * press 1 if the elder is safe or 2 for a visit by staff. A wrong key or silence: the short
 * explanation and the question once more; then the call ends without an answer. The elder's name is
 * not spoken (pre-recorded prompts cannot, and whoever answers a contact's number may not be the
 * contact). The answer is a {@code visit_answer} (area CONTACT, intent FINE for 1, NEEDS for 2);
 * the visit is never valid: it does not visit the elder.
 */
@Component
class FamilyScript implements AgiScript {
  static final String NAME = "family";
  static final String SAFE = "1";
  static final String VISIT = "2";
  static final String QUESTION_ID = "family-notice";
  private static final String SCRIPT_ID = "family-notice-v1";
  private static final Logger log = LoggerFactory.getLogger(FamilyScript.class);

  private final Prompts prompts;
  private final VisitLog visits;
  private final LiveConversations live;
  private final ApplicationEventPublisher events;
  private final Duration timeout;
  private final Clock clock;

  FamilyScript(
      Prompts prompts,
      VisitLog visits,
      LiveConversations live,
      QuestionnaireSource questionnaire,
      ApplicationEventPublisher events,
      Clock clock) {
    this.prompts = prompts;
    this.visits = visits;
    this.live = live;
    this.events = events;
    this.timeout = questionnaire.current().answerTimeout();
    this.clock = clock;
  }

  @Override
  public void service(AgiRequest request, AgiChannel channel) throws AgiException {
    String attempt = channel.getVariable(ChannelVariables.ATTEMPT_ID);
    var subject =
        attempt == null || attempt.isBlank()
            ? java.util.Optional.<VisitLog.Contact>empty()
            : visits.contactFor(Long.parseLong(attempt.trim()));
    if (subject.isEmpty()) {
      log.warn("Family AGI for unknown attempt {}: hanging up", attempt);
      channel.hangup();
      return;
    }
    VisitLog.Contact c = subject.get();
    org.tanfang.shared.CallLog.attempt(c.attemptId());
    org.tanfang.shared.CallLog.visit(c.visitId());
    live.started(c.attemptId());
    ConversationOutcome outcome = ConversationOutcome.PARTIAL;
    try {
      visits.started(c.visitId(), SCRIPT_ID, clock.instant());
      outcome = talk(channel, c);
    } catch (HungUp | AgiHangupException e) {
      log.debug("Family notice {}: hung up", c.visitId());
    } catch (AgiException | RuntimeException e) {
      log.warn("Family notice {}: call broke off: {}", c.visitId(), e.toString());
    } finally {
      visits.finish(c.visitId(), outcome, false, clock.instant());
      visits.afterWrites(() -> live.finished(c.attemptId()));
    }
    log.info("Family notice {} (attempt {}): {}", c.visitId(), c.attemptId(), outcome);
  }

  private ConversationOutcome talk(AgiChannel channel, VisitLog.Contact c)
      throws AgiException, HungUp {
    channel.setVariable("CHANNEL(language)", c.dialect());
    if (c.alertPrompt() != null) {
      return alert(channel, c);
    }
    String key = null;
    int reprompts = 0;
    for (int round = 0; round < 2; round++) {
      String notice = prompts().path("family-notice", c.dialect());
      key = key(channel.getData(notice, timeout.toMillis(), 1));
      if (SAFE.equals(key) || VISIT.equals(key)) {
        Intent intent = SAFE.equals(key) ? Intent.FINE : Intent.NEEDS;
        answer(c, AnswerMethod.KEYPAD, key, intent, reprompts);
        events.publishEvent(
            new ContactAnswered(
                c.visitId(), c.attemptId(), c.elderId(), c.phone(), key, clock.instant()));
        channel.streamFile(
            SAFE.equals(key)
                ? prompts().path("family-thanks-safe", c.dialect())
                : prompts().path("family-thanks-visit", c.dialect()));
        channel.hangup();
        return ConversationOutcome.COMPLETED;
      }
      if (round == 0) {
        channel.streamFile(
            key == null
                ? prompts().path("no-input", c.dialect())
                : prompts().path("invalid-key", c.dialect()));
        reprompts++;
      }
    }
    if (key == null) {
      answer(c, AnswerMethod.NONE, null, Intent.SILENT, reprompts);
    } else {
      answer(c, AnswerMethod.KEYPAD, key, Intent.UNCLEAR, reprompts);
    }
    channel.streamFile(prompts().path("family-goodbye", c.dialect()));
    channel.hangup();
    return ConversationOutcome.NOT_CONFIRMED;
  }

  /**
   * A weather alert's call: the warning and what to remind the elder of, then "press 1 when
   * received"; said once more after silence or another key. Key 1 is FINE (received).
   */
  private ConversationOutcome alert(AgiChannel channel, VisitLog.Contact c)
      throws AgiException, HungUp {
    String key = null;
    for (int round = 0; round < 2; round++) {
      key =
          key(channel.getData(prompts().path(c.alertPrompt(), c.dialect()), timeout.toMillis(), 1));
      if (SAFE.equals(key)) {
        answer(c, AnswerMethod.KEYPAD, key, Intent.FINE, round);
        channel.streamFile(prompts().path("alert-contact-thanks", c.dialect()));
        channel.hangup();
        return ConversationOutcome.COMPLETED;
      }
    }
    answer(
        c,
        key == null ? AnswerMethod.NONE : AnswerMethod.KEYPAD,
        key,
        key == null ? Intent.SILENT : Intent.UNCLEAR,
        1);
    channel.streamFile(prompts().path("family-goodbye", c.dialect()));
    channel.hangup();
    return ConversationOutcome.NOT_CONFIRMED;
  }

  /** GET DATA's result: the key, null on silence; a hang-up ends the call. */
  private static String key(String result) throws HungUp {
    if ("-1".equals(result)) {
      throw new HungUp();
    }
    return result == null || result.isEmpty() ? null : result.substring(0, 1);
  }

  private void answer(
      VisitLog.Contact c, AnswerMethod method, String key, Intent intent, int reprompts) {
    visits.answer(
        new VisitLog.Subject(c.attemptId(), c.visitId(), c.elderId(), c.dialect()),
        new Answer(QUESTION_ID, Area.CONTACT, method, key, intent, null, null, null, reprompts),
        clock.instant());
  }

  /** Prompts in the elder's dialect where that recording exists, else Mandarin. */
  private Prompts prompts() {
    return prompts;
  }
}
