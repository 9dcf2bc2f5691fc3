package org.tanfang.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.outcomes.OutcomeExport;
import org.tanfang.outcomes.OutcomeFilter;
import org.tanfang.outcomes.OutcomeLog;
import org.tanfang.outcomes.OutcomeParams;
import org.tanfang.outcomes.OutcomeRow;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Callers;

/**
 * The outcome log over REST, and its CSV/Excel exports. The exports answer at two addresses with
 * the same filters: under {@code /api} for scripts (HTTP Basic), and beside the page for the
 * browser's session. Supervisors and administrators only (SecurityConfig).
 */
@RestController
class OutcomesApi {
  private final OutcomeLog log;
  private final OutcomeExport export;
  private final AuditLog audit;
  private final Clock clock;

  private final QueryChecks checks;
  private final Callers callers;

  OutcomesApi(
      OutcomeLog log,
      OutcomeExport export,
      AuditLog audit,
      Callers callers,
      Clock clock,
      QueryChecks checks) {
    this.checks = checks;
    this.callers = callers;
    this.log = log;
    this.export = export;
    this.audit = audit;
    this.clock = clock;
  }

  /** A page of the log and the filters it was read with (defaults filled in). */
  record OutcomePage(
      Map<String, String> filter,
      List<OutcomeRow> items,
      int page,
      int size,
      long total,
      int totalPages) {}

  @Operation(
      summary = "Every visit and call in a date range, filtered, newest first, a page at a time")
  @GetMapping("/api/outcomes")
  OutcomePage list(
      @ParameterObject OutcomeParams params,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      Authentication auth) {
    checks
        .check()
        .page(page)
        .size("size", size, OutcomeLog.MAX_PAGE_SIZE)
        .district(params.district())
        .done();
    OutcomeFilter filter = OutcomeFilter.of(params, clock).within(callers.of(auth).scope());
    audit.record("LIST", "visit", null, "outcome log " + filter.describe());
    OutcomeLog.Page result = log.page(filter, page, size);
    return new OutcomePage(
        filter.asParams(),
        result.items(),
        result.page(),
        result.size(),
        result.total(),
        result.totalPages());
  }

  @Operation(summary = "All rows the filters select as CSV (UTF-8 with BOM); audit-logged")
  @GetMapping({"/api/outcomes.csv", "/outcomes.csv"})
  void csv(
      @ParameterObject OutcomeParams params,
      Locale locale,
      HttpServletResponse response,
      Authentication auth)
      throws IOException {
    OutcomeFilter filter = OutcomeFilter.of(params, clock).within(callers.of(auth).scope());
    response.setContentType("text/csv;charset=UTF-8");
    attachment(response, filter, "csv");
    export.csv(filter, locale, response.getOutputStream());
  }

  @Operation(summary = "All rows the filters select as an Excel workbook (.xlsx); audit-logged")
  @GetMapping({"/api/outcomes.xlsx", "/outcomes.xlsx"})
  void xlsx(
      @ParameterObject OutcomeParams params,
      Locale locale,
      HttpServletResponse response,
      Authentication auth)
      throws IOException {
    OutcomeFilter filter = OutcomeFilter.of(params, clock).within(callers.of(auth).scope());
    response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    attachment(response, filter, "xlsx");
    export.xlsx(filter, locale, response.getOutputStream());
  }

  private static void attachment(HttpServletResponse response, OutcomeFilter f, String ext) {
    String name = "探访记录_" + f.from() + "_" + f.to() + "." + ext;
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
  }
}
