package org.tanfang.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tanfang.reports.DashboardFixtures.local;

import java.io.ByteArrayInputStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/** The monthly report: stable bytes, the dashboard's figures, frozen once issued, bad requests. */
@TanfangTest
class MonthlyReportTest {
  static final YearMonth MARCH = YearMonth.of(2026, 3);
  static final RequestPostProcessor SUPERVISOR = httpBasic("report-supervisor", "report-pw-1");
  static final RequestPostProcessor STAFF = httpBasic("report-staff", "report-pw-2");

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired MonthlyReport report;
  @Autowired Dashboard dashboard;
  @Autowired UserAccounts accounts;
  @Autowired MockMvc mvc;
  DashboardFixtures f;

  @BeforeEach
  void setUp() {
    clock.setLocal("2026-04-02T10:00:00");
    f = new DashboardFixtures(jdbc);
    if (!accounts.exists("report-supervisor")) {
      accounts.create("report-supervisor", "report-pw-1", Role.SUPERVISOR, "月报督导");
      accounts.create("report-staff", "report-pw-2", Role.STAFF, "坐席");
    }
  }

  @Test
  void twoGenerationsAreByteForByteTheSame() {
    byte[] first = report.generate(MARCH, "美兰区");
    clock.setLocal("2026-04-03T15:30:00");
    byte[] second = report.generate(MARCH, "美兰区");

    assertThat(second).isEqualTo(first);
    assertThat(report.generate(MARCH, null)).isEqualTo(report.generate(MARCH, null));
  }

  @Test
  void theSummaryHoldsTheDashboardsFigures() throws Exception {
    Sheet summary = read(report.generate(MARCH, "美兰区")).getSheetAt(0);
    MonthFigures district = dashboard.month(MARCH, Area.of("美兰区", null, null, null));

    assertThat(summary.getSheetName()).isEqualTo("汇总");
    List<String> names = new ArrayList<>();
    for (int r = 2; r <= summary.getLastRowNum(); r++) {
      Row row = summary.getRow(r);
      String name = row.getCell(0).getStringCellValue();
      names.add(name);
      MonthFigures expected =
          name.equals("合计") ? district : dashboard.month(MARCH, Area.of("美兰区", name, null, null));
      for (int c = 0; c < MonthlyReport.SUMMARY.size(); c++) {
        String key = MonthlyReport.SUMMARY.get(c);
        double value = row.getCell(c + 1).getNumericCellValue();
        assertThat(value)
            .as(name + " " + key)
            .isEqualTo(key.equals("rate") ? expected.rate() : expected.count(key));
      }
    }
    assertThat(names).containsExactly("海甸街道", "白沙街道", "合计");
    XSSFWorkbook book = read(report.generate(MARCH, "美兰区"));
    assertThat(book.getNumberOfSheets()).isEqualTo(6);
    assertThat(book.getSheetName(5)).isEqualTo("四项检查");
  }

  @Test
  void theCityRollUpIsByDistrict() throws Exception {
    Sheet summary = read(report.generate(MARCH, null)).getSheetAt(0);
    MonthFigures city = dashboard.month(MARCH, Area.CITY);

    assertThat(summary.getRow(2).getCell(0).getStringCellValue()).isEqualTo("美兰区");
    assertThat(summary.getRow(3).getCell(0).getStringCellValue()).isEqualTo("龙华区");
    Row total = summary.getRow(4);
    assertThat(total.getCell(1).getNumericCellValue()).isEqualTo(city.count("elders.inScope"));
    assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(city.count("elders.covered"));
  }

  @Test
  void anIssuedReportDoesNotChangeWhenTheDataDoes() throws Exception {
    byte[] issued =
        mvc.perform(
                get("/api/reports/monthly.xlsx")
                    .param("month", "2026-03")
                    .param("district", "美兰区")
                    .with(SUPERVISOR))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    // B is visited after all, late: a fresh generation would differ, the issued one does not
    new Rows(jdbc)
        .visit(f.b)
        .valid(true)
        .status("DONE")
        .endedAt(local("2026-03-31T20:00:00"))
        .save();
    assertThat(report.generate(MARCH, "美兰区")).isNotEqualTo(issued);

    byte[] again =
        mvc.perform(
                get("/api/reports/monthly.xlsx")
                    .param("month", "2026-03")
                    .param("district", "美兰区")
                    .with(SUPERVISOR))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(again).isEqualTo(issued);
    assertThat(jdbc.queryForObject("select count(*) from monthly_report", Integer.class)).isOne();
  }

  @Test
  void onlyClosedMonthsOfKnownDistrictsForSupervisors() throws Exception {
    mvc.perform(get("/api/reports/monthly.xlsx").param("month", "2026-04").with(SUPERVISOR))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].rule").value("report.monthNotClosed"));
    mvc.perform(
            get("/api/reports/monthly.xlsx")
                .param("month", "2026-03")
                .param("district", "海口区")
                .with(SUPERVISOR))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("district"));
    mvc.perform(get("/api/reports/monthly.xlsx").param("month", "March").with(SUPERVISOR))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/api/reports/monthly.xlsx").param("month", "2026-03").with(STAFF))
        .andExpect(status().isForbidden());
    assertThat(jdbc.queryForObject("select count(*) from monthly_report", Integer.class)).isZero();
  }

  private static XSSFWorkbook read(byte[] bytes) throws Exception {
    return new XSSFWorkbook(new ByteArrayInputStream(bytes));
  }
}
