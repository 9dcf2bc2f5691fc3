package org.tanfang.callflow;

import java.time.Clock;
import java.time.LocalDate;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.tanfang.callflow.Questionnaire.Question;
import org.tanfang.callflow.ReplyRecognizer.Certainty;
import org.tanfang.dialer.ChannelVariables;

/**
 * One check-in call, top to bottom: greeting, identity, the follow-ups of what the previous visit
 * found, the questions (health first), a seasonal safety tip and goodbye. Key 0 or 9 at any
 * question hands the call to staff. Each answer is handed over the moment it is given, the outcome
 * however the call ends ({@link VisitLog}, {@link Handoff}: the call never waits on the database).
 */
final class Conversation {
  /** Set to {@link #TO_STAFF} when the dialplan should put the call through to the staff queue. */
  static final String TRANSFER_VARIABLE = "TANFANG_TRANSFER";

  static final String TO_STAFF = "staff";
  private static final Logger log = LoggerFactory.getLogger(Conversation.class);

  /** What the conversation needs from the application. */
  record Tools(
      Questionnaire questionnaire,
      Prompts prompts,
      ReplyListener keypad,
      ReplyListener speech,
      VisitLog visits,
      FollowUps followUps,
      ApplicationEventPublisher events,
      Clock clock,
      String queueTimeoutSeconds,
      java.util.function.BooleanSupplier wrapUp) {}

  private final AgiChannel channel;
  private final VisitLog.Subject subject;
  private final Tools tools;
  private final Questionnaire q;
  private final boolean listenForSpeech;
  private final boolean inbound;
  private final java.util.Set<String> answeredRecently;
  private boolean identityConfirmed;
  private boolean healthAnswered;

  /**
   * @param listenForSpeech record and recognise spoken replies (keys still work during the question
   *     and the recording); false: keypad only
   */
  Conversation(AgiChannel channel, VisitLog.Subject subject, Tools tools, boolean listenForSpeech) {
    this(channel, subject, tools, listenForSpeech, null);
  }

  /**
   * @param answeredRecently not null for a call into the line, the short check-in: no greeting ("we
   *     are calling to ask how you are"), the caller was welcomed before being identified; the
   *     health question always, the others only when not among these (answered recently); and if
   *     the conversation breaks off on a failure (the database), the caller is put through to staff
   *     instead of being hung up on
   */
  Conversation(
      AgiChannel channel,
      VisitLog.Subject subject,
      Tools tools,
      boolean listenForSpeech,
      java.util.Set<String> answeredRecently) {
    this.inbound = answeredRecently != null;
    this.answeredRecently = answeredRecently == null ? java.util.Set.of() : answeredRecently;
    this.channel = channel;
    this.subject = subject;
    this.tools = tools;
    this.q = tools.questionnaire();
    this.listenForSpeech = listenForSpeech && tools.speech() != null;
  }

  ConversationOutcome run() {
    ConversationOutcome outcome = ConversationOutcome.PARTIAL;
    tools.visits().started(subject.visitId(), q.scriptId(), tools.clock().instant());
    try {
      outcome = talk();
    } catch (HungUp | AgiHangupException e) {
      log.debug("Visit {}: hung up mid-flow", subject.visitId());
    } catch (AgiException e) {
      log.warn("Visit {}: conversation broke off: {}", subject.visitId(), e.toString());
    } catch (RuntimeException e) {
      log.warn("Visit {}: conversation broke off: {}", subject.visitId(), e.toString());
      if (inbound) {
        outcome = staffAfterFailure();
      }
    } finally {
      try {
        // Handed over, not written here: ConversationEnded is published once the outcome is
        // written.
        tools
            .visits()
            .finish(subject, outcome, identityConfirmed && healthAnswered, tools.clock().instant());
      } catch (RuntimeException e) {
        if (!inbound) {
          throw e;
        }
        // The caller is already on the way to staff; the open attempt is ended by the sweep.
        log.warn(
            "Visit {}: outcome {} not handed over ({})", subject.visitId(), outcome, e.toString());
      }
    }
    return outcome;
  }

