package org.tanfang.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.callflow.RecentCalls;
import org.tanfang.dialer.DialResult;
import org.tanfang.dialer.TestCalls;
import org.tanfang.registry.ElderNotFoundException;
import org.tanfang.registry.ElderService;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Callers;

/** Calls over the REST API: place a test call, read recent calls (numbers masked). */
@RestController
@RequestMapping("/api/calls")
class CallsApi {
  private final TestCalls testCalls;
  private final RecentCalls recent;
  private final AuditLog audit;
  private final ElderService elders;
  private final Callers callers;

  private final QueryChecks checks;

  CallsApi(
      TestCalls testCalls,
      RecentCalls recent,
      AuditLog audit,
      ElderService elders,
      Callers callers,
      QueryChecks checks) {
    this.checks = checks;
    this.testCalls = testCalls;
    this.recent = recent;
    this.audit = audit;
    this.elders = elders;
    this.callers = callers;
  }

  record TestCallRequest(Long elderId) {}

  record TestCallResponse(long visitId, long attemptId, DialResult result) {}

  /**
   * 202 when dialling; 503 ({@code call.noLine}, nothing written or dialled) when no PBX is
   * connected or no channel is free.
   */
  @PostMapping("/test")
  ResponseEntity<TestCallResponse> test(@RequestBody TestCallRequest request, Authentication auth) {
    if (request == null || request.elderId() == null) {
      throw new ElderNotFoundException(0);
    }
    elders.getInScope(request.elderId(), callers.of(auth));
    var placed = testCalls.place(request.elderId(), TestCalls.Origin.STAFF);
    audit.record("TEST_CALL", "elder", request.elderId(), "attempt " + placed.attemptId());
    HttpStatus status =
        switch (placed.result()) {
          case QUEUED -> HttpStatus.ACCEPTED;
          case NO_FREE_CHANNEL -> HttpStatus.SERVICE_UNAVAILABLE;
          default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    return ResponseEntity.status(status)
        .body(new TestCallResponse(placed.visitId(), placed.attemptId(), placed.result()));
  }

  @GetMapping
  List<RecentCalls.CallRow> latest(
      @RequestParam(defaultValue = "50") int limit, Authentication auth) {
    audit.record("LIST", "call_attempt", null, "api");
    checks.check().size("limit", limit, 500).done();
    return recent.latest(limit, callers.of(auth));
  }

  @GetMapping("/{attemptId}")
  ResponseEntity<RecentCalls.CallRow> one(@PathVariable long attemptId, Authentication auth) {
    audit.record("VIEW", "call_attempt", attemptId, null);
    return ResponseEntity.of(recent.get(attemptId, callers.of(auth)));
  }
}
