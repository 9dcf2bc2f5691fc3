package org.tanfang.registry.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.registry.ElderService;
import org.tanfang.registry.spreadsheet.ImportReport.RowError;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

@TanfangTest
class ElderImportTest {
  @Autowired ElderImport elderImport;
  @Autowired ElderService elders;
  @Autowired JdbcTemplate jdbc;
  @Autowired MockMvc mvc;

  @BeforeEach
  void cleanRegistry() {
    Rows.clean(jdbc);
  }

  private int elderCount() {
    return jdbc.queryForObject("select count(*) from elder", Integer.class);
  }

  private ImportReport importCsv(List<List<String>> rows, ImportOptions options) {
    return elderImport.run("名单.csv", Sheets.csvBytes(rows, StandardCharsets.UTF_8), options);
  }

  @Test
  void shouldImportAGoodFile() {
    ImportReport report = importCsv(Sheets.rows(1, 20), ImportOptions.defaults());

    assertThat(report.errors()).isEmpty();
    assertThat(report.committed()).isTrue();
    assertThat(report.rows()).isEqualTo(20);
    assertThat(report.inserted()).isEqualTo(20);
    assertThat(elderCount()).isEqualTo(20);
    var elder = elders.findByIdNumber(Sheets.idNumber(3)).orElseThrow();
    assertThat(elder.region().district()).isEqualTo("秀英区");
    assertThat(elder.dialect()).isEqualTo("cmn");
    assertThat(elder.emergencyContacts()).hasSize(1);
  }

