package org.tanfang.web;

import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.reports.IssuedReports;
import org.tanfang.security.AuditLog;
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

  ReportsApi(IssuedReports reports, AuditLog audit) {
    this.reports = reports;
    this.audit = audit;
  }

  @Operation(summary = "Monthly report of a closed month (district, or the city without one)")
  @GetMapping({"/api/reports/monthly.xlsx", "/dashboard/report.xlsx"})
  ResponseEntity<byte[]> monthly(
      @RequestParam String month, @RequestParam(required = false) String district) {
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
