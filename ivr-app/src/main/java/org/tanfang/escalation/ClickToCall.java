package org.tanfang.escalation;

import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tanfang.dialer.StaffCallEnded;
import org.tanfang.dialer.StaffCalls;
import org.tanfang.dialer.StaffPhoneNumbers;
import org.tanfang.registry.PhoneNumbers;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;
import org.tanfang.shared.Text;

/**
 * {@link CallBack} through the dialer: the staff member's phone rings first, the elder's once they
 * pick up. The call and, when known, its result go into the case's history (numbers masked).
 */
@Component
class ClickToCall implements CallBack {

  private final CaseSignals signals;
  private final StaffCalls calls;
  private final JdbcTemplate jdbc;
  private final UserAccounts accounts;

  ClickToCall(CaseSignals signals, StaffCalls calls, JdbcTemplate jdbc, UserAccounts accounts) {
    this.signals = signals;
    this.calls = calls;
    this.jdbc = jdbc;
    this.accounts = accounts;
  }

  @Override
  public void callBack(long escalationId, String username, String phone) {
    List<String> primary =
        jdbc.queryForList(
            "select el.primary_phone from escalation e join elder el on el.id = e.elder_id"
                + " where e.id = ?",
            String.class,
            escalationId);
    if (primary.isEmpty()) {
      Integer unidentified =
          jdbc.queryForObject(
              "select count(*) from escalation where id = ? and elder_id is null",
              Integer.class,
              escalationId);
      if (unidentified != null && unidentified > 0) {
        // No elder, no registered number to ring: the claimer dials the number the case shows.
        throw new EscalationConflictException("escalation.unidentifiedNoCallBack");
      }
      throw new EscalationNotFoundException(escalationId);
    }
    String elderPhone = primary.get(0);
    if (phone != null && !phone.isBlank()) {
      elderPhone =
          PhoneNumbers.normalise(phone)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "Call-back number",
                          List.of(FieldProblem.of("phone", "phone.invalid", phone))));
    }
    String staffPhone =
        accounts
            .phone(username)
            .filter(p -> !p.isBlank())
            .orElseThrow(() -> new EscalationConflictException("escalation.noPhone"));
    try {
      calls.ring(escalationId, username, staffPhone, elderPhone);
    } catch (StaffCalls.NoLineException e) {
      throw new EscalationConflictException("escalation.noLine");
    }
    signals.record(
        escalationId,
        username,
        CaseAction.CALL_BACK,
        Text.of(
            "case.callBack",
            username,
            PhoneNumbers.mask(elderPhone),
            StaffPhoneNumbers.display(staffPhone)));
  }

  @EventListener
  void ended(StaffCallEnded e) {
    String result =
        switch (e.result()) {
          case "ANSWERED",
              "NO_ANSWER",
              "BUSY",
              "CONGESTION",
              "INVALID_NUMBER",
              "STAFF_NO_ANSWER",
              "CANCELLED",
              "PBX_LOST" ->
              e.result();
          default -> "FAILED";
        };
    Text detail =
        result.equals("ANSWERED") && e.talkSeconds() != null
            ? Text.of("case.callBackAnsweredFor", PhoneNumbers.mask(e.phone()), e.talkSeconds())
            : Text.of(
                "case.callBackResult",
                PhoneNumbers.mask(e.phone()),
                Text.label("case.callBack." + result));
    signals.record(e.escalationId(), e.username(), CaseAction.CALL_BACK_RESULT, detail);
  }
}
