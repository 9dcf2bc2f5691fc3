package org.tanfang.web;

import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.dialer.StormWatch;
import org.tanfang.dialer.Storms;
import org.tanfang.security.AuditLog;

/**
 * The storm log and the supervisor's end of a storm: {@code GET /api/storms} (the latest 50, open
 * ones first in time), {@code POST /api/storms/{id}/end} (ADMIN, SUPERVISOR; 404 unknown, 409
 * already over; audited as {@code END_STORM}).
 */
@RestController
@RequestMapping("/api/storms")
class StormsApi {
  private final Storms storms;
  private final StormWatch watch;
  private final AuditLog audit;

  StormsApi(Storms storms, StormWatch watch, AuditLog audit) {
    this.storms = storms;
    this.watch = watch;
    this.audit = audit;
  }

  @GetMapping
  List<Storms.Storm> latest() {
    return storms.latest(50);
  }

  @PostMapping("/{id}/end")
  ResponseEntity<?> end(@PathVariable long id, Principal who) {
    var storm = storms.byId(id);
    if (storm.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
    if (!watch.end(id, who.getName())) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(storms.byId(id).orElseThrow());
    }
    audit.record("END_STORM", "pbx_storm", id, StormPages.auditDetail(storm.get()));
    return ResponseEntity.ok(storms.byId(id).orElseThrow());
  }
}
