package org.tanfang.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tanfang.reports.DashboardFixtures.local;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;

/** The visit record form (masked for staff) and the ledgers of an elder and a street. */
@TanfangTest
class VisitRecordTest {
  static final RequestPostProcessor SUPERVISOR = user("record-sup").roles("SUPERVISOR");
  static final RequestPostProcessor STAFF = user("record-staff").roles("STAFF");

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired MockMvc mvc;
  long elder;
  long visit;
  long other;

  @BeforeEach
  void setUp() {
    clock.setLocal("2026-03-20T10:00:00");
    Rows.clean(jdbc);
    Rows rows = new Rows(jdbc);
    elder =
        rows.elder()
            .named("王秀华")
            .in("美兰区", "海甸街道", "沿江社区")
            .livingAt("海甸岛五西路8号")
            .phones("13907561234")
            .save();
    long neighbour = rows.elder().named("陈阿公").in("美兰区", "白沙街道", "白沙社区").save();
    visit =
        rows.visit(elder)
            .valid(true)
            .status("DONE")
            .outcome("COMPLETED")
            .endedAt(local("2026-03-10T10:05:00"))
            .save();
    rows.answer(visit)
        .to("health", "HEALTH")
        .spoken("UNWELL", "膝盖痛得走不了路", "/r/1.wav")
        .answeredAt(local("2026-03-10T10:02:00"))
        .save();
    rows.answer(visit)
        .to("safety", "SAFETY")
        .keyed("FINE")
        .answeredAt(local("2026-03-10T10:03:00"))
        .save();
    rows.caseWithoutHistory(elder, "FOLLOW_UP")
        .visit(visit)
        .openedAt(local("2026-03-10T10:06:00"), Duration.ofDays(1))
        .save();
    other =
        rows.visit(neighbour)
            .home()
            .valid(true)
            .status("DONE")
            .recordedBy("li")
            .endedAt(local("2026-03-11T15:00:00"))
            .save();
  }

  @Test
  void theFormShowsTheElderTheVisitTheAreasAndWhatWasDone() throws Exception {
    String page =
        mvc.perform(get("/visits/" + visit + "/record").with(SUPERVISOR))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("特殊困难老年人探访关爱服务记录表", "王秀华", "13907561234", "海甸岛五西路8号")
        .contains("2026-03-10 10:05", "电话探访", "自动电话探访")
        .contains("有问题: 膝盖痛得走不了路", "良好", "未涉及")
        .contains("身体不适回访 #1")
        .contains("class=\"no-print\"", "/css/tanfang.css");
    // printed without the navigation and the print button
    assertThat(mvc.perform(get("/css/tanfang.css")).andReturn().getResponse().getContentAsString())
        .contains("@media print", ".topbar, .no-print { display:none !important; }");
  }

  @Test
  void staffSeeTheElderMasked() throws Exception {
    String page =
        mvc.perform(get("/visits/" + visit + "/record").with(STAFF))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("王*华", "139****1234")
        .doesNotContain("王秀华", "13907561234", "海甸岛五西路8号");
    mvc.perform(get("/visits/999999/record").with(STAFF)).andExpect(status().isNotFound());
    mvc.perform(get("/elders/" + elder + "/ledger.xlsx").with(STAFF))
        .andExpect(status().isForbidden());
  }

  @Test
  void theLedgersOfAnElderAndOfAStreet() throws Exception {
    Sheet mine =
        sheet(
            mvc.perform(get("/elders/" + elder + "/ledger.xlsx").with(SUPERVISOR))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray());
    assertThat(mine.getLastRowNum()).isEqualTo(2);
    assertThat(mine.getRow(2).getCell(0).getNumericCellValue()).isEqualTo(visit);
    assertThat(mine.getRow(2).getCell(2).getStringCellValue()).isEqualTo("王秀华");
    assertThat(mine.getRow(2).getCell(10).getStringCellValue()).isEqualTo("有问题: 膝盖痛得走不了路");

    Sheet street =
        sheet(
            mvc.perform(
                    get("/dashboard/ledger.xlsx")
                        .param("month", "2026-03")
                        .param("district", "美兰区")
                        .param("street", "白沙街道")
                        .with(SUPERVISOR))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray());
    assertThat(street.getLastRowNum()).isEqualTo(2);
    assertThat(street.getRow(2).getCell(0).getNumericCellValue()).isEqualTo(other);
    assertThat(street.getRow(2).getCell(9).getStringCellValue()).isEqualTo("li");
  }

  private static Sheet sheet(byte[] xlsx) throws Exception {
    return new XSSFWorkbook(new ByteArrayInputStream(xlsx)).getSheetAt(0);
  }
}
