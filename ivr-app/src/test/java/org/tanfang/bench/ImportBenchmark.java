package org.tanfang.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.TanfangApplication;
import org.tanfang.demo.DemoPopulation;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.spreadsheet.ElderImport;
import org.tanfang.registry.spreadsheet.ImportOptions;
import org.tanfang.registry.spreadsheet.ImportReport;

/**
 * Imports a 100,000-row elder sheet (CSV and XLSX) into a fresh embedded PostgreSQL and prints rows
 * per second for a first import (all inserts) and a re-import (all unchanged). Run with {@code
 * benchmarks/import-100k.sh}; not a test.
 */
public final class ImportBenchmark {
  static final String HEADER =
      "姓名,性别,身份证号,联系电话,备用电话,家庭住址,所属区,镇街,村居,网格,类别,失能等级,残疾等级,方言,紧急联系人,紧急联系人关系,紧急联系人电话";

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    List<ElderForm> elders = DemoPopulation.generate(rows, LocalDate.now());
    byte[] csv = csv(elders);
    byte[] xlsx = xlsx(elders);
    System.out.printf(
        "sheet: %d rows, CSV %.1f MB, XLSX %.1f MB%n", rows, csv.length / 1e6, xlsx.length / 1e6);
    Path dir = Files.createTempDirectory("tanfang-bench");
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TanfangApplication.class)
            .run(
                "--spring.main.web-application-type=none",
                "--tanfang.embedded-db.data-dir=" + dir,
                "--tanfang.embedded-db.port=0",
                "--tanfang.demo.enabled=false",
                "--logging.level.org.tanfang=WARN",
                "--tanfang.security.initial-admin-password=bench")) {
      ElderImport importer = app.getBean(ElderImport.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      run("CSV first import (inserts)", importer, "bench.csv", csv);
      run("CSV re-import (unchanged)", importer, "bench.csv", csv);
      jdbc.execute("truncate elder restart identity cascade");
      run("XLSX first import (inserts)", importer, "bench.xlsx", xlsx);
      run("XLSX re-import (unchanged)", importer, "bench.xlsx", xlsx);
      System.out.printf(
          "elders in database: %d%n",
          jdbc.queryForObject("select count(*) from elder", Long.class));
    }
  }

  private static void run(String label, ElderImport importer, String name, byte[] content) {
    System.gc();
    long start = System.nanoTime();
    ImportReport report = importer.run(name, content, ImportOptions.defaults());
    double seconds = (System.nanoTime() - start) / 1e9;
    long heapMb =
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1_000_000;
    System.out.printf(
        "%-30s %7d rows  %6.1f s  %8.0f rows/s  inserted=%d unchanged=%d errors=%d  heap after=%d MB%n",
        label,
        report.rows(),
        seconds,
        report.rows() / seconds,
        report.inserted(),
        report.unchanged(),
        report.errors().size(),
        heapMb);
    if (report.hasErrors()) {
      report.errors().stream().limit(5).forEach(e -> System.out.println("  " + e));
    }
  }

  static byte[] csv(List<ElderForm> elders) {
    StringBuilder s = new StringBuilder(HEADER).append('\n');
    for (ElderForm e : elders) {
      String[] cells = cells(e);
      s.append(String.join(",", cells)).append('\n');
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] xlsx(List<ElderForm> elders) throws Exception {
    try (SXSSFWorkbook book = new SXSSFWorkbook(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var sheet = book.createSheet("名单");
      String[] header = HEADER.split(",");
      var h = sheet.createRow(0);
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      for (int r = 0; r < elders.size(); r++) {
        var row = sheet.createRow(r + 1);
        String[] cells = cells(elders.get(r));
        for (int c = 0; c < cells.length; c++) {
          row.createCell(c).setCellValue(cells[c]);
        }
      }
      book.write(out);
      book.dispose();
      return out.toByteArray();
    }
  }

  private static String[] cells(ElderForm e) {
    var contact = e.emergencyContacts().isEmpty() ? null : e.emergencyContacts().get(0);
    return new String[] {
      e.name(),
      e.sex(),
      e.idNumber(),
      e.primaryPhone(),
      String.join("、", e.alternatePhones()),
      e.address(),
      e.district(),
      e.street(),
      e.community(),
      e.grid(),
      String.join("、", e.categories()),
      e.disabilityLevel(),
      e.disabilityGrade() == null ? "" : e.disabilityGrade(),
      e.dialect(),
      contact == null ? "" : contact.name(),
      contact == null ? "" : contact.relation(),
      contact == null ? "" : contact.phone()
    };
  }
}
