package org.tanfang.web;

import java.io.IOException;
import java.util.Arrays;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.tanfang.registry.spreadsheet.Column;
import org.tanfang.registry.spreadsheet.ElderImport;
import org.tanfang.registry.spreadsheet.ImportOptions;
import org.tanfang.security.Callers;

/** The import page: upload a sheet, see what happened row by row. */
@Controller
class ImportPage {
  static final int ERRORS_SHOWN = 500;
  private final ElderImport elderImport;
  private final Callers callers;

  ImportPage(ElderImport elderImport, Callers callers) {
    this.elderImport = elderImport;
    this.callers = callers;
  }

  @GetMapping("/elders/import")
  String form(Model model) {
    model.addAttribute("columns", Arrays.asList(Column.values()));
    return "import";
  }

  @PostMapping("/elders/import")
  String upload(
      @RequestParam("file") MultipartFile file,
      @RequestParam(defaultValue = "false") boolean importValidRows,
      @RequestParam(defaultValue = "false") boolean dryRun,
      Model model,
      Authentication auth)
      throws IOException {
    var report =
        elderImport.run(
            file.getOriginalFilename(),
            file.getBytes(),
            new ImportOptions(importValidRows, dryRun, null),
            callers.of(auth).scope());
    model.addAttribute("report", report);
    model.addAttribute("errorsShown", report.errors().stream().limit(ERRORS_SHOWN).toList());
    model.addAttribute("errorsHidden", Math.max(0, report.errors().size() - ERRORS_SHOWN));
    return form(model);
  }
}
