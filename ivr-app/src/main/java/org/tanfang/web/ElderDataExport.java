package org.tanfang.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.registry.ElderDetail;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Caller;
import org.tanfang.security.Callers;

/**
 * Everything Tanfang holds on one elder, for a data-subject request (PIPL): the full record, every
 * visit with its dial attempts and answers (transcripts, recording paths), every case with its
 * history, and the audit entries about the elder. Supervisors and administrators inside their
 * scope; written to the audit log as an export.
 */
@RestController
class ElderDataExport {
  private final ElderService elders;
  private final Callers callers;
  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final RegistryProperties props;
  private final Clock clock;

  ElderDataExport(
      ElderService elders,
      Callers callers,
      JdbcTemplate jdbc,
      AuditLog audit,
      RegistryProperties props,
      Clock clock) {
    this.elders = elders;
    this.callers = callers;
    this.jdbc = jdbc;
    this.audit = audit;
    this.props = props;
    this.clock = clock;
  }

  @GetMapping("/api/elders/{id}/export")
  @Transactional
  ResponseEntity<Map<String, Object>> export(@PathVariable long id, Authentication auth) {
    Caller caller = callers.of(auth);
    ElderService.Viewed v = elders.view(id, caller, "data-subject export");
    audit.record(
        caller.username(), "EXPORT", "elder", id, "data-subject export", v.disclosure().purpose());
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("exportedAt", clock.instant().toString());
    all.put("exportedBy", caller.username());
    all.put(
        "elder",
        ElderDetail.of(v.elder(), LocalDate.now(clock), props.advancedAge(), v.disclosure()));
    all.put("visits", rows("select * from visit where elder_id = ? order by id", id));
    all.put(
        "callAttempts",
        rows(
            "select a.* from call_attempt a join visit v on v.id = a.visit_id where v.elder_id = ?"
                + " order by a.id",
            id));
    all.put(
        "answers",
        rows(
            "select a.* from visit_answer a join visit v on v.id = a.visit_id where v.elder_id = ?"
                + " order by a.id",
            id));
    all.put("cases", rows("select * from escalation where elder_id = ? order by id", id));
    all.put(
        "caseHistory",
        rows(
            "select h.* from escalation_event h join escalation e on e.id = h.escalation_id"
                + " where e.elder_id = ? order by h.id",
            id));
    all.put(
        "auditEntries",
        rows(
            "select * from audit_event where subject_type = 'elder' and subject_id = ? order by id",
            String.valueOf(id)));
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("elder-" + id + ".json").build().toString())
        .body(all);
  }

  private List<Map<String, Object>> rows(String sql, Object arg) {
    return jdbc.queryForList(sql, arg);
  }
}