  private ConversationOutcome talk() throws AgiException, HungUp {
    // Read while the greeting and the identity question play, needed only after the identity
    // answer: the gap after that answer no longer waits for the database.
    java.util.function.Supplier<java.util.List<FollowUps.Due>> followUps =
        subject.elderId() <= 0
            ? java.util.List::of
            : tools
                .visits()
                .boundedAhead(
                    "Visit " + subject.visitId() + ": follow-ups",
                    () -> tools.followUps().due(subject.elderId(), subject.visitId()),
                    java.util.List::of);
    channel.setVariable("CHANNEL(language)", subject.dialect());
    if (!inbound) {
      play(q.prompts().greeting());
    }
    Answer identity = ask(q.identity(), null);
    if (identity.transfer()) {
      return transfer();
    }
    if (identity.intent() != Intent.YES) {
      play(q.prompts().notConfirmed());
      channel.hangup();
      return ConversationOutcome.NOT_CONFIRMED;
    }
    identityConfirmed = true;
    boolean followUp = false;
    java.util.List<FollowUps.Due> dues = followUps.get();
    for (FollowUps.Due due : dues) {
      if (due.acknowledged()) {
        play(tools.followUps().rules().acknowledgedPrompt());
        record(acknowledged(due), due);
        continue;
      }
      Question question = tools.followUps().rules().question(due.rule());
      Answer answer = ask(question, due);
      if (answer.transfer()) {
        return transfer();
      }
      followUp |= question.followUp().contains(answer.intent());
    }
    for (Question question : q.questions()) {
      if (question.area() != Area.HEALTH && answeredRecently.contains(question.id())) {
        continue; // the short inbound check-in: answered recently, not due
      }
      if (tools.wrapUp().getAsBoolean()) {
        // The node is stopping and its patience ran out: goodbye now, the answers so far are kept.
        play(q.prompts().goodbye());
        channel.hangup();
        return ConversationOutcome.PARTIAL;
      }
      Answer answer = ask(question, null);
      if (question.area() == Area.HEALTH
          && answer.intent() != Intent.SILENT
          && answer.intent() != Intent.UNCLEAR) {
        healthAnswered = true;
      }
      if (answer.transfer()) {
        return transfer();
      }
      followUp |= question.followUp().contains(answer.intent());
    }
    play(q.prompts().thanks());
    if (followUp) {
      play(q.prompts().followUp());
    }
    var tip = q.tipFor(LocalDate.now(tools.clock()).getMonth());
    if (tip.isPresent()) {
      play(tip.get());
    }
    play(q.prompts().goodbye());
    channel.hangup();
    return ConversationOutcome.COMPLETED;
  }

  /**
   * Asks until a valid answer, re-asking after silence or a wrong key up to the limit. A spoken
   * reply that is not confidently understood is never dropped (README "Understanding fails safe"):
   * it is re-asked once with keys ("not understood, please press a key", or for distress-like words
   * "do you need help? press 9"), and from then on this question takes keys only; if no key answers
   * it, the spoken reply is recorded as UNCLEAR and a person listens to its recording.
   * Distress-like words also reach a person soon whatever the keys say. A follow-up ({@code due}
   * not null) takes keys only and is recorded as the follow-up of the earlier answer.
   */
  private Answer ask(Question question, FollowUps.Due due) throws AgiException, HungUp {
    int reprompts = 0;
    boolean speech = listenForSpeech && due == null;
    Reply unsure = null;
    for (int round = 0; ; round++) {
      ReplyListener listener = speech ? tools.speech() : tools.keypad();
      Reply reply =
          listener.listen(
              channel,
              path(question.prompt()),
              new ReplyListener.Asking(question, subject.visitId(), subject.dialect(), round),
              q.answerTimeout());
      if (unsure == null && needsClarifying(question, reply)) {
        unsure = reply;
        boolean distressLike = reply.speech().certainty() == Certainty.DISTRESS_LIKE;
        if (distressLike) {
          listen(question, reply, true);
        }
        play(distressLike ? q.prompts().clarifyHelp() : q.prompts().notUnderstood());
        speech = false;
        reprompts++;
        continue;
      }
      Answer answer = understood(question, reply, reprompts);
      if (answer == null && reprompts >= q.reprompts()) {
        answer = givenUp(question, unsure != null ? unsure : reply, reprompts);
        if (unsure != null && unsure.speech().certainty() != Certainty.DISTRESS_LIKE) {
          listen(question, unsure, false);
        }
      }
      if (answer != null) {
        return record(answer, due);
      }
      play(reply.silent() ? q.prompts().noInput() : q.prompts().invalidKey());
      reprompts++;
    }
  }

  /**
   * A spoken reply (no key) that must be asked again: not understood, or, at the health and care
   * questions, understood without confidence. HELP never waits.
   */
  private static boolean needsClarifying(Question question, Reply reply) {
    if (reply.key() != null || reply.speech() == null) {
      return false;
    }
    ReplyRecognizer.Understanding u = reply.speech();
    if (u.intent() == Intent.HELP) {
      return false;
    }
    if (u.intent() == Intent.UNCLEAR || u.certainty() == Certainty.DISTRESS_LIKE) {
      return true;
    }
    return u.certainty() == Certainty.UNSURE
        && (question.area() == Area.HEALTH || question.area() == Area.CARE_NEEDS);
  }

