package org.tanfang.callflow;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tanfang.callflow.InboundCallers.Caller;
import org.tanfang.callflow.InboundCalls.IdentifiedBy;
import org.tanfang.callflow.InboundCalls.Result;
import org.tanfang.dialer.ChannelVariables;
import org.tanfang.dialer.InboundAttempts;
import org.tanfang.dialer.LiveConversations;
import org.tanfang.registry.PhoneNumbers;

/**
 * An elder calls the line ([tanfang-inbound]): the caller ID names the elder, or, for a number
 * several elders share, the last four characters of the elder's ID number entered by keypad (one
 * retry); an unknown or withheld number by the elder's phone PIN ({@link InboundPinEntry}); then
 * the check-in conversation as a phone visit of the elder's cycle. A failed entry, or key 0 or 9
 * pressed alone instead of the digits, go to the staff queue. The check-in is the short one:
 * health, then only the questions not answered recently ({@link
 * CallflowProperties#inboundFreshFor}).
 */
@Component
class InboundLine {
  private static final int DIGITS = 4;
  private static final long DIGITS_TIMEOUT_MS = 8000;
  private static final Logger log = LoggerFactory.getLogger(InboundLine.class);

  private final InboundCallers callers;
  private final InboundPinEntry pinEntry;
  private final InboundCalls calls;
  private final InboundAttempts attempts;
  private final LiveConversations live;
  private final Clock clock;
  private final java.time.Duration freshFor;

  InboundLine(
      InboundCallers callers,
      InboundPinEntry pinEntry,
      InboundCalls calls,
      InboundAttempts attempts,
      LiveConversations live,
      CallflowProperties props,
      Clock clock) {
    this.freshFor = props.inboundFreshFor();
    this.callers = callers;
    this.pinEntry = pinEntry;
    this.calls = calls;
    this.attempts = attempts;
    this.live = live;
    this.clock = clock;
  }

  /** What identification found: the elder and how, or nobody (to staff). */
  private record Found(Caller caller, IdentifiedBy how) {}

  void serve(
      AgiRequest request, AgiChannel channel, Conversation.Tools tools, Predicate<String> speechFor)
      throws AgiException {
    Optional<String> number = PhoneNumbers.normalise(request.getCallerIdNumber());
    Long callId = null;
    Result result = Result.HUNG_UP;
    try {
      // The call's row and who the number names: one step within the conversation reads' budget
      // (a locked table or an outage puts the caller through to staff instead of silence).
      Started start =
          tools
              .visits()
              .within(
                  "Inbound call from " + PhoneNumbers.mask(number.orElse("withheld")),
                  () ->
                      new Started(
                          calls.started(
                              number.orElse(request.getCallerIdNumber()),
                              request.getDnid(),
                              request.getChannel(),
                              clock.instant()),
                          number.map(callers::byPhone).orElse(List.of())));
      callId = start.callId();
      List<Caller> candidates = start.candidates();
      channel.streamFile(tools.prompts().path("inbound-welcome", dialectOf(candidates)));
      Found found =
          identify(channel, tools, candidates, number.orElse(request.getCallerIdNumber()), callId);
      if (found == null) {
        toStaff(channel, tools, dialectOf(candidates));
        result = Result.STAFF;
        return;
      }
      String phone = number.orElse(withheld(request.getCallerIdNumber()));
      result = visit(request, channel, tools, speechFor, callId, found, phone);
    } catch (HungUp | AgiHangupException e) {
      log.debug("Inbound call {}: the caller hung up", callId);
    } catch (RuntimeException e) {
      // The database (or anything else) failed before the conversation: a person answers instead
      // of silence or a hang-up.
      log.warn("Inbound call {} failed ({}): to staff", callId, e.toString());
      result = staffAfterFailure(channel, tools);
    } finally {
      ended(callId, result, tools);
    }
  }

  /** The call's row and the elders its number names. */
  private record Started(long callId, List<Caller> candidates) {}

  private static Result staffAfterFailure(AgiChannel channel, Conversation.Tools tools)
      throws AgiException {
    try {
      toStaff(channel, tools, Prompts.MANDARIN);
      return Result.STAFF;
    } catch (AgiHangupException gone) {
      return Result.HUNG_UP;
    }
  }

  /**
   * The call's result, within the budget (the dialplan's next step, the staff queue, waits for the
   * AGI script to return); not written in time, the start-up reconcile of a later run ends it.
   */
  private void ended(Long callId, Result result, Conversation.Tools tools) {
    if (callId == null) {
      return;
    }
    try {
      tools
          .visits()
          .tryWithin(
              "Inbound call " + callId + ": result",
              () -> {
                calls.ended(callId, result, clock.instant());
                return null;
              });
    } catch (RuntimeException e) {
      log.warn("Inbound call {}: result {} not written ({})", callId, result, e.toString());
    }
  }

