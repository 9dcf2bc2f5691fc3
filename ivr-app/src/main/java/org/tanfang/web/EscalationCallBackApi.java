package org.tanfang.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.escalation.CallBack;
import org.tanfang.security.AuditLog;

/**
 * Click-to-call over the REST API: rings the signed-in user's phone, then the elder. 202 when
 * ringing, 409 {@code escalation.noPhone} without a phone on the account, 404 for an unknown case.
 */
@RestController
class EscalationCallBackApi {
  private final CallBack callBack;
  private final AuditLog audit;

  EscalationCallBackApi(CallBack callBack, AuditLog audit) {
    this.callBack = callBack;
    this.audit = audit;
  }

  /** Optional body: another number of the elder's to ring instead of the primary one. */
  record CallBackRequest(String phone) {}

  record CallBackResponse(long escalationId, String status) {}

  @PostMapping("/api/escalations/{id}/call-back")
  ResponseEntity<CallBackResponse> callBack(
      @PathVariable long id,
      @RequestBody(required = false) CallBackRequest body,
      Authentication auth) {
    callBack.callBack(id, auth.getName(), body == null ? null : body.phone());
    audit.record("CALL_BACK", "escalation", id, auth.getName());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new CallBackResponse(id, "RINGING_STAFF"));
  }
}