  @Test
  void shouldReportThreeBadRowsAndImportNothing() {
    List<List<String>> rows = Sheets.rows(1, 10);
    rows.get(1).set(2, "110105194912310021"); // line 3: wrong check digit
    rows.get(4).set(3, "12345"); // line 6: not a phone
    rows.get(7).set(9, "孤单"); // line 9: unknown category

    ImportReport report = importCsv(rows, ImportOptions.defaults());

    assertThat(report.committed()).isFalse();
    assertThat(report.rejected()).isEqualTo(3);
    assertThat(report.errors())
        .extracting(RowError::line, RowError::column, RowError::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, "C 身份证号", "idNumber.checkDigit"),
            org.assertj.core.groups.Tuple.tuple(6, "D 联系电话", "phone.invalid"),
            org.assertj.core.groups.Tuple.tuple(9, "J 类别", "categories.unknown"));
    assertThat(report.errors().get(1).message().get("zh-CN")).contains("12345");
    assertThat(elderCount()).isZero();
  }

  @Test
  void shouldImportOnlyTheGoodRowsWhenAsked() {
    List<List<String>> rows = Sheets.rows(1, 10);
    rows.get(1).set(2, "110105194912310021");

    ImportReport report = importCsv(rows, new ImportOptions(true, false, null));

    assertThat(report.committed()).isTrue();
    assertThat(report.inserted()).isEqualTo(9);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.errors()).hasSize(1);
    assertThat(elderCount()).isEqualTo(9);
  }

  @Test
  void shouldReadGbkEncodedCsvAsExcelSavesIt() {
    ImportReport report =
        elderImport.run(
            "名单.csv",
            Sheets.csvBytes(Sheets.rows(1, 5), Charset.forName("GBK")),
            ImportOptions.defaults());

    assertThat(report.format()).isEqualTo("CSV, GBK");
    assertThat(report.inserted()).isEqualTo(5);
    assertThat(elders.findByIdNumber(Sheets.idNumber(2)).orElseThrow().name()).isEqualTo("老人2");
  }

  @Test
  void shouldReadXlsxWithPhonesStoredAsNumbers() throws Exception {
    ImportReport report =
        elderImport.run("名单.xlsx", Sheets.xlsx(Sheets.rows(1, 8)), ImportOptions.defaults());

    assertThat(report.errors()).isEmpty();
    assertThat(report.inserted()).isEqualTo(8);
    assertThat(elders.findByIdNumber(Sheets.idNumber(8)).orElseThrow().primaryPhone())
        .isEqualTo("13908980008");
  }

  @Test
  void shouldBeIdempotentAndUpdateChangedRows() {
    importCsv(Sheets.rows(1, 10), ImportOptions.defaults());

    ImportReport again = importCsv(Sheets.rows(1, 10), ImportOptions.defaults());
    assertThat(again.inserted()).isZero();
    assertThat(again.unchanged()).isEqualTo(10);
    assertThat(elderCount()).isEqualTo(10);

    List<List<String>> changed = Sheets.rows(1, 12);
    changed.get(0).set(4, "新地址1号");
    ImportReport third = importCsv(changed, ImportOptions.defaults());
    assertThat(third.updated()).isEqualTo(1);
    assertThat(third.unchanged()).isEqualTo(9);
    assertThat(third.inserted()).isEqualTo(2);
    assertThat(elders.findByIdNumber(Sheets.idNumber(1)).orElseThrow().address())
        .isEqualTo("新地址1号");
    assertThat(elderCount()).isEqualTo(12);
  }

  @Test
  void shouldRejectAnIdNumberRepeatedInTheFile() {
    List<List<String>> rows = Sheets.rows(1, 4);
    rows.add(Sheets.row(2));

    ImportReport report = importCsv(rows, ImportOptions.defaults());

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(6);
              assertThat(e.rule()).isEqualTo("idNumber.duplicateInFile");
              assertThat(e.message().get("en")).contains("line 3");
            });
    assertThat(elderCount()).isZero();
  }

  @Test
  void shouldNameAMissingRequiredColumn() {
    String csv = "姓名,性别,联系电话\r\n张三,男,13812345678\r\n";
    ImportReport report =
        elderImport.run("x.csv", csv.getBytes(StandardCharsets.UTF_8), ImportOptions.defaults());

    assertThat(report.errors()).extracting(RowError::rule).contains("header.missing");
    assertThat(report.errors()).extracting(RowError::column).contains("身份证号", "家庭住址", "所属区");
    assertThat(report.committed()).isFalse();
  }

  @Test
  void shouldWriteNothingOnADryRun() {
    ImportReport report = importCsv(Sheets.rows(1, 5), new ImportOptions(false, true, null));
    assertThat(report.inserted()).isEqualTo(5);
    assertThat(report.committed()).isFalse();
    assertThat(elderCount()).isZero();
  }

  @Test
  void shouldRejectAFileThatIsNotASpreadsheet() {
    ImportReport report =
        elderImport.run(
            "x.xlsx",
            "PK not really a zip".getBytes(StandardCharsets.UTF_8),
            ImportOptions.defaults());
    assertThat(report.errors()).extracting(RowError::rule).contains("file.unreadable");
    assertThat(report.committed()).isFalse();
  }

  @Test
  void shouldImportThroughTheApiAndAnswer422WhenNothingWasImported() throws Exception {
    List<List<String>> rows = Sheets.rows(1, 6);
    rows.get(0).set(2, "bad");
    rows.get(2).set(5, "海口区");
    rows.get(4).set(0, "");
    MockMultipartFile file =
        new MockMultipartFile(
            "file", "名单.csv", "text/csv", Sheets.csvBytes(rows, StandardCharsets.UTF_8));

    mvc.perform(
            multipart("/api/elders/import")
                .file(file)
                .with(httpBasic("admin", "admin-test-password")))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.committed").value(false))
        .andExpect(jsonPath("$.rejected").value(3))
        .andExpect(jsonPath("$.errors.length()").value(3))
        .andExpect(jsonPath("$.errors[0].line").value(2))
        .andExpect(jsonPath("$.errors[1].line").value(4))
        .andExpect(jsonPath("$.errors[2].line").value(6));
    assertThat(elderCount()).isZero();

    mvc.perform(
            multipart("/api/elders/import")
                .file(file)
                .param("importValidRows", "true")
                .with(httpBasic("admin", "admin-test-password")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.inserted").value(3));
  }

  @Test
  void shouldOfferTemplatesThatImportCleanly() throws Exception {
    byte[] xlsx =
        mvc.perform(
                get("/api/elders/import/template.xlsx")
                    .with(httpBasic("admin", "admin-test-password")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    ImportReport fromXlsx = elderImport.run("模板.xlsx", xlsx, ImportOptions.defaults());
    assertThat(fromXlsx.errors()).isEmpty();
    assertThat(fromXlsx.warnings()).isEmpty();

    ImportReport fromCsv =
        elderImport.run("模板.csv", ImportTemplate.csv(), ImportOptions.defaults());
    assertThat(fromCsv.errors()).isEmpty();
    assertThat(fromCsv.warnings()).isEmpty();
  }
}
