package org.tanfang.web;

import java.io.IOException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tanfang.registry.InvalidElderException;
import org.tanfang.registry.spreadsheet.ElderImport;
import org.tanfang.registry.spreadsheet.ImportOptions;
import org.tanfang.registry.spreadsheet.ImportReport;
import org.tanfang.registry.spreadsheet.ImportTemplate;
import org.tanfang.security.Callers;
import org.tanfang.shared.FieldProblem;

/**
 * {@code POST /api/elders/import} (multipart {@code file}; {@code importValidRows}, {@code dryRun},
 * {@code encoding}) answers 200 with the report when the file was imported, 422 when nothing was
 * written because of errors. Templates: {@code GET /api/elders/import/template.xlsx} and {@code
 * .csv}.
 */
@RestController
@RequestMapping("/api/elders/import")
class ElderImportApi {
  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final ElderImport elderImport;
  private final Callers callers;

  ElderImportApi(ElderImport elderImport, Callers callers) {
    this.elderImport = elderImport;
    this.callers = callers;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImportReport> upload(
      @RequestParam("file") MultipartFile file,
      @RequestParam(defaultValue = "false") boolean importValidRows,
      @RequestParam(defaultValue = "false") boolean dryRun,
      @RequestParam(required = false) String encoding,
      Authentication auth)
      throws IOException {
    if (file.isEmpty()) {
      throw new InvalidElderException(List.of(FieldProblem.of("file", "file.empty")));
    }
    ImportReport report =
        elderImport.run(
            file.getOriginalFilename(),
            file.getBytes(),
            ImportOptions.of(importValidRows, dryRun, encoding),
            callers.of(auth).scope());
    HttpStatus status =
        report.committed() || (dryRun && !report.hasErrors())
            ? HttpStatus.OK
            : HttpStatus.UNPROCESSABLE_CONTENT;
    return ResponseEntity.status(status).body(report);
  }

  @GetMapping("/template.xlsx")
  ResponseEntity<byte[]> xlsxTemplate() {
    return download(ImportTemplate.xlsx(), ImportTemplate.XLSX_FILE_NAME, XLSX);
  }

  @GetMapping("/template.csv")
  ResponseEntity<byte[]> csvTemplate() {
    return download(
        ImportTemplate.csv(),
        ImportTemplate.CSV_FILE_NAME,
        new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
  }

  static ResponseEntity<byte[]> download(byte[] body, String fileName, MediaType type) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(fileName, java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(body);
  }
}
