package org.tanfang.web;

import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.tanfang.reports.IssuedReports;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Callers;
import org.tanfang.security.RegionScope;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * The monthly report (.xlsx) of a closed month for a district or the city: issued on first request,
 * the stored copy ever after. The same from the API (HTTP Basic) and the dashboard.
 */
@RestController
class ReportsApi {
  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final IssuedReports reports;
  private final AuditLog audit;

  private final Callers callers;

  ReportsApi(IssuedReports reports, AuditLog audit, Callers callers) {
    this.callers = callers;
    this.reports = reports;
    this.audit = audit;
  }

  @Operation(summary = "Monthly report of a closed month (district, or the city without one)")
  @GetMapping({"/api/reports/monthly.xlsx", "/dashboard/report.xlsx"})
  ResponseEntity<byte[]> monthly(
      @RequestParam String month,
      @RequestParam(required = false) String district,
      Authentication auth) {
    RegionScope scope = callers.of(auth).scope();
    if (scope.street() != null) {
      // The report is a district's (figures per street) or the city's: both are larger than a
      // street's or a community's scope, so neither is found for those accounts.
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    if (!scope.isCity()) {
      // A district's (or a street's) supervisor gets their district's report, never another's.
      if (district != null && !district.isBlank() && !district.strip().equals(scope.district())) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
      }
      district = scope.district();
    }
    YearMonth m;
    try {
      m = YearMonth.parse(month.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "report", List.of(FieldProblem.of("month", "month.format", month)));
    }
    IssuedReports.Issued issued = reports.issue(m, district);
    audit.record(
        "EXPORT",
        "report",
        issued.month(),
        "monthly report "
            + issued.month()
            + " "
            + (issued.district().isEmpty() ? "city" : issued.district())
            + " sha256="
            + issued.sha256());
    String name =
        "monthly-report-"
            + issued.month()
            + (issued.district().isEmpty() ? "-city" : "-" + issued.district())
            + ".xlsx";
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(name, StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Report-Issued-At", issued.issuedAt().toString())
        .header("X-Report-Sha256", issued.sha256())
        .body(issued.content());
  }
}
