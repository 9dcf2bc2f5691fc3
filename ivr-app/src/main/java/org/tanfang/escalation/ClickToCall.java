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

/**
 * {@link CallBack} through the dialer: the staff member's phone rings first, the elder's once they
 * pick up. The call and, when known, its result go into the case's history (numbers masked).
 */
@Component
class ClickToCall implements CallBack {
  static final String ACTION = "CALL_BACK";
  static final String RESULT_ACTION = "CALL_BACK_RESULT";

  private final Escalations escalations;
  private final StaffCalls calls;
  private final JdbcTemplate jdbc;
  private final UserAccounts accounts;

  ClickToCall(Escalations escalations, StaffCalls calls, JdbcTemplate jdbc, UserAccounts accounts) {
    this.escalations = escalations;
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
    escalations.record(
        escalationId,
        username,
        ACTION,
        "坐席 "
            + username
            + " 回拨老人 "
            + PhoneNumbers.mask(elderPhone)
            + "（先呼叫坐席电话 "
            + StaffPhoneNumbers.display(staffPhone)
            + "）");
  }

  @EventListener
  void ended(StaffCallEnded e) {
    String what =
        switch (e.result()) {
          case "ANSWERED" ->
              "老人已接听" + (e.talkSeconds() == null ? "" : "，通话 " + e.talkSeconds() + " 秒");
          case "NO_ANSWER" -> "老人未接听";
          case "BUSY" -> "老人电话忙线";
          case "CONGESTION" -> "线路拥塞，未接通";
          case "INVALID_NUMBER" -> "老人号码无法接通";
          case "STAFF_NO_ANSWER" -> "坐席电话未接听，未呼叫老人";
          case "CANCELLED" -> "坐席在老人接听前挂断";
          default -> "呼叫失败";
        };
    escalations.record(
        e.escalationId(),
        e.username(),
        RESULT_ACTION,
        "回拨 " + PhoneNumbers.mask(e.phone()) + "：" + what + "（" + e.result() + "）");
  }
}