  /** A person listens to the reply's recording (soon when {@code urgent}). */
  private void listen(Question question, Reply reply, boolean urgent) {
    tools
        .visits()
        .listen(
            subject,
            question.id(),
            urgent,
            reply.speech() == null ? null : reply.speech().transcript(),
            tools.clock().instant());
  }

  /** The answer a reply gives, or null if the question must be asked again. */
  private Answer understood(Question question, Reply reply, int reprompts) {
    if (reply.key() != null) {
      Intent intent = q.transferKeys().get(reply.key());
      if (intent == null) {
        intent = question.keys().get(reply.key());
      }
      return intent == null
          ? null
          : answer(question, AnswerMethod.KEYPAD, reply, intent, reprompts);
    }
    if (reply.speech() != null && reply.speech().intent() != Intent.UNCLEAR) {
      return answer(question, AnswerMethod.SPEECH, reply, reply.speech().intent(), reprompts);
    }
    return null;
  }

  /** After the last re-ask: what was heard, as UNCLEAR (or SILENT when nothing was). */
  private Answer givenUp(Question question, Reply reply, int reprompts) {
    if (reply.key() != null) {
      return answer(question, AnswerMethod.KEYPAD, reply, Intent.UNCLEAR, reprompts);
    }
    if (reply.speech() != null) {
      return answer(question, AnswerMethod.SPEECH, reply, Intent.UNCLEAR, reprompts);
    }
    return answer(question, AnswerMethod.NONE, reply, Intent.SILENT, reprompts);
  }

  private static Answer answer(
      Question question, AnswerMethod method, Reply reply, Intent intent, int reprompts) {
    var speech = reply.speech();
    return new Answer(
        question.id(),
        question.area(),
        method,
        reply.key(),
        intent,
        speech == null ? null : speech.transcript(),
        speech == null ? null : speech.needs(),
        reply.recording(),
        reprompts);
  }

  /** The need was resolved by staff since: said, not asked. */
  private static Answer acknowledged(FollowUps.Due due) {
    return new Answer(
        due.rule().questionId(),
        Area.FOLLOW_UP,
        AnswerMethod.NONE,
        null,
        Intent.ACKNOWLEDGED,
        null,
        null,
        null,
        0);
  }

  /**
   * Hands the answer over (written by the {@link Handoff} writer; an answer that asks for staff
   * opens its DISTRESS case once written, before the transfer's queue times out).
   */
  private Answer record(Answer answer, FollowUps.Due due) {
    var now = tools.clock().instant();
    if (due == null && inbound) {
      // An inbound caller is put through to a person when the answer is not written in time
      // (kept in the journal all the same): the line does not go on as if the database were there.
      if (!tools.visits().answerWritten(subject, answer, now, answer.transfer())) {
        throw new IllegalStateException(
            "Visit " + subject.visitId() + ": answer " + answer.questionId() + " not written");
      }
    } else if (due == null) {
      tools.visits().answer(subject, answer, now, answer.transfer());
    } else {
      tools
          .visits()
          .followUpAnswer(subject, answer, due, tools.followUps().rules().ruleRef(due.rule()), now);
    }
    return answer;
  }

  /** A caller who rang us is never left with silence: staff, unless the line is gone. */
  private ConversationOutcome staffAfterFailure() {
    try {
      return transfer();
    } catch (AgiException gone) {
      log.debug("Visit {}: the caller is gone, not put through", subject.visitId());
      return ConversationOutcome.PARTIAL;
    }
  }

  /**
   * Says so, sets the variables and ends the AGI: the dialplan queues the call to staff for the
   * configured time. The DISTRESS case was opened when the answer was recorded, before this.
   */
  private ConversationOutcome transfer() throws AgiException {
    play(q.prompts().transfer());
    channel.setVariable(ChannelVariables.QUEUE_TIMEOUT, tools.queueTimeoutSeconds());
    channel.setVariable(TRANSFER_VARIABLE, TO_STAFF);
    return ConversationOutcome.TRANSFERRED;
  }

  /**
   * Plays a whole sentence; keys pressed meanwhile wait for the next question. A dead line shows up
   * as Asterisk's 511 on the next command (AgiHangupException).
   */
  private void play(String promptId) throws AgiException {
    channel.streamFile(path(promptId));
  }

  private String path(String promptId) {
    return tools.prompts().path(promptId, subject.dialect());
  }
}