  private Result visit(
      AgiRequest request,
      AgiChannel channel,
      Conversation.Tools tools,
      Predicate<String> speechFor,
      long callId,
      Found found,
      String phone) {
    Caller caller = found.caller();
    // The visit and attempt opened, in the budget; late: to staff (serve's catch).
    InboundAttempts.Opened opened =
        tools
            .visits()
            .within(
                "Inbound call " + callId + ": open the visit",
                () -> {
                  InboundAttempts.Opened o = attempts.open(caller.elderId(), phone);
                  calls.identified(callId, caller.elderId(), found.how(), o.attemptId());
                  return o;
                });
    org.tanfang.shared.CallLog.attempt(opened.attemptId());
    org.tanfang.shared.CallLog.visit(opened.visitId());
    live.started(opened.attemptId());
    ConversationOutcome outcome;
    try {
      var subject =
          new VisitLog.Subject(
              opened.attemptId(), opened.visitId(), caller.elderId(), caller.dialect());
      boolean speech = speechFor.test(caller.dialect());
      // Bounded like every conversation read: if the database does not answer in time, the whole
      // check-in is asked.
      java.util.Set<String> answered =
          tools
              .visits()
              .bounded(
                  "Visit " + opened.visitId() + ": answered since",
                  () ->
                      tools
                          .visits()
                          .answeredSince(
                              caller.elderId(), opened.visitId(), clock.instant().minus(freshFor)),
                  java.util.Set::of);
      outcome = new Conversation(channel, subject, tools, speech, answered).run();
      log.info(
          "Inbound call {} from {} ({}): visit {} {}",
          callId,
          PhoneNumbers.mask(phone),
          found.how(),
          opened.visitId(),
          outcome);
    } finally {
      // Ended once what the call learnt is written (the hand-off), as an outbound attempt is.
      try {
        tools
            .visits()
            .afterWrites(
                () -> {
                  live.finished(opened.attemptId());
                  attempts.end(opened.attemptId());
                });
      } catch (RuntimeException e) {
        // Not even handed over: the caller has been put through to staff (Conversation); the
        // attempt stays IN_CALL until the sweep's max-call-duration ends it.
        live.finished(opened.attemptId());
        log.warn(
            "Inbound call {}: attempt {} not ended ({})", callId, opened.attemptId(), e.toString());
      }
    }
    return outcome == ConversationOutcome.TRANSFERRED ? Result.STAFF : Result.VISIT;
  }

  /**
   * One elder on the number: that one; several: the ID number's last four by keypad; none (an
   * unknown or withheld number): the registered number or ID last four, then the phone PIN. 9
   * instead of the digits (help) also opens a DISTRESS case for the unidentified caller ({@link
   * UnidentifiedDistress}); 0 (a person, please) only goes to staff.
   */
  private Found identify(
      AgiChannel channel,
      Conversation.Tools tools,
      List<Caller> candidates,
      String callerNumber,
      Long callId)
      throws AgiException, HungUp {
    if (candidates.isEmpty()) {
      return pinEntry
          .identify(channel, tools)
          .map(c -> new Found(c, IdentifiedBy.PIN))
          .orElse(null);
    }
    if (candidates.size() == 1) {
      return new Found(candidates.get(0), IdentifiedBy.CALLER_ID);
    }
    String dialect = dialectOf(candidates);
    List<String> asks =
        List.of(
            tools.prompts().path("inbound-id-digits", dialect),
            tools.prompts().path("inbound-id-retry", dialect));
    for (String ask : asks) {
      String keys = channel.getData(ask, DIGITS_TIMEOUT_MS, DIGITS);
      if ("-1".equals(keys)) {
        throw new HungUp();
      }
      if ("9".equals(keys)) {
        tools
            .events()
            .publishEvent(new UnidentifiedDistress(callerNumber, callId, clock.instant()));
        return null; // help asked for instead of the digits: staff, with a case on the desk
      }
      if ("0".equals(keys)) {
        return null; // a person asked for instead of the digits
      }
      List<Caller> matching = candidates.stream().filter(c -> c.matches(keys)).toList();
      if (matching.size() == 1) {
        return new Found(matching.get(0), IdentifiedBy.ID_DIGITS);
      }
    }
    return null;
  }

  private static void toStaff(AgiChannel channel, Conversation.Tools tools, String dialect)
      throws AgiException {
    channel.streamFile(tools.prompts().path(tools.questionnaire().prompts().transfer(), dialect));
    channel.setVariable(ChannelVariables.QUEUE_TIMEOUT, tools.queueTimeoutSeconds());
    channel.setVariable(Conversation.TRANSFER_VARIABLE, Conversation.TO_STAFF);
  }

  /** The attempt's phone when the number is not one the registry could hold (withheld). */
  private static String withheld(String callerId) {
    String raw = callerId == null || callerId.isBlank() ? "withheld" : callerId.strip();
    return raw.length() <= 20 ? raw : raw.substring(0, 20);
  }

  /** The dialect the callers on the number share, else Mandarin. */
  private static String dialectOf(List<Caller> candidates) {
    var dialects = candidates.stream().map(Caller::dialect).distinct().toList();
    return dialects.size() == 1 ? dialects.get(0) : Prompts.MANDARIN;
  }
}
