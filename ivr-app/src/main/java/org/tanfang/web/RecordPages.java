package org.tanfang.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.tanfang.registry.ElderService;
import org.tanfang.reports.Area;
import org.tanfang.reports.Ledger;
import org.tanfang.reports.VisitRecords;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Callers;
import org.tanfang.security.RegionScope;

/**
 * The visit record form of one visit (printable: the page has a print stylesheet; and as PDF,
 * {@link RecordPdf}), and the ledgers of an elder and of a street as .xlsx. STAFF see the elder's
 * data masked; supervisors and administrators in full, audit-logged.
 */
@Controller
class RecordPages {
  private final VisitRecords records;
  private final Ledger ledger;
  private final AuditLog audit;
  private final Clock clock;

  private final Callers callers;
  private final ElderService elders;
  private final RecordPdf pdf;

  RecordPages(
      VisitRecords records,
      Ledger ledger,
      AuditLog audit,
      Callers callers,
      ElderService elders,
      RecordPdf pdf,
      Clock clock) {
    this.callers = callers;
    this.pdf = pdf;
    this.elders = elders;
    this.records = records;
    this.ledger = ledger;
    this.audit = audit;
    this.clock = clock;
  }

  static boolean privileged(Authentication auth) {
    return auth != null
        && auth.getAuthorities().stream()
            .anyMatch(
                a ->
                    a.getAuthority().equals("ROLE_ADMIN")
                        || a.getAuthority().equals("ROLE_SUPERVISOR"));
  }

  @GetMapping("/visits/{id}/record")
  String record(@PathVariable long id, Authentication auth, Model model, Locale locale) {
    VisitRecords.Record record = visible(id, auth, "record form");
    model.addAttribute("r", record);
    model.addAttribute("areas", VisitRecords.AREAS);
    model.addAttribute("ledger", ledger);
    model.addAttribute("zone", clock.getZone());
    return "record-form";
  }

  /** The same form as PDF (A4, the CJK font embedded); the same access as the page. */
  @GetMapping("/visits/{id}/record.pdf")
  ResponseEntity<byte[]> recordPdf(@PathVariable long id, Authentication auth, Locale locale) {
    VisitRecords.Record record = visible(id, auth, "record form pdf");
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline()
                .filename("record-" + id + ".pdf", StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(pdf.render(record, locale, clock.getZone()));
  }

  /**
   * The record of a visit as the caller may see it (masked for STAFF), audit-logged: 404 for no
   * such visit, and (through the elder) for a visit outside the caller's scope.
   */
  private VisitRecords.Record visible(long id, Authentication auth, String what) {
    boolean full = privileged(auth);
    VisitRecords.Record record =
        records
            .record(id, full)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    elders.getInScope(record.elder().id(), callers.of(auth)); // not found outside the scope
    audit.record("VIEW", "visit", id, full ? what : what + " masked");
    return record;
  }

  @GetMapping("/elders/{id}/ledger.xlsx")
  ResponseEntity<byte[]> elderLedger(@PathVariable long id, Locale locale, Authentication auth) {
    elders.getInScope(id, callers.of(auth)); // not found outside the scope
    var rows = records.ofElder(id, true);
    audit.record("EXPORT", "visit", null, "ledger elder " + id);
    return xlsx(
        "ledger-elder-" + id + ".xlsx", ledger.xlsx("#" + id, rows, clock.getZone(), locale));
  }

  @GetMapping("/dashboard/ledger.xlsx")
  ResponseEntity<byte[]> areaLedger(
      @RequestParam String month,
      @RequestParam String district,
      @RequestParam String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String grid,
      Locale locale,
      Authentication auth) {
    YearMonth m = YearMonth.parse(month.strip());
    RegionScope scope = callers.of(auth).scope();
    if (Scopes.NOWHERE.equals(Scopes.narrow(scope, district, street, community)[0])) {
      // another area than the caller's: not found, rather than an empty ledger under its name
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    Area area = Scopes.area(scope, district, street, community, grid);
    var rows = records.ofArea(m, area, true);
    audit.record("EXPORT", "visit", null, "ledger " + m + " " + area);
    String title = String.join(" ", district, street, m.toString());
    return xlsx(
        "ledger-" + m + "-" + street + ".xlsx", ledger.xlsx(title, rows, clock.getZone(), locale));
  }

  private static ResponseEntity<byte[]> xlsx(String name, byte[] content) {
    return ResponseEntity.ok()
        .contentType(ReportsApi.XLSX)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(name, StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(content);
  }
}
