package org.tanfang.escalation;

/**
 * Click-to-call from the desk: rings the staff member's own phone first, then, once they answer,
 * the elder (AMI Originate into the dialplan's {@code tanfang-callback} context). The call is
 * written to the case's history.
 */
public interface CallBack {
  /**
   * @param escalationId the case
   * @param username the staff member, whose phone ({@code app_user.phone}) rings first
   * @param phone the elder's number to ring, or null for the elder's primary phone
   * @throws EscalationConflictException {@code escalation.noPhone} when the user has no phone
   */
  void callBack(long escalationId, String username, String phone);
}
