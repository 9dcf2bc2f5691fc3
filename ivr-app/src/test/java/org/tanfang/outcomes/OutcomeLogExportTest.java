package org.tanfang.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;

/**
 * Exports hold every row the filters select (more than a page), read back with commons-csv and POI,
 * headers in Chinese, and each export is audit-logged with its filters.
 */
@TanfangTest
class OutcomeLogExportTest {
  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired OutcomeLog log;
  @Autowired MutableClock clock;
  LogFixtures data;
  List<Long> expected;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    data = new LogFixtures(jdbc);
    data.clean();
    if (!accounts.exists("export-supervisor")) {
      accounts.create("export-supervisor", "supervisor-pw-2", Role.SUPERVISOR, "测试督导");
    }
    long meilan = data.elder("林亚妹", "美兰区", "海甸街道", "沿江社区", "LIVING_ALONE");
    long longhua = data.elder("陈阿公", "龙华区", "金宇街道", "金宇社区", "EMPTY_NEST");
    for (int i = 0; i < 55; i++) {
      String at = String.format("2026-03-%02dT%02d:%02d", 9 + i % 7, 8 + i % 10, i);
      long v = data.phoneVisit(meilan, "ROUTINE", "DONE", "COMPLETED", at);
      data.answer(v, "HEALTH", i % 5 == 0 ? "UNWELL" : "FINE", null);
    }
    data.homeVisit(longhua, "2026-03-14T10:00");
    expected = new ArrayList<>();
    log.forEach(
        OutcomeFilter.of(
            new OutcomeParams(null, null, "美兰区", null, null, null, null, null, null, null), clock),
        row -> expected.add(row.visitId()));
  }

  @Test
  void givenAFilter_whenExportingCsv_thenEveryMatchingRowIsThereWithAChineseHeader()
      throws Exception {
    byte[] body =
        mvc.perform(
                get("/api/outcomes.csv")
                    .param("district", "美兰区")
                    .with(httpBasic("export-supervisor", "supervisor-pw-2")))
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Type", Matchers.startsWith("text/csv")))
            .andExpect(header().string("Content-Disposition", Matchers.containsString(".csv")))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();

    String text = new String(body, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    List<CSVRecord> records =
        CSVFormat.EXCEL.builder().get().parse(new StringReader(text.substring(1))).getRecords();
    assertThat(records.get(0).values()).startsWith("探访编号", "时间", "老人编号", "姓名", "身份证号", "所属区");
    List<CSVRecord> rows = records.subList(1, records.size());
    assertThat(expected).hasSize(55);
    assertThat(rows.stream().map(r -> Long.parseLong(r.get(0))).toList()).isEqualTo(expected);
    assertThat(rows.get(0).get(3)).isEqualTo("林亚妹");
    assertThat(rows.get(0).get(4)).contains("****");
    assertThat(rows.get(0).get(5)).isEqualTo("美兰区");
    assertThat(rows).allSatisfy(r -> assertThat(r.get(12)).isEqualTo("完成"));
    assertThat(
            jdbc.queryForObject(
                "select detail from audit_event where action = 'EXPORT'", String.class))
        .isEqualTo("outcome log csv from=2026-03-09 to=2026-03-15 district=美兰区");
  }

  @Test
  void givenAFilter_whenExportingExcelFromThePage_thenTheWorkbookHoldsTheSameRows()
      throws Exception {
    byte[] body =
        mvc.perform(
                get("/outcomes.xlsx")
                    .param("district", "美兰区")
                    .param("intent", "UNWELL")
                    .with(user("supervisor").roles("SUPERVISOR")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();

    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(body))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("探访记录");
      assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("姓名");
      List<Long> ids = new ArrayList<>();
      for (Row row : sheet) {
        if (row.getRowNum() > 0) {
          ids.add((long) row.getCell(0).getNumericCellValue());
          assertThat(row.getCell(16).getStringCellValue()).isEqualTo("不太好");
        }
      }
      assertThat(ids).hasSize(11).isSubsetOf(expected);
      assertThat(ids).isSortedAccordingTo((a, b) -> expected.indexOf(a) - expected.indexOf(b));
    }
    assertThat(
            jdbc.queryForObject(
                "select detail from audit_event where action = 'EXPORT'", String.class))
        .isEqualTo("outcome log xlsx from=2026-03-09 to=2026-03-15 district=美兰区 intent=UNWELL");
  }

  @Test
  void givenEnglish_whenExporting_thenHeadersAndLabelsAreEnglish() throws Exception {
    String text =
        mvc.perform(
                get("/api/outcomes.csv")
                    .param("kind", "HOME")
                    .param("lang", "en")
                    .with(httpBasic("export-supervisor", "supervisor-pw-2")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    List<CSVRecord> records =
        CSVFormat.EXCEL.builder().get().parse(new StringReader(text.substring(1))).getRecords();
    assertThat(records).hasSize(2);
    assertThat(records.get(0).get(3)).isEqualTo("Name");
    assertThat(records.get(1).get(10)).isEqualTo("Home visit");
    assertThat(records.get(1).get(12)).isEqualTo("Visited by a person");
  }

  @Test
  void givenTextThatLooksLikeAFormula_whenExportingCsv_thenItIsShownNotEvaluated() {
    assertThat(OutcomeExport.inert("=HYPERLINK(\"http://x\")"))
        .isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(OutcomeExport.inert("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(OutcomeExport.inert("林亚妹")).isEqualTo("林亚妹");
    assertThat(OutcomeExport.inert(55L)).isEqualTo(55L);
  }
}
